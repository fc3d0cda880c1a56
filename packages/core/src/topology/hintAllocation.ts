import type { Endpoint, EndpointSlice } from '../model/kubernetes.ts';
import { compareStrings } from '../util/records.ts';

/**
 * The allocation arithmetic of topology-aware hints (topologycache/topologycache.go and
 * utils.go). Floating-point expressions are written exactly as upstream writes them (multiply
 * by the precomputed 1/(1+0.2), ratio × n): they decide edge cases such as 400m/600m CPU with
 * 3 endpoints (0.4 × 3 = 1.2000000000000002, so zone-a needs 2 and no hints fit).
 *
 * Where upstream iterates Go maps (the zone with the largest surplus on a tie, the receiving
 * zone an endpoint is re-hinted to) slicescope takes zones in name order.
 */

/** Expected traffic may exceed a proportional share by at most this much. */
export const OVERLOAD_THRESHOLD = 0.2;
const MINIMUM_FACTOR = 1 / (1 + OVERLOAD_THRESHOLD);

/**
 * The fewest endpoints a zone with `ratio` of the CPU may get of `numEndpoints` and stay within
 * the overload threshold (getAllocations' minimum).
 */
export function zoneMinimum(ratio: number, numEndpoints: number): number {
  return Math.ceil(ratio * numEndpoints * MINIMUM_FACTOR);
}

/** Endpoints one zone should hold (TC allocation). */
export interface ZoneAllocation {
  minimum: number;
  maximum: number;
  /** max(ratio × n, minimum). */
  desired: number;
}

/** Why hints cannot be allocated; the texts are the controller's event messages. */
export const HINTS_MESSAGES = {
  noZoneSpecified: 'One or more endpoints do not have a zone specified',
  noAllocatedHintsForZones: 'No hints allocated for zones',
  enabled: 'Topology Aware Hints has been enabled',
  disabled: 'Topology Aware Hints has been disabled',
  insufficientNodeInfo:
    'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes',
  nodesReadyInOneZoneOnly: 'Nodes only ready in one zone',
  insufficientNumberOfEndpoints: 'Insufficient number of endpoints',
  minAllocationExceedsOverloadThreshold:
    'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold',
} as const;

export type AllocationResult =
  { ok: true; allocations: Map<string, ZoneAllocation> } | { ok: false; message: string };

/** Zones in name order: the deterministic stand-in for Go's map order. */
export function zonesInOrder<V>(map: ReadonlyMap<string, V>): string[] {
  return [...map.keys()].sort(compareStrings);
}

/**
 * Per-zone minimum, maximum and desired endpoint counts for `numEndpoints` ready endpoints
 * (TC getAllocations); `ratios` undefined means the Node information was insufficient.
 */
export function getAllocations(
  ratios: ReadonlyMap<string, number> | undefined,
  numEndpoints: number,
): AllocationResult {
  if (!ratios) return { ok: false, message: HINTS_MESSAGES.insufficientNodeInfo };
  if (ratios.size < 2) return { ok: false, message: HINTS_MESSAGES.nodesReadyInOneZoneOnly };
  const counts = `(${numEndpoints} endpoints, ${ratios.size} zones)`;
  if (ratios.size > numEndpoints) {
    return { ok: false, message: `${HINTS_MESSAGES.insufficientNumberOfEndpoints} ${counts}` };
  }
  let minTotal = 0;
  const allocations = new Map<string, ZoneAllocation>();
  for (const zone of zonesInOrder(ratios)) {
    const ratio = ratios.get(zone) as number;
    const desired = ratio * numEndpoints;
    const minimum = zoneMinimum(ratio, numEndpoints);
    allocations.set(zone, { minimum, maximum: 0, desired: Math.max(desired, minimum) });
    minTotal += minimum;
    if (minTotal > numEndpoints) {
      return {
        ok: false,
        message: `${HINTS_MESSAGES.minAllocationExceedsOverloadThreshold} ${counts}`,
      };
    }
  }
  for (const allocation of allocations.values()) {
    allocation.maximum = allocation.minimum + numEndpoints - minTotal;
  }
  return { ok: true, allocations };
}

/** `conditions.ready` is exactly true (TC EndpointReady): absent counts as not ready here. */
export function endpointReady(endpoint: Endpoint): boolean {
  return endpoint.conditions?.ready === true;
}

/**
 * The hints per zone of an unchanged slice if they can stay (TC getHintsByZone): every ready
 * endpoint has a zone hint, every hinted zone is allocated, and the running totals stay within
 * each zone's maximum. Undefined when the slice must be rewritten.
 */
export function getHintsByZone(
  slice: EndpointSlice,
  allocatedHintsByZone: ReadonlyMap<string, number>,
  allocations: ReadonlyMap<string, ZoneAllocation>,
): Map<string, number> | undefined {
  const hintsByZone = new Map<string, number>();
  for (const endpoint of slice.endpoints ?? []) {
    if (!endpointReady(endpoint)) continue;
    const forZones = endpoint.hints?.forZones ?? [];
    if (forZones.length === 0) return undefined;
    for (const { name } of forZones) {
      if (!allocations.has(name)) return undefined;
      hintsByZone.set(name, (hintsByZone.get(name) ?? 0) + 1);
    }
  }
  for (const [zone, numHints] of hintsByZone) {
    const allocation = allocations.get(zone);
    if (!allocation || numHints + (allocatedHintsByZone.get(zone) ?? 0) > allocation.maximum) {
      return undefined;
    }
  }
  return hintsByZone;
}

/** The zone with the strictly largest positive value, the first in name order on a tie (TC getMost). */
function getMost(zones: ReadonlyMap<string, number>): [string, number] {
  let zone = '';
  let most = 0;
  for (const candidate of zonesInOrder(zones)) {
    const value = zones.get(candidate) as number;
    if (value > most) {
      zone = candidate;
      most = value;
    }
  }
  return [zone, most];
}

/**
 * How many hints each over-served zone gives away and each under-served zone receives
 * (TC getGivingAndReceivingZones): one unit at a time from the largest surplus to the largest
 * deficit while both are at least 0.5 and not both below 1.
 */
export function getGivingAndReceivingZones(
  allocations: ReadonlyMap<string, ZoneAllocation>,
  allocatedHintsByZone: ReadonlyMap<string, number>,
): { givingZones: Map<string, number>; receivingZones: Map<string, number> } {
  const givingDesired = new Map<string, number>();
  const receivingDesired = new Map<string, number>();
  for (const [zone, allocation] of allocations) {
    const allocated = allocatedHintsByZone.get(zone) ?? 0;
    if (allocated > allocation.desired) givingDesired.set(zone, allocated - allocation.desired);
    else if (allocated < allocation.desired)
      receivingDesired.set(zone, allocation.desired - allocated);
  }
  const givingZones = new Map<string, number>();
  const receivingZones = new Map<string, number>();
  for (;;) {
    const [givingZone, toGive] = getMost(givingDesired);
    const [receivingZone, toReceive] = getMost(receivingDesired);
    if (
      givingZone === '' ||
      receivingZone === '' ||
      (toGive < 1 && toReceive < 1) ||
      toGive < 0.5 ||
      toReceive < 0.5
    ) {
      break;
    }
    givingZones.set(givingZone, (givingZones.get(givingZone) ?? 0) + 1);
    givingDesired.set(givingZone, toGive - 1);
    receivingZones.set(receivingZone, (receivingZones.get(receivingZone) ?? 0) + 1);
    receivingDesired.set(receivingZone, toReceive - 1);
  }
  return { givingZones, receivingZones };
}

/**
 * Re-hints ready endpoints of giving zones to receiving zones, walking the slices being written
 * in order (TC redistributeHints). Changes the slices' endpoint arrays in place (they are the
 * reconciler's own copies) and returns the change of hints per zone.
 */
export function redistributeHints(
  slices: readonly EndpointSlice[],
  givingZones: Map<string, number>,
  receivingZones: Map<string, number>,
): Map<string, number> {
  const redistributions = new Map<string, number>();
  const add = (zone: string, delta: number) =>
    redistributions.set(zone, (redistributions.get(zone) ?? 0) + delta);
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    for (const [i, endpoint] of endpoints.entries()) {
      if (!endpointReady(endpoint)) continue;
      if (givingZones.size === 0 || receivingZones.size === 0) return redistributions;
      if (!endpoint.zone) continue;
      const givingZone = endpoint.zone;
      const toGive = givingZones.get(givingZone) ?? 0;
      if (toGive <= 0) continue;
      const receivingZone = zonesInOrder(receivingZones).find(
        (zone) => (receivingZones.get(zone) as number) > 0,
      );
      if (receivingZone === undefined) continue;
      endpoints[i] = { ...endpoint, hints: { forZones: [{ name: receivingZone }] } };
      if (toGive === 1) givingZones.delete(givingZone);
      else givingZones.set(givingZone, toGive - 1);
      const toReceive = receivingZones.get(receivingZone) as number;
      if (toReceive === 1) receivingZones.delete(receivingZone);
      else receivingZones.set(receivingZone, toReceive - 1);
      add(receivingZone, 1);
      add(givingZone, -1);
    }
  }
  return redistributions;
}

/**
 * Whether a Service's cached hints no longer satisfy the zones' CPU ratios (TC
 * serviceOverloaded): some zone holds fewer than ceil(total × ratio / 1.2) hints, or none.
 */
export function serviceOverloaded(
  hintsByZone: ReadonlyMap<string, number>,
  ratios: ReadonlyMap<string, number> | undefined,
): boolean {
  if (hintsByZone.size === 0) return false;
  if (!ratios || ratios.size === 0) return true;
  let totalEndpoints = 0;
  for (const count of hintsByZone.values()) totalEndpoints += count;
  for (const [zone, ratio] of ratios) {
    const count = hintsByZone.get(zone);
    if (count === undefined) return true;
    if (count < zoneMinimum(ratio, totalEndpoints)) return true;
  }
  return false;
}
