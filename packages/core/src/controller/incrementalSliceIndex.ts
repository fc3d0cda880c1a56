import type { Endpoint, EndpointSlice, Service } from '../model/kubernetes.ts';
import { stripHints } from '../topology/removeHints.ts';
import { reconcileTrafficDistributionHints } from '../topology/trafficDistribution.ts';
import {
  dropIfEmpty,
  groupOf,
  podNameOf,
  sameIdentity,
  type AddressTypeState,
  type PortGroup,
  type SliceRecord,
} from './incrementalState.ts';
import { setEndpointSliceLabels } from './labels.ts';
import { portMapKey } from './ports.ts';

/**
 * Which hint stage runs after packing, as reconcileByAddressType picks it: topology-aware hints
 * (which look at every slice, so the incremental reconcile hands them every unchanged slice),
 * trafficDistribution hints, or hint removal.
 */
export type HintStage =
  { kind: 'topology' } | { kind: 'trafficDistribution'; value: string } | { kind: 'remove' };

/** Whether the hint stage would update this slice even if nothing else touched it. */
function hintsStale(slice: EndpointSlice, stage: HintStage): boolean {
  switch (stage.kind) {
    case 'topology':
      return false;
    case 'trafficDistribution':
      return reconcileTrafficDistributionHints(stage.value, [], [], [slice]).toUpdate.length > 0;
    case 'remove':
      return stripHints(slice) !== slice;
    default: {
      const unknown: never = stage;
      throw new Error(`unknown hint stage ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Records an existing slice of this address type as syncService lists it: its port mapping, where
 * each of its endpoints is, whether its labels or hints are stale. Returns false when a Pod has
 * two endpoints in the same port mapping — a duplicate the full reconcile resolves by slice
 * order, which the incremental one does not model.
 */
export function addSlice(
  type: AddressTypeState,
  slice: EndpointSlice,
  service: Service,
  stage: HintStage,
): boolean {
  const name = slice.metadata.name ?? '';
  const group = groupOf(type, portMapKey(slice.ports), []);
  let unique = true;
  const stale = new Map<string, Endpoint>();
  for (const endpoint of slice.endpoints ?? []) {
    const pod = podNameOf(endpoint);
    if (group.placed.has(pod)) unique = false;
    group.placed.set(pod, name);
    const desired = group.desired.get(pod);
    if (desired !== endpoint) stale.set(pod, endpoint);
    if (desired && sameIdentity(desired, endpoint)) group.unplaced.delete(pod);
  }
  const record: SliceRecord = { slice, groupKey: group.key, stale };
  group.slices.set(name, record);
  type.slices.set(name, record);
  if (setEndpointSliceLabels(slice, service).changed) type.labelsChanged.add(name);
  if (hintsStale(slice, stage)) type.hintsStale.add(name);
  return unique;
}

/** The endpoints of a slice that are not their Pod's desired endpoint object, by Pod name. */
function staleEndpoints(group: PortGroup, endpoints: readonly Endpoint[]): Map<string, Endpoint> {
  const stale = new Map<string, Endpoint>();
  for (const endpoint of endpoints) {
    const pod = podNameOf(endpoint);
    if (group.desired.get(pod) !== endpoint) stale.set(pod, endpoint);
  }
  return stale;
}

/**
 * Records a slice this sync wrote. Every endpoint it holds is desired with that identity: kept
 * endpoints were replaced by their desired version, new ones came from the unplaced, and the
 * hint stage changes no identity. The first `placedPrefix` endpoints are known to be placed in
 * it already. Its labels and hints are current, as the sync just set them. `stale` is its stale
 * endpoints when the plan knows them (it built this endpoint array); else they are looked up.
 */
export function wroteSlice(
  type: AddressTypeState,
  slice: EndpointSlice,
  placedPrefix: number,
  stale: Map<string, Endpoint> | undefined,
): void {
  const name = slice.metadata.name ?? '';
  const groupKey = portMapKey(slice.ports);
  const previous = type.slices.get(name);
  if (previous && previous.groupKey !== groupKey) removeSlice(type, name);
  const group = groupOf(type, groupKey, []);
  const endpoints = slice.endpoints ?? [];
  for (let i = placedPrefix; i < endpoints.length; i++) {
    const pod = podNameOf(endpoints[i] as (typeof endpoints)[number]);
    group.placed.set(pod, name);
    group.unplaced.delete(pod);
  }
  const record = group.slices.get(name);
  const known = stale ?? staleEndpoints(group, endpoints);
  if (record) {
    record.slice = slice;
    record.stale = known;
  } else {
    const added: SliceRecord = { slice, groupKey, stale: known };
    group.slices.set(name, added);
    type.slices.set(name, added);
  }
  type.labelsChanged.delete(name);
  type.hintsStale.delete(name);
}

/** The plan drops a Pod's endpoint from a slice: it is no longer placed there. */
export function unplace(group: PortGroup, pod: string, sliceName: string): void {
  if (group.placed.get(pod) !== sliceName) return;
  group.placed.delete(pod);
  if (group.desired.has(pod)) group.unplaced.add(pod);
}

/** Forgets a slice: its endpoints that are still desired are unplaced again. */
export function removeSlice(type: AddressTypeState, name: string): void {
  const record = type.slices.get(name);
  if (!record) return;
  type.slices.delete(name);
  type.candidates.delete(name);
  type.labelsChanged.delete(name);
  type.hintsStale.delete(name);
  const group = type.groups.get(record.groupKey);
  if (!group) return;
  group.slices.delete(name);
  for (const endpoint of record.slice.endpoints ?? []) unplace(group, podNameOf(endpoint), name);
  dropIfEmpty(type, group);
}
