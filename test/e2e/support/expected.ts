import type { SliceView } from '@slicescope/contract';

/** What the topology must draw for these slices: distinct zones and nodes, and endpoints. */
export function drawnCounts(slices: readonly SliceView[]): {
  zones: number;
  nodes: number;
  endpoints: number;
} {
  const zones = new Set<string>();
  const nodes = new Set<string>();
  let endpoints = 0;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints) {
      endpoints += 1;
      zones.add(endpoint.zone ?? '');
      nodes.add(endpoint.nodeName ?? '');
    }
  }
  return { zones: zones.size, nodes: nodes.size, endpoints };
}

/** Slice name → endpoint count, as the Slices tab's rows must show. */
export const endpointsBySlice = (slices: readonly SliceView[]): Record<string, number> =>
  Object.fromEntries(
    [...slices]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((slice) => [slice.name, slice.endpoints.length]),
  );

/** The zone names the slices' endpoints are in. */
export const zonesOf = (slices: readonly SliceView[]): string[] =>
  [...new Set(slices.flatMap((slice) => slice.endpoints.map((endpoint) => endpoint.zone ?? '')))]
    .filter((zone) => zone !== '')
    .sort();
