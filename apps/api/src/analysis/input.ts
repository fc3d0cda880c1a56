import {
  DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  MAX_MAX_ENDPOINTS_PER_SLICE,
  MIN_MAX_ENDPOINTS_PER_SLICE,
  type EndpointSlice,
  type Endpoints,
  type Node,
  type Pod,
  type ProxyBehaviour,
  type Service,
} from '@slicescope/core';

/** Settings of the cluster being analysed that its objects do not reveal. */
export interface AnalysisOptions {
  /** The controller's `--max-endpoints-per-slice`, 1–1000; default 100. */
  maxEndpointsPerSlice?: number | undefined;
  /** Which kube-proxy's rules the proxy view follows; default the newest. */
  proxyBehaviour?: ProxyBehaviour | undefined;
}

/** Everything the per-Service analyses read, as the api's model holds it. */
export interface AnalysisInput {
  service: Service;
  /** Every slice labelled `kubernetes.io/service-name=<name>` in the namespace, any managed-by. */
  slices: readonly EndpointSlice[];
  /** The Pods of the Service's namespace; undefined when they are not known (`podsUnknown`). */
  pods: readonly Pod[] | undefined;
  /** Why the Pods are not known, when `pods` is undefined; default: `--no-pods`. */
  podsUnknown?: string | undefined;
  nodes: readonly Node[];
  /** Why the Nodes are not known (a dump without them); undefined when they are. */
  nodesUnknown?: string | undefined;
  /** A dump's newest recorded time (RFC 3339), which the analyses' `now` is for a dump. */
  takenAt?: string | undefined;
  /** The Service's legacy v1 Endpoints object, when there is one. */
  endpoints: Endpoints | undefined;
  options: AnalysisOptions;
}

/** Why the Pods are not known (`pods` undefined): the input's reason, else `--no-pods`. */
export function podsUnknownReason(input: AnalysisInput): string {
  return input.podsUnknown ?? 'pods are not watched (--no-pods)';
}

/** At most this many items in any list an analysis returns; counts give the totals. */
export const LIST_CAP = 50;

/** The first {@link LIST_CAP} items of a list. */
export function capped<T>(items: readonly T[]): T[] {
  return items.slice(0, LIST_CAP);
}

/**
 * The `--max-endpoints-per-slice` to assume. A value outside 1–1000 is a configuration bug, not
 * data, so it throws.
 */
export function maxEndpointsPerSliceOf(options: AnalysisOptions): number {
  const max = options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  if (
    !Number.isInteger(max) ||
    max < MIN_MAX_ENDPOINTS_PER_SLICE ||
    max > MAX_MAX_ENDPOINTS_PER_SLICE
  ) {
    throw new RangeError(`maxEndpointsPerSlice ${max} is not an integer in 1–1000`);
  }
  return max;
}

/** `namespace/name` of the Service, for messages. */
export function serviceKeyOf(service: Service): string {
  return `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
}
