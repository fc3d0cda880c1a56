import type { EndpointSlice } from '../model/kubernetes.ts';
import type { Endpoints } from '../model/endpoints.ts';
import { jsonWatchEventBytesFor, type WatchEventType } from './jsonBytes.ts';
import type { WireKind, WireObject } from './kubeSchema.ts';
import { KEP_0752_SIZING, paperObjectBytes, paperObjectSizer, type PaperSizing } from './paper.ts';
import { protobufWatchEventBytesFor } from './protobuf.ts';
import { wireSizes } from './sizes.ts';

/**
 * Watch fan-out: what the API server sends when one Endpoints or EndpointSlice object changes,
 * and the KEP-0752 "Estimation" formulas built on it (scale-facts.md §1, notation P endpoints,
 * N nodes, B endpoints per slice, S = ceil(P/B) slices). Every write produces one watch event per
 * watcher: one kube-proxy per node, plus other watchers (CoreDNS, ingress controllers) only when
 * asked for.
 */

export interface Watchers {
  /** Nodes, each running one kube-proxy that watches the objects. */
  nodes: number;
  /** Other watchers of the same objects (CoreDNS, ingress controllers, …); 0 by default. */
  extraWatchers?: number;
}

export function watcherCount(watchers: Watchers): number {
  return watchers.nodes + (watchers.extraWatchers ?? 0);
}

/** Events and bytes one write of an object sends to its watchers. */
export interface ObjectChangeFanout {
  watchers: number;
  /** One watch event per watcher. */
  events: number;
  /** JSON watch events: `{"type":…,"object":…}` lines, newline included. */
  jsonBytes: number;
  /** Protobuf watch events: 4-byte length frame + WatchEvent{type, RawExtension{k8s\0 + Unknown}}. */
  protobufBytes: number;
  /** Paper mode: events × the source's size for an object of this many endpoints. */
  paperBytes: number;
  /** Endpoints the object holds (a slice's endpoints; an Endpoints' ready and not-ready addresses). */
  endpoints: number;
}

/** Endpoints held by a slice, or addresses (ready and not ready) by an Endpoints object. */
function endpointCountOf(object: WireObject, kind?: WireKind): number {
  const name = kind ?? object.kind;
  if (name === 'EndpointSlice') return (object as EndpointSlice).endpoints?.length ?? 0;
  if (name === 'Endpoints') {
    let count = 0;
    for (const subset of (object as Endpoints).subsets ?? []) {
      count += (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
    }
    return count;
  }
  return 0;
}

/** One change of `object` delivered to every watcher, in JSON, protobuf and paper mode. */
export function objectChangeFanout(
  object: WireObject,
  watchers: Watchers,
  options: { type?: WatchEventType; kind?: WireKind; sizing?: PaperSizing } = {},
): ObjectChangeFanout {
  const type = options.type ?? 'MODIFIED';
  const sizes = wireSizes(object, options.kind);
  const endpoints = endpointCountOf(object, options.kind);
  const n = watcherCount(watchers);
  return {
    watchers: n,
    events: n,
    jsonBytes: n * jsonWatchEventBytesFor(sizes.json, type),
    protobufBytes: n * protobufWatchEventBytesFor(sizes.protobuf, type),
    paperBytes: n * paperObjectBytes(endpoints, options.sizing ?? KEP_0752_SIZING),
    endpoints,
  };
}

// --- KEP-0752 "Estimation" formulas ---

/** One Endpoints object per Service, or EndpointSlices of at most B endpoints. */
export type Layout =
  { kind: 'Endpoints' } | { kind: 'EndpointSlices'; maxEndpointsPerSlice: number };

export type Operation = 'serviceCreation' | 'singleEndpointUpdate' | 'rollingUpdate';

export interface ScenarioInput {
  /** P, endpoints (backend Pods) of the Service. */
  endpoints: number;
  watchers: Watchers;
  layout: Layout;
  /** Bytes of one object holding that many endpoints; paper mode with KEP-0752's constants by default. */
  objectBytes?: (endpoints: number) => number;
  /**
   * Writes per replaced Pod in a rolling update: 1 in paper mode (the sources' assumption);
   * see {@link REALISTIC_WRITES_PER_REPLACED_POD}.
   */
  writesPerReplacedPod?: number;
}

/**
 * Writes per replaced Pod in a real rollout: the new Pod appears not ready, becomes ready, the
 * old Pod starts terminating, and is removed. A slice records all four; Endpoints drops a
 * terminating Pod at once, so its removal writes nothing.
 */
export const REALISTIC_WRITES_PER_REPLACED_POD: Readonly<Record<Layout['kind'], number>> = {
  Endpoints: 3,
  EndpointSlices: 4,
};

export interface OperationCost {
  /** API writes (creates or updates) of Endpoints or EndpointSlices. */
  writes: number;
  /** Watchers of every object (N). */
  watchersPerObject: number;
  /** Watch events sent: writes × watchers. */
  events: number;
  /** Bytes sent: Σ over writes of watchers × size of the object written. */
  bytes: number;
}

/** S = ceil(P/B), at least the one placeholder slice of an empty Service. */
export function sliceCount(endpoints: number, maxEndpointsPerSlice: number): number {
  return Math.max(1, Math.ceil(endpoints / maxEndpointsPerSlice));
}

/** Endpoints in the object a single endpoint lives in: all P, or a full slice of B (or P < B). */
function containingObjectEndpoints(input: ScenarioInput): number {
  return input.layout.kind === 'Endpoints'
    ? input.endpoints
    : Math.min(input.endpoints, input.layout.maxEndpointsPerSlice);
}

/**
 * Cost of one operation on a Service as KEP-0752's estimation tables count it:
 * - serviceCreation (or deletion): 1 write of Endpoints, or S slice writes (full slices and the
 *   remainder); events N per write; bytes N × each object's size;
 * - singleEndpointUpdate: 1 write of the object holding the endpoint (none without endpoints),
 *   N events, N × its size;
 * - rollingUpdate: P writes (× writesPerReplacedPod), each of the whole containing object:
 *   N·P events and N·P·size bytes, so O(P²N) for Endpoints.
 */
export function operationCost(operation: Operation, input: ScenarioInput): OperationCost {
  const sizeOf = input.objectBytes ?? paperObjectSizer(KEP_0752_SIZING);
  const n = watcherCount(input.watchers);
  const p = input.endpoints;
  let writes: number;
  let bytesPerWatcher: number;
  switch (operation) {
    case 'serviceCreation':
      if (input.layout.kind === 'Endpoints') {
        writes = 1;
        bytesPerWatcher = sizeOf(p);
      } else {
        const b = input.layout.maxEndpointsPerSlice;
        writes = sliceCount(p, b);
        const full = Math.floor(p / b);
        const rest = p - full * b;
        bytesPerWatcher = full * sizeOf(b) + (rest > 0 || full === 0 ? sizeOf(rest) : 0);
      }
      break;
    case 'singleEndpointUpdate':
      // A Service without endpoints has none to update.
      writes = Math.min(p, 1);
      bytesPerWatcher = writes * sizeOf(containingObjectEndpoints(input));
      break;
    case 'rollingUpdate':
      writes = p * (input.writesPerReplacedPod ?? 1);
      bytesPerWatcher = writes * sizeOf(containingObjectEndpoints(input));
      break;
    default: {
      const never: never = operation;
      throw new Error(`unknown operation ${String(never)}`);
    }
  }
  return { writes, watchersPerObject: n, events: writes * n, bytes: bytesPerWatcher * n };
}

export interface EstimationColumn {
  layout: Layout;
  serviceCreation: OperationCost;
  singleEndpointUpdate: OperationCost;
  rollingUpdate: OperationCost;
}

/**
 * KEP-0752's estimation table for one Service: a column for the Endpoints object and one per
 * slice size (the KEP's columns are B = 100 and B = 1).
 */
export function estimationTable(input: {
  endpoints: number;
  watchers: Watchers;
  sliceSizes?: readonly number[];
  objectBytes?: (endpoints: number) => number;
}): EstimationColumn[] {
  const layouts: Layout[] = [
    { kind: 'Endpoints' },
    ...(input.sliceSizes ?? [100, 1]).map((b): Layout => ({
      kind: 'EndpointSlices',
      maxEndpointsPerSlice: b,
    })),
  ];
  return layouts.map((layout) => {
    const scenario: ScenarioInput = { ...input, layout };
    return {
      layout,
      serviceCreation: operationCost('serviceCreation', scenario),
      singleEndpointUpdate: operationCost('singleEndpointUpdate', scenario),
      rollingUpdate: operationCost('rollingUpdate', scenario),
    };
  });
}
