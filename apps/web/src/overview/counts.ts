import type { NodeSummary, Overview, ServiceSummary } from '@slicescope/contract';

export type Counts = Overview['counts'];

/** The headline counts from the stream's state: live, unlike the overview's 10-second ones. */
export function liveCounts(
  services: Readonly<Record<string, ServiceSummary>>,
  nodes: Readonly<Record<string, NodeSummary>>,
  pods?: number,
): Counts {
  let count = 0;
  let slices = 0;
  let endpoints = 0;
  for (const key in services) {
    const service = services[key];
    if (!service) continue;
    count++;
    slices += service.slices;
    endpoints += service.endpoints;
  }
  const counts: Counts = { services: count, slices, endpoints, nodes: Object.keys(nodes).length };
  if (pods !== undefined) counts.pods = pods;
  return counts;
}
