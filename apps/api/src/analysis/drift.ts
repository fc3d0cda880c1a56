import {
  applySliceActions,
  isListedSliceOf,
  sequentialNames,
  serviceWantsSlices,
  syncService,
  TopologyCache,
  type AddressType,
  type EndpointSlice,
  type SliceAction,
} from '@slicescope/core';
import { canonicalJson, compareStrings, endpointAddressText } from './endpointText.ts';
import {
  capped,
  LIST_CAP,
  maxEndpointsPerSliceOf,
  podsUnknownReason,
  type AnalysisInput,
} from './input.ts';
import { foreignSlices, sliceOwnership, type OtherSlice } from './sliceOwnership.ts';

/** One call the controller would make now, in the words of `slicescope reconcile`. */
export type DriftAction =
  | { verb: 'create'; generateName: string; addressType: AddressType; endpoints: number }
  | { verb: 'update'; name: string; addressType: AddressType; endpoints: number }
  | { verb: 'delete'; name: string };

/** What the EndpointSlice controller would write now, against what exists. */
export interface DriftAnalysis {
  /** False when the controller's view cannot be computed, or does not apply; `reason` says why. */
  available: boolean;
  reason?: string | undefined;
  /** The controller would make no call. Always false when not available. */
  inSync: boolean;
  creates: number;
  updates: number;
  deletes: number;
  /** The calls in the controller's order (capped). */
  actions: DriftAction[];
  /** Addresses the controller would add to its slices (capped; the count is the total). */
  endpointsMissing: string[];
  endpointsMissingCount: number;
  /** Addresses in its slices that it would remove (capped). */
  endpointsExtra: string[];
  endpointsExtraCount: number;
  /** Addresses it would keep but rewrite: conditions, zone, hints or Pod reference (capped). */
  endpointsChanged: string[];
  endpointsChangedCount: number;
  /** Why the sync would be reported failed and retried (e.g. a Pod's Node is unknown). */
  errors: string[];
  /** Slices managed by the EndpointSlice controller (drift is about these only). */
  controllerSlices: number;
  /** Slices the mirroring controller wrote: not the controller's, so never drift. */
  mirroredSlices: string[];
  /** Slices managed by neither controller (hand-made or another tool's). */
  otherSlices: OtherSlice[];
}

/** The controller settings the analyses assume: the newest controller's (1.35+ defaults). */
const PREFER_SAME_TRAFFIC_DISTRIBUTION = true;

/** Why the controller's view does not apply to this Service, or undefined when it does. */
function unavailableReason(input: AnalysisInput): string | undefined {
  const { service } = input;
  if (service.spec.type === 'ExternalName')
    return 'ExternalName Service: a DNS alias, the controller writes no slices for it';
  if (!serviceWantsSlices(service))
    return 'selector-less Service: slices are mirrored or hand-made';
  if (!input.pods) return podsUnknownReason(input);
  // Without Nodes the controller finds none for any Pod and would drop every endpoint.
  if (input.nodesUnknown !== undefined) return input.nodesUnknown;
  return undefined;
}

function describeAction(action: SliceAction): DriftAction {
  switch (action.verb) {
    case 'create':
      return {
        verb: 'create',
        generateName: action.slice.metadata.generateName ?? action.slice.metadata.name ?? '',
        addressType: action.slice.addressType,
        endpoints: action.slice.endpoints?.length ?? 0,
      };
    case 'update':
      return {
        verb: 'update',
        name: action.slice.metadata.name ?? '',
        addressType: action.slice.addressType,
        endpoints: action.slice.endpoints?.length ?? 0,
      };
    case 'delete':
      return { verb: 'delete', name: action.name };
    default: {
      const unknown: never = action;
      throw new Error(`unknown slice action ${JSON.stringify(unknown)}`);
    }
  }
}

/** Each endpoint's address text → its content, first copy wins (duplicates are rare). */
function endpointsByAddress(slices: readonly EndpointSlice[]): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const key = `${slice.addressType}/${endpointAddressText(endpoint)}`;
      if (!byAddress.has(key)) byAddress.set(key, canonicalJson(endpoint));
    }
  }
  return byAddress;
}

/** The address part of an `addressType/address` key. */
function addressOf(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

function endpointDifferences(
  before: readonly EndpointSlice[],
  after: readonly EndpointSlice[],
): { missing: string[]; extra: string[]; changed: string[] } {
  const old = endpointsByAddress(before);
  const now = endpointsByAddress(after);
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [key, content] of now) {
    const previous = old.get(key);
    if (previous === undefined) missing.push(addressOf(key));
    else if (previous !== content) changed.push(addressOf(key));
  }
  const extra = [...old.keys()].filter((key) => !now.has(key)).map(addressOf);
  return {
    missing: missing.sort(compareStrings),
    extra: extra.sort(compareStrings),
    changed: changed.sort(compareStrings),
  };
}

/** The first messages, and a last one saying how many more there were. */
function cappedMessages(messages: readonly string[]): string[] {
  if (messages.length <= LIST_CAP) return [...messages];
  return [...messages.slice(0, LIST_CAP - 1), `… and ${messages.length - LIST_CAP + 1} more`];
}

/** A fresh topology cache that has seen the Nodes, as `slicescope reconcile` builds one. */
function topologyCacheFor(input: AnalysisInput): TopologyCache {
  const cache = new TopologyCache();
  cache.setNodes(input.nodes);
  return cache;
}

/**
 * Drift between the EndpointSlice controller and the cluster: one sync of the controller
 * (core `syncService`) on the current Pods, Nodes and slices, with a fresh topology cache and
 * the newest controller's defaults. `inSync` holds exactly when that sync makes no call.
 *
 * Only slices managed by `endpointslice-controller.k8s.io` and not being deleted are the
 * controller's (CTRL syncService lists them by that label); mirrored and other slices are listed
 * apart and never count as drift.
 */
export function analyseDrift(input: AnalysisInput): DriftAnalysis {
  const ownership = sliceOwnership(input.slices);
  const listed = input.slices.filter((slice) => isListedSliceOf(slice, input.service));
  const base = {
    creates: 0,
    updates: 0,
    deletes: 0,
    actions: [],
    endpointsMissing: [],
    endpointsMissingCount: 0,
    endpointsExtra: [],
    endpointsExtraCount: 0,
    endpointsChanged: [],
    endpointsChangedCount: 0,
    errors: [],
    controllerSlices: ownership.controller.length,
    ...foreignSlices(ownership),
  };
  const reason = unavailableReason(input);
  const pods = input.pods;
  if (reason !== undefined || pods === undefined) {
    return { available: false, reason, inSync: false, ...base };
  }

  const result = syncService(input.service, pods, input.nodes, input.slices, {
    maxEndpointsPerSlice: maxEndpointsPerSliceOf(input.options),
    topologyCache: topologyCacheFor(input),
    preferSameTrafficDistribution: PREFER_SAME_TRAFFIC_DISTRIBUTION,
  });
  const after = applySliceActions(listed, result.actions, sequentialNames());
  const { missing, extra, changed } = endpointDifferences(listed, after);
  const count = (verb: SliceAction['verb']) =>
    result.actions.filter((action) => action.verb === verb).length;
  return {
    ...base,
    available: true,
    inSync: result.actions.length === 0,
    creates: count('create'),
    updates: count('update'),
    deletes: count('delete'),
    actions: capped(result.actions).map(describeAction),
    endpointsMissing: capped(missing),
    endpointsMissingCount: missing.length,
    endpointsExtra: capped(extra),
    endpointsExtraCount: extra.length,
    endpointsChanged: capped(changed),
    endpointsChangedCount: changed.length,
    errors: cappedMessages(result.errors),
  };
}
