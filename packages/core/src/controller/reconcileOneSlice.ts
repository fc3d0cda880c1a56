import type { Endpoint, EndpointSlice, Service } from '../model/kubernetes.ts';
import { endpointsEqualBeyondHash } from './endpoints.ts';
import { nameOf } from './endpointSet.ts';
import { updateOf, type SliceAction } from './finalize.ts';
import { sameIdentity } from './incrementalState.ts';
import { setEndpointSliceLabels } from './labels.ts';
import type { PodEndpoint } from './podEndpoints.ts';
import { asWritten } from './reconcileByPortMapping.ts';

/** The position of the endpoint of a Pod name in `desired` (strictly in name order), or -1. */
function positionOf(desired: readonly Endpoint[], name: string): number {
  let low = 0;
  let high = desired.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = nameOf(desired[middle] as Endpoint);
    if (found === name) return middle;
    if (found < name) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * reconcileOneMapping's calls when the Service has exactly one listed slice (already checked
 * to be its own, of its one address type and port mapping, without hints) and every desired
 * endpoint still fits in it: what a small Service meets at nearly every sync. The same steps as
 * reconcileByPortMapping and finalize — keep the slice's endpoints that are still desired, in
 * the slice's order and in their desired version; add the new ones in Pod name order; update
 * the slice when anything changed, fill it when only endpoints were added — without the
 * desired set, the per-slice maps or the placeholder check, none of which can change the result
 * here. Undefined, for the general path, when the slice would be deleted, a new slice would be
 * created, no Pod is published, or two desired endpoints share a Pod name.
 */
export function reconcileOneSlice(
  service: Service,
  podEndpoints: readonly PodEndpoint[],
  slice: EndpointSlice,
  maxEndpointsPerSlice: number,
  triggerTime: string | undefined,
): SliceAction[] | undefined {
  // The desired set, in insertion order: the Pods' endpoints in name order.
  const desired: Endpoint[] = [];
  let published = false;
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  for (const { published: isPublished, node, endpoint } of podEndpoints) {
    if (!isPublished || !endpoint) continue;
    published = true;
    if (!node && !publishNotReady) continue; // the full reconcile's "Node Not Found" error
    if (endpoint.addresses.length === 0) continue;
    // Equal names would make the desired set replace or keep both by their addresses.
    const last = desired[desired.length - 1];
    if (last && !(nameOf(last) < nameOf(endpoint))) return undefined;
    desired.push(endpoint);
  }
  if (!published) return undefined;

  // Step 1: the stored endpoints still desired, each matched once, in their desired version.
  const stored = slice.endpoints ?? [];
  const placed: boolean[] = new Array<boolean>(desired.length).fill(false);
  const kept: Endpoint[] = [];
  let endpointUpdated = false;
  for (const endpoint of stored) {
    const at = positionOf(desired, nameOf(endpoint));
    const match = desired[at];
    if (!match || placed[at] || !sameIdentity(match, endpoint)) continue;
    placed[at] = true;
    kept.push(match);
    if (match !== endpoint && !endpointsEqualBeyondHash(match, endpoint)) endpointUpdated = true;
  }
  const added = desired.filter((_, at) => !placed[at]);
  const { labels, changed: labelsChanged } = setEndpointSliceLabels(slice, service);

  // The slice's endpoints as written, and its labels when they are set anew.
  let endpoints: Endpoint[];
  let newLabels: Record<string, string> | undefined = labels;
  if (endpointUpdated || kept.length !== stored.length) {
    if (kept.length === 0) return undefined; // deleted, maybe recycled
    endpoints = kept;
  } else if (labelsChanged) {
    endpoints = [...stored];
  } else if (added.length === 0) {
    return [];
  } else if (added.length < maxEndpointsPerSlice) {
    // The one unchanged slice is filled when the new endpoints fit (getSliceToFill).
    endpoints = stored.map(asWritten);
    newLabels = undefined;
  } else {
    return undefined;
  }
  if (endpoints.length + added.length > maxEndpointsPerSlice) return undefined; // new slices
  endpoints.push(...added);
  return [updateOf(slice, endpoints, newLabels, triggerTime)];
}
