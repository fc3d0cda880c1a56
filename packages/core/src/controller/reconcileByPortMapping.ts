import type {
  AddressType,
  Endpoint,
  EndpointPort,
  EndpointSlice,
  Service,
} from '../model/kubernetes.ts';
import { compareStrings } from '../util/records.ts';
import { endpointsEqualBeyondHash } from './endpoints.ts';
import type { EndpointSet } from './endpointSet.ts';
import { setEndpointSliceLabels } from './labels.ts';
import { getSliceToFill, newEndpointSlice } from './slices.ts';

/** One port mapping of one address type: the ports every slice of it carries. */
export interface EndpointMeta {
  ports: EndpointPort[];
  addressType: AddressType;
}

export interface PortMappingPlan {
  slicesToCreate: EndpointSlice[];
  slicesToUpdate: EndpointSlice[];
  slicesToDelete: EndpointSlice[];
  /** Desired endpoints that were in no existing slice. */
  added: number;
  /** Endpoints dropped from existing slices. */
  removed: number;
}

/** A copy of an existing slice that can be changed without touching the caller's object. */
export function copySlice(
  slice: EndpointSlice,
  changes: { endpoints?: Endpoint[]; labels?: Record<string, string> },
): EndpointSlice {
  const metadata = changes.labels ? { ...slice.metadata, labels: changes.labels } : slice.metadata;
  return { ...slice, metadata, endpoints: changes.endpoints ?? [...(slice.endpoints ?? [])] };
}

/** A stored endpoint as it is written back: upstream sorts its addresses while hashing it. */
export function asWritten(endpoint: Endpoint): Endpoint {
  if (endpoint.addresses.length < 2) return endpoint;
  return { ...endpoint, addresses: [...endpoint.addresses].sort(compareStrings) };
}

/**
 * Compares the endpoints in the existing slices of one port mapping with the desired ones and
 * decides which slices to create, update and delete (REC reconcileByPortMapping):
 *
 * 1. Existing slices: keep desired endpoints (replaced by their desired version), drop the rest;
 *    a slice with a changed or dropped endpoint is updated (deleted when nothing is left), one
 *    whose Service labels changed is updated, any other is unchanged.
 * 2. New endpoints first fill the slices being updated anyway, fullest first.
 * 3. Full new slices are created while at least `max` endpoints remain; a remainder below `max`
 *    goes whole into the unchanged slice it leaves closest to full, or into a new slice.
 *
 * Where upstream iterates Go maps, slicescope is deterministic: `existingSlices` are visited in
 * the order given (the caller sorts them by name), ties in step 2 keep that order, and new
 * endpoints are placed in the iteration order of `desiredSet`, which is consumed.
 */
export function reconcileByPortMapping(
  service: Service,
  existingSlices: readonly EndpointSlice[],
  desiredSet: EndpointSet,
  endpointMeta: EndpointMeta,
  maxEndpointsPerSlice: number,
): PortMappingPlan {
  const slicesToUpdate = new Map<string, EndpointSlice>();
  const slicesToDelete: EndpointSlice[] = [];
  const unchanged = new Map<string, EndpointSlice>();
  let removed = 0;

  for (const existing of existingSlices) {
    const stored = existing.endpoints ?? [];
    const newEndpoints: Endpoint[] = [];
    let endpointUpdated = false;
    for (const endpoint of stored) {
      const desired = desiredSet.get(endpoint);
      if (desired === undefined) continue;
      newEndpoints.push(desired);
      if (!endpointsEqualBeyondHash(desired, endpoint)) endpointUpdated = true;
      desiredSet.delete(desired);
    }
    const { labels, changed: labelsChanged } = setEndpointSliceLabels(existing, service);
    const name = existing.metadata.name ?? '';
    if (endpointUpdated || stored.length !== newEndpoints.length) {
      removed += stored.length - newEndpoints.length;
      if (newEndpoints.length === 0) slicesToDelete.push(existing);
      else slicesToUpdate.set(name, copySlice(existing, { endpoints: newEndpoints, labels }));
    } else if (labelsChanged) {
      slicesToUpdate.set(name, copySlice(existing, { labels }));
    } else {
      unchanged.set(name, existing);
    }
  }

  const added = desiredSet.size;
  const slicesToCreate = packRemaining({
    remaining: desiredSet.toArray(),
    max: maxEndpointsPerSlice,
    slicesToUpdate,
    unchanged: () => [...unchanged.values()],
    newSlice: () => newEndpointSlice(service, endpointMeta.ports, endpointMeta.addressType),
  });

  return {
    slicesToCreate,
    slicesToUpdate: [...slicesToUpdate.values()],
    slicesToDelete,
    added,
    removed,
  };
}

/**
 * Steps 2 and 3 of the packing, shared by the full and the incremental reconcile: the desired
 * endpoints in no slice go first into the slices being updated, fullest first; then into new
 * slices of `max`; a remainder smaller than `max` goes whole into the unchanged slice closest to
 * full that has room for it (getSliceToFill; `unchanged` in name order, asked for only then),
 * which joins `slicesToUpdate` — `onFill` sees it before it is filled. Returns the new slices.
 */
export function packRemaining(input: {
  remaining: readonly Endpoint[];
  max: number;
  slicesToUpdate: Map<string, EndpointSlice>;
  unchanged: () => EndpointSlice[];
  newSlice: () => EndpointSlice;
  onFill?: (name: string, slice: EndpointSlice) => void;
}): EndpointSlice[] {
  const { remaining, max, slicesToUpdate } = input;
  let next = 0;
  let left = remaining.length;
  const take = (slice: EndpointSlice): void => {
    const endpoints = slice.endpoints as Endpoint[];
    while (left > 0 && endpoints.length < max) {
      endpoints.push(remaining[next++] as Endpoint);
      left--;
    }
  };
  if (left > 0 && slicesToUpdate.size > 0) {
    const fullestFirst = [...slicesToUpdate.values()].sort(
      (a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0),
    );
    for (const slice of fullestFirst) take(slice);
  }
  const slicesToCreate: EndpointSlice[] = [];
  while (left > 0) {
    const sliceToFill = left < max ? getSliceToFill(input.unchanged(), left, max) : undefined;
    if (sliceToFill) {
      const name = sliceToFill.metadata.name ?? '';
      const filled = copySlice(sliceToFill, {
        endpoints: (sliceToFill.endpoints ?? []).map(asWritten),
      });
      input.onFill?.(name, filled);
      take(filled);
      slicesToUpdate.set(name, filled);
    } else {
      const created = input.newSlice();
      take(created);
      slicesToCreate.push(created);
    }
  }
  return slicesToCreate;
}
