import type { Overview } from './rest.ts';
import type { ServiceSummary } from './views.ts';

/** As many Services as the overview lists per measure. */
const TOP = 10;

function top(
  rows: readonly ServiceSummary[],
  value: (row: ServiceSummary) => number,
): Overview['top']['byEndpoints'] {
  return rows
    .filter((row) => value(row) > 0)
    .sort(
      (a, b) =>
        value(b) - value(a) || `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    )
    .slice(0, TOP)
    .map((row) => ({ namespace: row.namespace, name: row.name, value: value(row) }));
}

/**
 * The overview's "most" lists: the Services with the most endpoints, slices and slice writes
 * (value descending, then namespace/name; only values above 0). One rule for the api's
 * /overview and the dashboard, which ranks the live stream's Services with it.
 */
export function topServices(services: readonly ServiceSummary[]): Overview['top'] {
  return {
    byEndpoints: top(services, (row) => row.endpoints),
    bySlices: top(services, (row) => row.slices),
    byChurn: top(services, (row) => row.churn),
  };
}
