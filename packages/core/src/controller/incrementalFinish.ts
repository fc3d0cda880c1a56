import type { EndpointSlice, Service } from '../model/kubernetes.ts';
import { removeHintsFromSlices } from '../topology/removeHints.ts';
import type { ControllerEvent } from '../topology/sliceInfo.ts';
import { reconcileTrafficDistributionHints } from '../topology/trafficDistribution.ts';
import { finalize, type SliceAction } from './finalize.ts';
import { byName, type AddressTypePlan } from './incrementalPlan.ts';
import type { HintStage } from './incrementalSliceIndex.ts';
import type { AddressTypeState, SliceRecord } from './incrementalState.ts';
import type { ReconcileOptions } from './reconcile.ts';

/**
 * The end of reconcileByAddressType on an incremental plan: the hint stage, then finalize.
 * Topology-aware hints are allocated over every slice, as the full reconcile does (the
 * allocation is global to the Service); the other two stages only ever change an unchanged slice
 * whose hints are stale, so only those are handed to them — the calls come out the same.
 */
export function finishAddressType(
  service: Service,
  type: AddressTypeState,
  plan: AddressTypePlan,
  stage: HintStage,
  options: ReconcileOptions,
): { actions: SliceAction[]; events: ControllerEvent[]; slicesChanged: number } {
  const { addressType } = type;
  const serviceKey = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
  let events: ControllerEvent[] = [];
  let toCreate: EndpointSlice[] = plan.slicesToCreate;
  let toUpdate: EndpointSlice[] = plan.slicesToUpdate;
  if (stage.kind === 'topology' && options.topologyCache) {
    ({ toCreate, toUpdate, events } = options.topologyCache.addHints({
      serviceKey,
      addressType,
      toCreate,
      toUpdate,
      unchanged: unchangedSlices(type, plan, type.slices.keys()),
    }));
  } else {
    if (options.topologyCache) events = options.topologyCache.disableHints(serviceKey, addressType);
    const unchanged = unchangedSlices(type, plan, type.hintsStale);
    if (stage.kind === 'trafficDistribution') {
      ({ toCreate, toUpdate } = reconcileTrafficDistributionHints(
        stage.value,
        toCreate,
        toUpdate,
        unchanged,
      ));
    } else {
      ({ toCreate, toUpdate } = removeHintsFromSlices(
        { serviceKey, addressType, toCreate, toUpdate, unchanged },
        (slice) => builtHintFree(plan, slice),
      ));
    }
  }
  const { actions, slicesChanged } = finalize(
    service,
    toCreate,
    toUpdate,
    plan.slicesToDelete,
    options.triggerTime,
  );
  return { actions, events, slicesChanged };
}

/**
 * Whether a slice the plan built holds no hint, known without looking at every endpoint: all but
 * its stale endpoints are desired ones, and desired endpoints carry no hints.
 */
function builtHintFree(plan: AddressTypePlan, slice: EndpointSlice): boolean {
  const stale = slice.endpoints && plan.staleOf.get(slice.endpoints);
  if (!stale) return false;
  for (const endpoint of stale.values()) if (endpoint.hints !== undefined) return false;
  return true;
}

/**
 * The existing slices the plan leaves alone, in name order, among `names` (all slices for the
 * topology-aware hints, which look at every one; else only those whose hints are stale).
 */
function unchangedSlices(
  type: AddressTypeState,
  plan: AddressTypePlan,
  names: Iterable<string>,
): EndpointSlice[] {
  const changed = new Set<string>();
  for (const slice of plan.slicesToUpdate) changed.add(slice.metadata.name ?? '');
  for (const slice of plan.slicesToDelete) changed.add(slice.metadata.name ?? '');
  const records: SliceRecord[] = [];
  for (const name of names) {
    const record = type.slices.get(name);
    if (record && !changed.has(name)) records.push(record);
  }
  return records.sort(byName).map((record) => record.slice);
}
