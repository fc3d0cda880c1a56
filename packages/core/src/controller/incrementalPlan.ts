import type { Endpoint, EndpointSlice, Service } from '../model/kubernetes.ts';
import { compareStrings } from '../util/records.ts';
import { endpointsEqualBeyondHash } from './endpoints.ts';
import { unplace } from './incrementalSliceIndex.ts';
import {
  podNameOf,
  sameIdentity,
  type AddressTypeState,
  type PortGroup,
  type SliceRecord,
} from './incrementalState.ts';
import { setEndpointSliceLabels } from './labels.ts';
import type { EfficiencyInfo } from './metrics.ts';
import { copySlice, packRemaining } from './reconcileByPortMapping.ts';
import { keepPlaceholder, newEndpointSlice } from './slices.ts';

/** The packing of one address type before hints and finalize, as reconcileByAddressType has it. */
export interface AddressTypePlan {
  slicesToCreate: EndpointSlice[];
  slicesToUpdate: EndpointSlice[];
  slicesToDelete: EndpointSlice[];
  portMappings: Map<string, EfficiencyInfo>;
  added: number;
  removed: number;
  /**
   * For each existing slice the plan writes or deletes: how many of its leading endpoints are
   * already placed in it (the kept ones; 0 for a deleted slice, whose name a create may take).
   */
  placedPrefix: Map<string, number>;
  /** For each endpoint list the plan built: its stale endpoints once written (see SliceRecord). */
  staleOf: Map<Endpoint[], Map<string, Endpoint>>;
}

export const byName = (a: SliceRecord, b: SliceRecord): number =>
  compareStrings(a.slice.metadata.name ?? '', b.slice.metadata.name ?? '');

/** The desired endpoints in no slice yet, in the order the full reconcile meets them: by Pod name. */
function remainingEndpoints(group: PortGroup): Endpoint[] {
  if (group.unplaced.size === 0) return [];
  const remaining = [...group.unplaced].map((pod) => group.desired.get(pod) as Endpoint);
  if (remaining.length > 1) {
    remaining.sort((a, b) => compareStrings(a.targetRef?.name ?? '', b.targetRef?.name ?? ''));
  }
  return remaining;
}

/**
 * When more than half of a slice's endpoints are stale (after a rebuild, say), step 1 walks the
 * whole slice instead of finding each stale endpoint's position in it.
 */
const SCAN_SHARE = 2;

/**
 * Step 1 for one existing slice by walking all its endpoints, as the full reconcile does: the
 * kept ones replaced by their desired version, or undefined when none is dropped or changed
 * (then the slice's stale endpoints are recorded anew).
 */
function scanEndpoints(group: PortGroup, record: SliceRecord): Endpoint[] | undefined {
  const stored = record.slice.endpoints ?? [];
  const name = record.slice.metadata.name ?? '';
  const kept: Endpoint[] = [];
  const stale = new Map<string, Endpoint>();
  let endpointUpdated = false;
  for (const endpoint of stored) {
    const pod = podNameOf(endpoint);
    const desired = group.desired.get(pod);
    if (desired === undefined || !sameIdentity(desired, endpoint)) {
      unplace(group, pod, name);
      continue;
    }
    kept.push(desired);
    if (desired === endpoint) continue;
    stale.set(pod, endpoint);
    if (!endpointsEqualBeyondHash(desired, endpoint)) endpointUpdated = true;
  }
  if (endpointUpdated || kept.length !== stored.length) return kept;
  record.stale = stale;
  return undefined;
}

/**
 * Step 1 of reconcileByPortMapping for one existing slice: its endpoints with the dropped ones
 * left out and every kept one replaced by its desired version, or undefined when none is dropped
 * or changed. Only the stale endpoints need a look — every other one is its Pod's desired
 * endpoint, which the full reconcile keeps as it is — so a slice costs its stale endpoints, plus
 * a copy of its endpoint list when it changes.
 */
function keptEndpoints(group: PortGroup, record: SliceRecord): Endpoint[] | undefined {
  const { stale } = record;
  const stored = record.slice.endpoints ?? [];
  if (stale.size === 0) return undefined;
  if (stale.size * SCAN_SHARE > stored.length) return scanEndpoints(group, record);
  const name = record.slice.metadata.name ?? '';
  const replaced: [Endpoint, Endpoint][] = [];
  const dropped = new Set<Endpoint>();
  let endpointUpdated = false;
  for (const [pod, endpoint] of stale) {
    const desired = group.desired.get(pod);
    if (desired === undefined || !sameIdentity(desired, endpoint)) {
      unplace(group, pod, name);
      dropped.add(endpoint);
    } else if (desired === endpoint) {
      stale.delete(pod);
    } else {
      replaced.push([endpoint, desired]);
      if (!endpointsEqualBeyondHash(desired, endpoint)) endpointUpdated = true;
    }
  }
  if (!endpointUpdated && dropped.size === 0) return undefined;
  const kept = stored.slice();
  for (const [endpoint, desired] of replaced) kept[kept.indexOf(endpoint)] = desired;
  return dropped.size === 0 ? kept : kept.filter((endpoint) => !dropped.has(endpoint));
}

/**
 * reconcileByPortMapping for one desired port mapping, looking in step 1 only at the slices that
 * may have changed (`touched`, in name order): every other slice of the mapping holds desired
 * endpoints equal to its own and Service labels, so the full reconcile leaves it unchanged, and the
 * endpoints it consumes from the desired set are exactly the placed ones. Endpoints dropped from
 * touched slices are unplaced at once; the ones this sync places are recorded at commit. Each
 * endpoint list it builds goes into `staleOf` with its stale endpoints (see SliceRecord).
 */
function planPortMapping(
  service: Service,
  addressType: EndpointSlice['addressType'],
  group: PortGroup,
  touched: readonly SliceRecord[],
  max: number,
  plan: Pick<AddressTypePlan, 'placedPrefix' | 'staleOf'>,
): Omit<AddressTypePlan, 'portMappings' | 'placedPrefix' | 'staleOf'> {
  const { placedPrefix, staleOf } = plan;
  const slicesToUpdate = new Map<string, EndpointSlice>();
  const slicesToDelete: EndpointSlice[] = [];
  let removed = 0;
  for (const record of touched) {
    const { slice } = record;
    const stored = slice.endpoints ?? [];
    const name = slice.metadata.name ?? '';
    const newEndpoints = keptEndpoints(group, record);
    const { labels, changed: labelsChanged } = setEndpointSliceLabels(slice, service);
    if (newEndpoints) {
      removed += stored.length - newEndpoints.length;
      placedPrefix.set(name, newEndpoints.length);
      if (newEndpoints.length === 0) slicesToDelete.push(slice);
      else {
        slicesToUpdate.set(name, copySlice(slice, { endpoints: newEndpoints, labels }));
        staleOf.set(newEndpoints, new Map());
      }
    } else if (labelsChanged) {
      placedPrefix.set(name, stored.length);
      const relabelled = copySlice(slice, { labels });
      slicesToUpdate.set(name, relabelled);
      staleOf.set(relabelled.endpoints as Endpoint[], record.stale);
    }
  }

  const remaining = remainingEndpoints(group);
  const slicesToCreate = packRemaining({
    remaining,
    max,
    slicesToUpdate,
    unchanged: () => {
      const deleted = new Set(slicesToDelete);
      const unchanged: SliceRecord[] = [];
      for (const record of group.slices.values()) {
        const name = record.slice.metadata.name ?? '';
        if (!slicesToUpdate.has(name) && !deleted.has(record.slice)) unchanged.push(record);
      }
      return unchanged.sort(byName).map((record) => record.slice);
    },
    newSlice: () => newEndpointSlice(service, group.ports, addressType),
    onFill: (name, filled) => {
      const endpoints = filled.endpoints as Endpoint[];
      placedPrefix.set(name, endpoints.length);
      const source = group.slices.get(name) as SliceRecord;
      const original = source.slice.endpoints ?? [];
      // asWritten keeps an endpoint with one address as it is, and then so do the stale ones.
      if (endpoints.every((endpoint, i) => endpoint === original[i])) {
        staleOf.set(endpoints, source.stale);
      }
    },
  });
  const added = remaining.length;
  return {
    slicesToCreate,
    slicesToUpdate: [...slicesToUpdate.values()],
    slicesToDelete,
    added,
    removed,
  };
}

/**
 * The packing of one address type (reconcileByAddressType up to the placeholder) from the
 * incremental state: desired port mappings in key order, then the slices of port mappings nobody
 * wants (ordered as the full reconcile groups them: by their first slice name), then the
 * placeholder. Clears the candidates: after this sync's calls every slice is up to date.
 */
export function planAddressType(
  service: Service,
  type: AddressTypeState,
  max: number,
): AddressTypePlan {
  const result: AddressTypePlan = {
    slicesToCreate: [],
    slicesToUpdate: [],
    slicesToDelete: [],
    portMappings: new Map(),
    added: 0,
    removed: 0,
    placedPrefix: new Map(),
    staleOf: new Map(),
  };
  const touchedByGroup = new Map<string, SliceRecord[]>();
  const touchedNames = new Set([...type.candidates, ...type.labelsChanged]);
  for (const name of touchedNames) {
    const record = type.slices.get(name);
    if (!record) continue;
    const touched = touchedByGroup.get(record.groupKey);
    if (touched) touched.push(record);
    else touchedByGroup.set(record.groupKey, [record]);
  }
  type.candidates.clear();

  const desiredKeys: string[] = [];
  const unwanted: SliceRecord[][] = [];
  for (const group of type.groups.values()) {
    if (group.members > 0) desiredKeys.push(group.key);
    else if (group.slices.size > 0) unwanted.push([...group.slices.values()].sort(byName));
  }
  desiredKeys.sort(compareStrings);
  for (const key of desiredKeys) {
    const group = type.groups.get(key) as PortGroup;
    const touched = (touchedByGroup.get(key) ?? []).sort(byName);
    const plan = planPortMapping(service, type.addressType, group, touched, max, result);
    result.added += plan.added;
    result.removed += plan.removed;
    result.portMappings.set(key, {
      endpoints: group.desired.size,
      slices: group.slices.size + plan.slicesToCreate.length - plan.slicesToDelete.length,
    });
    result.slicesToCreate.push(...plan.slicesToCreate);
    result.slicesToUpdate.push(...plan.slicesToUpdate);
    result.slicesToDelete.push(...plan.slicesToDelete);
  }
  unwanted.sort((a, b) => byName(a[0] as SliceRecord, b[0] as SliceRecord));
  for (const records of unwanted) {
    for (const record of records) {
      result.slicesToDelete.push(record.slice);
      result.placedPrefix.set(record.slice.metadata.name ?? '', 0);
    }
  }

  keepPlaceholder(service, type.addressType, type.slices.size, result);
  return result;
}
