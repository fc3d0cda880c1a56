import type { ServiceFlag, ServiceSummary } from '@slicescope/contract';
import { defaultOrder, type TableSort } from '../app/route.ts';
import { compareNatural } from '../ui/order.ts';
import { parseLabelSelector, selectorMatches, type LabelRequirement } from './labelSelector.ts';

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
  /** A label selector (see {@link parseLabelSelector}); one that does not parse filters nothing. */
  label?: string | undefined;
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

function matches(
  service: ServiceSummary,
  filters: TableFilters,
  labels: readonly LabelRequirement[],
): boolean {
  if (filters.namespace !== undefined && service.namespace !== filters.namespace) return false;
  if (filters.flag !== undefined && !service.flags.includes(filters.flag)) return false;
  if (!selectorMatches(service.labels, labels)) return false;
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
  const selector = filters.label ? parseLabelSelector(filters.label) : undefined;
  const labels = selector?.ok ? selector.requirements : [];
  return services.filter((service) => matches(service, filters, labels)).sort(compareBy(order));
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
