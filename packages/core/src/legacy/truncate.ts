import type { EndpointAddress, EndpointSubset } from '../model/endpoints.ts';
import { ANNOTATION_OVER_CAPACITY, MAX_ENDPOINTS_CAPACITY } from './constants.ts';
import { subsetHolding } from './repackSubsets.ts';

function countAddresses(subsets: readonly EndpointSubset[]): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const subset of subsets) {
    ready += subset.addresses?.length ?? 0;
    notReady += subset.notReadyAddresses?.length ?? 0;
  }
  return { ready, notReady };
}

/**
 * A copy of the first `max` addresses, or of all of them (EPC addressSubset); `reuse` itself when
 * it holds those very address objects already (a list written before, never changed).
 */
function addressSubset(
  addresses: readonly EndpointAddress[],
  max: number,
  reuse: EndpointAddress[] | null | undefined,
): EndpointAddress[] {
  const count = Math.min(max, addresses.length);
  if (reuse?.length === count) {
    let same = true;
    for (let i = 0; i < count && same; i++) same = reuse[i] === addresses[i];
    if (same) return reuse;
  }
  return addresses.slice(0, count);
}

/** Subsets as written, and whether they were cut. */
export interface Truncation {
  subsets: EndpointSubset[];
  truncated: boolean;
}

/**
 * Cuts subsets down to {@link MAX_ENDPOINTS_CAPACITY} addresses, ready ones first
 * (endpoints_controller.go truncateEndpoints). Over capacity, each subset in turn keeps
 * `ceil(itsShare / total × room)` addresses of the kind being cut, capped by the room left, so the
 * last subsets may get less than their share:
 * - more than 1000 ready addresses: ready ones are shared out and every not-ready one is dropped;
 * - otherwise every ready address stays and the `1000 − ready` places left go to not-ready ones.
 *
 * Counts addresses, not address × port pairs. `truncated` is false, and the subsets unchanged,
 * at or under capacity. `previous`, a truncation of the same Service's subsets written before,
 * lends the lists that come out the same: successive writes of a big Service mostly keep the
 * same first addresses, and then share them instead of copying.
 */
export function truncateEndpoints(
  subsets: readonly EndpointSubset[],
  previous?: Truncation,
): Truncation {
  const { ready: totalReady, notReady: totalNotReady } = countAddresses(subsets);
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) {
    return { subsets: [...subsets], truncated: false };
  }
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const truncated = subsets.map((subset, i) => {
    const ready = subset.addresses ?? [];
    const notReady = subset.notReadyAddresses ?? [];
    const before = previous?.truncated ? previous.subsets[i] : undefined;
    const numInSubset = truncateReady ? ready.length : notReady.length;
    // Same float64 expression as upstream, so the rounding matches it exactly.
    const toBeAdded = Math.min(Math.ceil((numInSubset / numTotal) * max), canBeAdded);
    const ports = [...(subset.ports ?? [])];
    if (truncateReady) {
      const kept = addressSubset(ready, toBeAdded, before?.addresses);
      canBeAdded -= kept.length;
      return subsetHolding(kept, [], ports);
    }
    const kept = addressSubset(notReady, toBeAdded, before?.notReadyAddresses);
    canBeAdded -= kept.length;
    return subsetHolding(addressSubset(ready, ready.length, before?.addresses), kept, ports);
  });
  return { subsets: truncated, truncated: true };
}

/**
 * Whether the over-capacity annotation of an existing Endpoints object is as it should be
 * (EPC capacityAnnotationSetCorrectly): never over capacity, where the subsets must be truncated
 * and so are always rewritten; under capacity, right only when the annotation is absent, whatever
 * its value was.
 */
export function capacityAnnotationSetCorrectly(
  annotations: Readonly<Record<string, string>> | undefined,
  subsets: readonly EndpointSubset[],
): boolean {
  const { ready, notReady } = countAddresses(subsets);
  if (ready + notReady > MAX_ENDPOINTS_CAPACITY) return false;
  return annotations?.[ANNOTATION_OVER_CAPACITY] === undefined;
}
