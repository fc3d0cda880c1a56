import type { Endpoint, EndpointSlice } from '../model/kubernetes.ts';
import type { SliceInfo } from './sliceInfo.ts';

function withoutHints(endpoint: Endpoint): Endpoint {
  if (endpoint.hints === undefined) return endpoint;
  const { hints: _hints, ...rest } = endpoint;
  return rest;
}

/** The slice with every endpoint's hints dropped; the same object when none had any. */
export function stripHints(slice: EndpointSlice): EndpointSlice {
  const endpoints = slice.endpoints ?? [];
  if (!endpoints.some((endpoint) => endpoint.hints !== undefined)) return slice;
  return { ...slice, endpoints: endpoints.map(withoutHints) };
}

/**
 * Removes hints from every slice about to be written, and moves unchanged slices that still
 * carry a hint to the update list without it (topologycache RemoveHintsFromSlices). Slices to
 * write that `hintFree` vouches for are kept as they are without looking at their endpoints.
 */
export function removeHintsFromSlices(
  info: SliceInfo,
  hintFree: (slice: EndpointSlice) => boolean = () => false,
): {
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
} {
  const strip = (slice: EndpointSlice) => (hintFree(slice) ? slice : stripHints(slice));
  const toCreate = info.toCreate.map(strip);
  const toUpdate = info.toUpdate.map(strip);
  for (const slice of info.unchanged) {
    const stripped = stripHints(slice);
    if (stripped !== slice) toUpdate.push(stripped);
  }
  return { toCreate, toUpdate };
}
