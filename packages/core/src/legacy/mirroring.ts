import type { AddressType, EndpointPort, EndpointSlice, Service } from '../model/kubernetes.ts';
import type { EndpointAddress, Endpoints } from '../model/endpoints.ts';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../model/constants.ts';
import { EndpointSet } from '../controller/endpointSet.ts';
import type { SliceAction } from '../controller/finalize.ts';
import { numDesiredSlices } from '../controller/metrics.ts';
import { protocolOf } from '../controller/ports.ts';
import type { ControllerEvent } from '../topology/sliceInfo.ts';
import { compareStrings } from '../util/records.ts';
import {
  ANNOTATION_LEADER_ELECTION,
  DEFAULT_MIRRORING_MAX_ENDPOINTS_PER_SUBSET,
  EVENT_INVALID_IP_ADDRESS,
  EVENT_TOO_MANY_ADDRESSES_TO_MIRROR,
  LABEL_SKIP_MIRROR,
} from './constants.ts';
import {
  addressToEndpoint,
  endpointsPortsToSlicePorts,
  isMirroredSliceOf,
  mirroredAnnotations,
  mirroredPortMapKey,
  newMirroredEndpointSlice,
  ownedByEarlierEndpoints,
  recycleSlices,
  totalChanges,
  withoutKeys,
  type EndpointTotals,
  type SlicesByAction,
} from './mirroringSlices.ts';
import { recordsEqual } from './subsetsEqual.ts';
import { repackSubsets } from './repackSubsets.ts';

export interface MirroringOptions {
  /** `--mirroring-max-endpoints-per-subset`: addresses mirrored per Endpoints subset (1000). */
  maxEndpointsPerSubset?: number;
}

/**
 * The mirroring controller's metrics for one sync (MIR metrics; subsystem
 * `endpoint_slice_mirroring_controller`), in the words of the EndpointSlice controller's
 * SyncMetrics. The gauges hold what this Endpoints object contributes.
 */
export interface MirroringMetrics {
  /** Gauge `desired_endpoint_slices`: per (port set, address type) ceil(endpoints / max). */
  desiredSlices: number;
  /** Gauge `num_endpoint_slices`. */
  actualSlices: number;
  /** Gauge `endpoints_desired`. */
  desiredEndpoints: number;
  /** Histograms `endpoints_added_per_sync`, `…updated…`, `…removed…`. */
  addedPerSync: number;
  updatedPerSync: number;
  removedPerSync: number;
  /** Histogram `addresses_skipped_per_sync`: invalid IPs and addresses past the limit. */
  skippedPerSync: number;
  /** Counter `endpointslice_changes{operation}`: calls the reconciler made. */
  numCreated: number;
  numUpdated: number;
  numDeleted: number;
}

export interface Mirroring {
  /** API calls in the order the controller makes them. */
  actions: SliceAction[];
  /** Warning events recorded on the Endpoints object. */
  events: ControllerEvent[];
  metrics: MirroringMetrics;
}

/** The mirroring controller's metrics before a sync has added anything. */
export function emptyMirroringMetrics(): MirroringMetrics {
  return {
    desiredSlices: 0,
    actualSlices: 0,
    desiredEndpoints: 0,
    addedPerSync: 0,
    updatedPerSync: 0,
    removedPerSync: 0,
    skippedPerSync: 0,
    numCreated: 0,
    numUpdated: 0,
    numDeleted: 0,
  };
}

/**
 * Whether an Endpoints object may be mirrored at all (endpointslicemirroring_controller.go
 * shouldMirror): not without one, not with `endpointslice.kubernetes.io/skip-mirror: "true"`
 * (any other value mirrors), not with a leader-election annotation (any value). Whether a
 * selector-less Service exists is checked separately ({@link syncMirroredEndpoints}).
 */
export function shouldMirror(endpoints: Endpoints | undefined): boolean {
  if (!endpoints) return false;
  if (endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') return false;
  return endpoints.metadata.annotations?.[ANNOTATION_LEADER_ELECTION] === undefined;
}

function byName(a: EndpointSlice, b: EndpointSlice): number {
  return compareStrings(a.metadata.name ?? '', b.metadata.name ?? '');
}

interface DesiredPortMapping {
  endpoints: EndpointSet;
  ports: EndpointPort[];
  addressType: AddressType;
}

/**
 * The desired endpoints per (address type, port set) key, in the order upstream's initPorts
 * meets them (subset by subset, IPv4 then IPv6), plus the counts for the events (MIR
 * reconciler.go reconcile, first half). A key exists for both families of every subset, even
 * with no endpoints.
 */
function desiredPortMappings(
  endpoints: Endpoints,
  maxEndpointsPerSubset: number,
): { desired: Map<string, DesiredPortMapping>; invalid: number; skipped: number } {
  const desired = new Map<string, DesiredPortMapping>();
  let invalid = 0;
  let skipped = 0;
  // The API server defaults a port's protocol to TCP before anyone reads it; do the same first so
  // an absent protocol and TCP are one port when repacking, as they are one in the slices.
  const defaulted = (endpoints.subsets ?? []).map((subset) =>
    subset.ports
      ? { ...subset, ports: subset.ports.map((port) => ({ ...port, protocol: protocolOf(port) })) }
      : subset,
  );
  for (const subset of repackSubsets(defaulted)) {
    const ports = endpointsPortsToSlicePorts(subset.ports ?? []);
    const keys = {} as Record<AddressType, string>;
    for (const addressType of ['IPv4', 'IPv6'] as const) {
      const key = mirroredPortMapKey(ports, addressType);
      keys[addressType] = key;
      const existing = desired.get(key);
      if (existing) existing.ports = ports;
      else desired.set(key, { endpoints: new EndpointSet(), ports, addressType });
    }

    const addresses = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    let added = 0;
    const add = (address: EndpointAddress, ready: boolean): void => {
      const converted = addressToEndpoint(address, ready);
      if (!converted) {
        invalid++;
        return;
      }
      desired.get(keys[converted.addressType])?.endpoints.insert(converted.endpoint);
      added++;
    };
    // Ready addresses first; once the limit is reached the rest, invalid ones too, are skipped.
    for (const address of addresses) {
      if (added >= maxEndpointsPerSubset) break;
      add(address, true);
    }
    for (const address of notReady) {
      if (added >= maxEndpointsPerSubset) break;
      add(address, false);
    }
    skipped += addresses.length + notReady.length - added;
  }
  return { desired, invalid, skipped };
}

/**
 * The plan of one key (MIR reconciler.go reconcileByPortMapping): exactly one slice. No desired
 * endpoints: every existing slice is deleted. Otherwise the first existing slice is kept and the
 * others deleted; it is left alone when its endpoints match (see {@link totalChanges}), its labels
 * other than service-name and managed-by equal the Endpoints' labels, its annotations equal the
 * mirrored ones and no owner reference names an earlier Endpoints object; else it is rewritten
 * under its name, or a new slice is created when there is none. Endpoints are written in
 * desired-set order (upstream: Go map order), at most `maxEndpointsPerSubset`.
 */
function reconcilePortMapping(
  endpoints: Endpoints,
  existing: readonly EndpointSlice[],
  mapping: DesiredPortMapping,
  maxEndpointsPerSubset: number,
): { slices: SlicesByAction; totals: EndpointTotals } {
  const slices: SlicesByAction = { toCreate: [], toUpdate: [], toDelete: [] };
  let totals: EndpointTotals = { added: 0, updated: 0, removed: 0 };
  const desired = mapping.endpoints;
  if (desired.size === 0) {
    slices.toDelete = [...existing];
    for (const slice of existing) totals.removed += slice.endpoints?.length ?? 0;
    return { slices, totals };
  }

  const [first, ...others] = existing;
  if (!first) {
    totals.added = desired.size;
  } else {
    slices.toDelete = others;
    totals = totalChanges(first, desired);
    const compareLabels = withoutKeys(first.metadata.labels, LABEL_MANAGED_BY, LABEL_SERVICE_NAME);
    if (
      totals.added === 0 &&
      totals.updated === 0 &&
      totals.removed === 0 &&
      recordsEqual(endpoints.metadata.labels, compareLabels) &&
      recordsEqual(mirroredAnnotations(endpoints), first.metadata.annotations) &&
      !ownedByEarlierEndpoints(first, endpoints)
    ) {
      return { slices, totals };
    }
  }

  const slice = newMirroredEndpointSlice(
    endpoints,
    mapping.ports,
    mapping.addressType,
    first?.metadata.name,
  );
  slice.endpoints = desired.toArray().slice(0, maxEndpointsPerSubset);
  if (first?.metadata.name) slices.toUpdate = [slice];
  else slices.toCreate = [slice];
  return { slices, totals };
}

/**
 * Reconciles the mirrored slices of one Endpoints object that should be mirrored
 * (endpointslicemirroring reconciler.go reconcile + finalize). `existingSlices` are the slices
 * mirrored for it ({@link isMirroredSliceOf}); they are taken in name order, so the first slice
 * of a key, the one kept, is the one with the smallest name.
 *
 * 1. The subsets are repacked ({@link repackSubsets}); each subset mirrors at most
 *    `maxEndpointsPerSubset` addresses, ready ones first. Addresses that are not IPs are skipped
 *    and reported in one `InvalidIPAddress` warning; when more addresses were skipped than were
 *    invalid, a `TooManyAddressesToMirror` warning gives the total skipped, invalid ones included.
 * 2. Each (port set, address type) key is reconciled to one slice (see reconcilePortMapping), in
 *    the order the subsets give the keys; slices of keys no longer desired are deleted.
 * 3. Creates are recycled into updates of slices being deleted ({@link recycleSlices}); then the
 *    calls: creates (none while the Endpoints object is being deleted), updates, deletes.
 */
export function reconcileMirroredSlices(
  endpoints: Endpoints,
  existingSlices: readonly EndpointSlice[],
  options: MirroringOptions = {},
): Mirroring {
  const max = options.maxEndpointsPerSubset ?? DEFAULT_MIRRORING_MAX_ENDPOINTS_PER_SUBSET;
  const { desired, invalid, skipped } = desiredPortMappings(endpoints, max);
  const metrics = emptyMirroringMetrics();
  metrics.skippedPerSync = skipped;

  const events: ControllerEvent[] = [];
  if (invalid > 0) {
    events.push({
      type: 'Warning',
      reason: EVENT_INVALID_IP_ADDRESS,
      message: `Skipped ${invalid} invalid IP addresses when mirroring to EndpointSlices`,
    });
  }
  if (skipped > invalid) {
    events.push({
      type: 'Warning',
      reason: EVENT_TOO_MANY_ADDRESSES_TO_MIRROR,
      message: `A max of ${max} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`,
    });
  }

  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const slice of [...existingSlices].sort(byName)) {
    const key = mirroredPortMapKey(slice.ports, slice.addressType);
    const group = existingByKey.get(key);
    if (group) group.push(slice);
    else existingByKey.set(key, [slice]);
  }

  let slices: SlicesByAction = { toCreate: [], toUpdate: [], toDelete: [] };
  for (const [key, mapping] of desired) {
    const existing = existingByKey.get(key) ?? [];
    const plan = reconcilePortMapping(endpoints, existing, mapping, max);
    slices.toCreate.push(...plan.slices.toCreate);
    slices.toUpdate.push(...plan.slices.toUpdate);
    slices.toDelete.push(...plan.slices.toDelete);
    metrics.addedPerSync += plan.totals.added;
    metrics.updatedPerSync += plan.totals.updated;
    metrics.removedPerSync += plan.totals.removed;
    const numSlices = existing.length + plan.slices.toCreate.length - plan.slices.toDelete.length;
    metrics.desiredEndpoints += mapping.endpoints.size;
    metrics.actualSlices += numSlices;
    metrics.desiredSlices += numDesiredSlices(mapping.endpoints.size, max);
  }
  for (const [key, existing] of existingByKey) {
    if (!desired.has(key)) slices.toDelete.push(...existing);
  }

  slices = recycleSlices(slices);
  const actions: SliceAction[] = [];
  if (endpoints.metadata.deletionTimestamp == null) {
    for (const slice of slices.toCreate) actions.push({ verb: 'create', slice });
  }
  for (const slice of slices.toUpdate) actions.push({ verb: 'update', slice });
  for (const slice of slices.toDelete) {
    actions.push({ verb: 'delete', name: slice.metadata.name ?? '' });
  }
  for (const action of actions) {
    if (action.verb === 'create') metrics.numCreated++;
    else if (action.verb === 'update') metrics.numUpdated++;
    else metrics.numDeleted++;
  }
  return { actions, events, metrics };
}

/**
 * One sync of the EndpointSliceMirroring controller for the Endpoints `namespace/name`
 * (endpointslicemirroring_controller.go syncEndpoints). `existingSlices` may hold any slices:
 * those mirrored for this name are used ({@link isMirroredSliceOf}).
 *
 * Every mirrored slice is deleted, in name order, when the Endpoints object is gone, should not be
 * mirrored ({@link shouldMirror}), has no Service of its name, or that Service has a selector
 * (`spec.selector` present, even `{}`: upstream tests for nil, and this is what keeps the
 * Endpoints controller's own objects from being mirrored). Those deletes are not counted in the
 * metrics, as upstream's deleteEndpoints does not count them. Otherwise the slices are reconciled
 * ({@link reconcileMirroredSlices}).
 */
export function syncMirroredEndpoints(
  key: { namespace: string; name: string },
  endpoints: Endpoints | undefined,
  service: Service | undefined,
  existingSlices: readonly EndpointSlice[],
  options: MirroringOptions = {},
): Mirroring {
  const mirrored = existingSlices
    .filter((slice) => isMirroredSliceOf(slice, key.namespace, key.name))
    .sort(byName);
  if (!endpoints || !shouldMirror(endpoints) || !service || service.spec.selector != null) {
    return {
      actions: mirrored.map((slice) => ({ verb: 'delete', name: slice.metadata.name ?? '' })),
      events: [],
      metrics: emptyMirroringMetrics(),
    };
  }
  return reconcileMirroredSlices(endpoints, mirrored, options);
}
