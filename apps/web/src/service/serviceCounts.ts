import type { ServiceSummary, SliceView } from '@slicescope/contract';

export interface ServiceCounts {
  endpoints: number;
  ready: number;
  terminating: number;
  slices: number;
  zones: number;
}

/**
 * The counts the page heading shows, from the slices drawn: at a past point of the history they
 * must describe that point, not now. Endpoints and zones as the api's summary counts them.
 */
export function countsOfSlices(slices: readonly SliceView[]): ServiceCounts {
  let endpoints = 0;
  let ready = 0;
  let terminating = 0;
  const zones = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints) {
      endpoints++;
      if (endpoint.ready) ready++;
      if (endpoint.terminating) terminating++;
      if (endpoint.zone) zones.add(endpoint.zone);
    }
  }
  return { endpoints, ready, terminating, slices: slices.length, zones: zones.size };
}

export const countsOfSummary = (summary: ServiceSummary): ServiceCounts => ({
  endpoints: summary.endpoints,
  ready: summary.ready,
  terminating: summary.terminating,
  slices: summary.slices,
  zones: summary.zones,
});
