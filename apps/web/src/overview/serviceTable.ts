import type { ServiceFlag, ServiceSummary } from '@slicescope/contract';
import { defaultOrder, type TableSort } from '../app/route.ts';
import { compareNatural } from '../ui/order.ts';

/**
 * The services table's rows: which Services pass the filters and in what order. Pure, so the
 * table, its CSV export and the tests agree on one definition.
 */

export interface TableFilters {
  /** Case-insensitive substring of `namespace/name`. */
  q?: string | undefined;
  /** Exactly this namespace. */
  namespace?: string | undefined;
  /** Services carrying this flag. */
  flag?: ServiceFlag | undefined;
  /** A label selector (see {@link labelSelectorMatches}). */
  label?: string | undefined;
}

/**
 * Kubernetes' equality-based label selector over a Service's own labels: comma-separated
 * requirements, all of which must hold — `key=value` (or `key==value`), `key!=value` (true when
 * the label is absent too), `key` (present) and `!key` (absent). Blank requirements are ignored.
 */
export function labelSelectorMatches(
  labels: Readonly<Record<string, string>> | undefined,
  selector: string,
): boolean {
  const has = (key: string) => labels !== undefined && Object.hasOwn(labels, key);
  for (const raw of selector.split(',')) {
    const requirement = raw.trim();
    if (requirement === '') continue;
    const unequal = /^([^!=]+)!=(.*)$/.exec(requirement);
    const equal = /^([^!=]+)==?(.*)$/.exec(requirement);
    if (unequal) {
      const key = (unequal[1] ?? '').trim();
      if (has(key) && labels?.[key] === (unequal[2] ?? '').trim()) return false;
    } else if (equal) {
      const key = (equal[1] ?? '').trim();
      if (!has(key) || labels?.[key] !== (equal[2] ?? '').trim()) return false;
    } else if (requirement.startsWith('!')) {
      if (has(requirement.slice(1).trim())) return false;
    } else if (!has(requirement)) return false;
  }
  return true;
}

export interface TableOrder {
  sort: TableSort;
  order: 'asc' | 'desc';
}

/**
 * How tightly the Service's slices are packed: the fewest slices possible over the slices there
 * are. 1 is as tight as it gets; lower means fragmented. 1 when there are no slices.
 */
export function fillOf(service: Pick<ServiceSummary, 'slices' | 'idealSlices'>): number {
  return service.slices === 0 ? 1 : service.idealSlices / service.slices;
}

export const keyOf = (service: Pick<ServiceSummary, 'namespace' | 'name'>): string =>
  `${service.namespace}/${service.name}`;

export function matches(service: ServiceSummary, filters: TableFilters): boolean {
  if (filters.namespace !== undefined && service.namespace !== filters.namespace) return false;
  if (filters.flag !== undefined && !service.flags.includes(filters.flag)) return false;
  if (filters.label !== undefined && !labelSelectorMatches(service.labels, filters.label)) {
    return false;
  }
  if (filters.q !== undefined && filters.q !== '') {
    return keyOf(service).toLowerCase().includes(filters.q.toLowerCase());
  }
  return true;
}

/** namespace, then name, in natural order (svc-2 before svc-10); never 0 for different names. */
export function compareNames(
  a: Pick<ServiceSummary, 'namespace' | 'name'>,
  b: Pick<ServiceSummary, 'namespace' | 'name'>,
): number {
  return compareNatural(a.namespace, b.namespace) || compareNatural(a.name, b.name);
}

/** The number a numeric sort orders by. */
export const SORT_VALUE: Record<Exclude<TableSort, 'name'>, (service: ServiceSummary) => number> = {
  endpoints: (service) => service.endpoints,
  slices: (service) => service.slices,
  fill: fillOf,
  churn: (service) => service.churn,
};

/**
 * Orders by the sort key in the given direction; equal keys fall back to the name (ascending),
 * and equal names keep their input order (the sort is stable).
 */
export function compareBy(order: TableOrder): (a: ServiceSummary, b: ServiceSummary) => number {
  const sign = order.order === 'asc' ? 1 : -1;
  if (order.sort === 'name') return (a, b) => sign * compareNames(a, b);
  const value = SORT_VALUE[order.sort];
  return (a, b) => sign * (value(a) - value(b)) || compareNames(a, b);
}

/** The rows of the table: the Services passing the filters, sorted. The input is not changed. */
export function tableRows(
  services: readonly ServiceSummary[],
  filters: TableFilters,
  order: TableOrder,
): ServiceSummary[] {
  return services.filter((service) => matches(service, filters)).sort(compareBy(order));
}

/** Every namespace that has a Service, sorted. */
export function namespacesOf(services: readonly ServiceSummary[]): string[] {
  return [...new Set(services.map((service) => service.namespace))].sort(compareNatural);
}

/** The order a header button asks for: the other direction of the current sort, or its default. */
export function nextOrder(current: TableOrder, sort: TableSort): TableOrder {
  if (current.sort === sort) return { sort, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort, order: defaultOrder(sort) };
}
