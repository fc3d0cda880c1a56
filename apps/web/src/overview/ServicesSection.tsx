import type { ServiceSummary } from '@slicescope/contract';
import { useDeferredValue, useMemo } from 'react';
import { navigate } from '../app/navigation.ts';
import type { OverviewRoute, TableSort } from '../app/route.ts';
import { download, fileName } from '../export/download.ts';
import { Empty } from '../ui/StateMessage.tsx';
import { FLAG_TEXT } from './flags.ts';
import { parseLabelSelector } from './labelSelector.ts';
import { ServiceFilters } from './ServiceFilters.tsx';
import { servicesCsv } from './servicesCsv.ts';
import { namespacesOf, nextOrder, tableRows, type TableFilters } from './serviceTable.ts';
import { ServicesTable } from './ServicesTable.tsx';

/** What the filters ask for, in words, for the empty state. */
export function describeFilters(filters: TableFilters): string {
  const parts: string[] = [];
  if (filters.q) parts.push(`“${filters.q}”`);
  if (filters.namespace !== undefined) parts.push(`in namespace ${filters.namespace}`);
  if (filters.flag !== undefined) parts.push(`with the problem ${FLAG_TEXT[filters.flag].label}`);
  if (filters.label && parseLabelSelector(filters.label).ok) {
    parts.push(`with labels ${filters.label}`);
  }
  return parts.join(' ');
}

/** Drops empty values, so the URL leaves them out. */
function withFilters(route: OverviewRoute, change: TableFilters): OverviewRoute {
  const next: OverviewRoute = { ...route, ...change };
  for (const key of ['q', 'namespace', 'flag', 'label'] as const) {
    if (next[key] === undefined || next[key] === '') delete next[key];
  }
  return next;
}

/** The services table with its filters, sorting and CSV export, all kept in the URL. */
export function ServicesSection({
  route,
  services,
}: {
  route: OverviewRoute;
  services: readonly ServiceSummary[];
}) {
  const { q, namespace, flag, label, sort, order } = route;
  // Typing stays responsive with 10,000 Services: the rows follow a render later if need be.
  const query = useDeferredValue(
    useMemo(
      () => ({ q, namespace, flag, label, sort, order }),
      [q, namespace, flag, label, sort, order],
    ),
  );
  const rows = useMemo(
    () =>
      tableRows(
        services,
        { q: query.q, namespace: query.namespace, flag: query.flag, label: query.label },
        { sort: query.sort, order: query.order },
      ),
    [services, query],
  );
  const namespaces = useMemo(() => namespacesOf(services), [services]);
  const filters: TableFilters = { q, namespace, flag, label };

  const onFilter = (change: TableFilters) =>
    navigate(withFilters(route, change), { replace: true });
  const onSort = (column: TableSort) =>
    navigate({ ...route, ...nextOrder({ sort, order }, column) }, { replace: true });
  const exportCsv = () => {
    const parts = ['services', namespace ?? '', flag ?? '', q ?? ''].filter((part) => part !== '');
    download(new Blob([servicesCsv(rows)], { type: 'text/csv' }), fileName(parts, 'csv'));
  };

  return (
    <section className="overview-services" aria-labelledby="services-title">
      <h2 id="services-title">Services</h2>
      <div className="toolbar" role="search" aria-label="Filter Services">
        <ServiceFilters filters={filters} namespaces={namespaces} onChange={onFilter} />
        <span className="muted" role="status">
          {Object.values(filters).every((value) => value === undefined)
            ? `${services.length} Services`
            : `${rows.length} of ${services.length} Services`}
        </span>
        <button
          type="button"
          className="export-button"
          onClick={exportCsv}
          disabled={rows.length === 0}
        >
          Export CSV
        </button>
      </div>
      {services.length === 0 ? (
        <Empty>The cluster has no Services.</Empty>
      ) : rows.length === 0 ? (
        <Empty>
          No Services match {describeFilters(filters)}.{' '}
          <button
            type="button"
            onClick={() =>
              onFilter({ q: undefined, namespace: undefined, flag: undefined, label: undefined })
            }
          >
            Clear filters
          </button>
        </Empty>
      ) : (
        <ServicesTable
          rows={rows}
          order={{ sort: query.sort, order: query.order }}
          onSort={onSort}
        />
      )}
    </section>
  );
}
