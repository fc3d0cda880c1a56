import type { Overview } from './rest.ts';
import type { ServiceSummary } from './views.ts';

/** As many Services as the overview lists per measure. */
const TOP = 10;

interface Ranked {
  key: string;
  value: number;
  row: ServiceSummary;
}

/** Larger values first, then `namespace/name` in code-unit order. */
const ranksBefore = (a: Ranked, b: Ranked): boolean =>
  a.value > b.value || (a.value === b.value && a.key < b.key);

/**
 * The TOP Services of the largest values above 0, in one pass: the dashboard ranks the live
 * stream's Services at every update, thousands of them, for ten.
 */
function top(
  rows: readonly ServiceSummary[],
  value: (row: ServiceSummary) => number,
): Overview['top']['byEndpoints'] {
  const best: Ranked[] = [];
  for (const row of rows) {
    const rowValue = value(row);
    if (!(rowValue > 0)) continue;
    const last = best.at(-1);
    if (best.length === TOP && last && rowValue < last.value) continue;
    const ranked = { key: `${row.namespace}/${row.name}`, value: rowValue, row };
    if (best.length === TOP && last && !ranksBefore(ranked, last)) continue;
    let at = best.length;
    while (at > 0 && ranksBefore(ranked, best[at - 1] as Ranked)) at--;
    best.splice(at, 0, ranked);
    if (best.length > TOP) best.pop();
  }
  return best.map(({ row, value: rowValue }) => ({
    namespace: row.namespace,
    name: row.name,
    value: rowValue,
  }));
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
