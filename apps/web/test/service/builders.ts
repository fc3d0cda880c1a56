import {
  historySchema,
  proxyViewSchema,
  serviceAnalysisSchema,
  serviceDetailSchema,
  type EndpointView,
  type History,
  type HistoryChange,
  type HistoryEntry,
  type NodeProxyView,
  type ServiceAnalysis,
  type ServiceDetail,
  type ServiceSummary,
  type SliceView,
} from '@slicescope/contract';

import { endpoint } from '../support/render.tsx';

/** Wire bodies of the Service views' api answers, checked against the contract's schemas. */

/** An element's text with its runs of white space as one space. */
export const text = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/\s+/g, ' ');

export const NS = 'shop';
export const NAME = 'web';
export const BASE = `/services/${NS}/${NAME}`;

export { endpoint };

/** `count` ready endpoints 10.0.<block>.1… with nodes and zones. */
export function endpoints(block: number, count: number, change: Partial<EndpointView> = {}) {
  return Array.from({ length: count }, (_, index) =>
    endpoint(`10.0.${block}.${index + 1}`, {
      nodeName: `node-${index % 3}`,
      zone: `zone-${index % 2 === 0 ? 'a' : 'b'}`,
      ...change,
    }),
  );
}

export function analysis(change: Partial<ServiceAnalysis> = {}): ServiceAnalysis {
  const body: ServiceAnalysis = {
    drift: {
      available: true,
      inSync: true,
      creates: 0,
      updates: 0,
      deletes: 0,
      actions: [],
      endpointsMissing: [],
      endpointsMissingCount: 0,
      endpointsExtra: [],
      endpointsExtraCount: 0,
      endpointsChanged: [],
      endpointsChangedCount: 0,
      errors: [],
      controllerSlices: 2,
      mirroredSlices: [],
      otherSlices: [],
    },
    fragmentation: {
      maxEndpointsPerSlice: 100,
      endpoints: 0,
      actualSlices: 0,
      idealSlices: 0,
      fill: 0,
      fragmented: false,
      summary: 'No slices managed by the EndpointSlice controller.',
      groups: [],
    },
    hints: [],
    endpoints: {
      exists: true,
      addresses: 0,
      ready: 0,
      notReady: 0,
      truncated: false,
      overCapacity: false,
      sliceAddresses: 0,
      inSlicesOnly: [],
      inSlicesOnlyCount: 0,
      inEndpointsOnly: [],
      inEndpointsOnlyCount: 0,
      explainedByTruncation: 0,
      explainedByTerminating: 0,
      matches: true,
      summary: 'Endpoints holds 0 addresses; it agrees with the slices.',
    },
    terminating: {
      stuckAfterMs: 300_000,
      agesKnown: true,
      count: 0,
      stuckCount: 0,
      servingCount: 0,
      endpoints: [],
    },
    ...change,
  };
  return serviceAnalysisSchema.parse(body);
}

export function detailOf(summary: ServiceSummary, slices: SliceView[]): ServiceDetail {
  return serviceDetailSchema.parse({
    summary,
    spec: {
      selector: { app: NAME },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ipFamilies: ['IPv4'],
      publishNotReadyAddresses: false,
    },
    slices,
  });
}

export function change(
  slice: string,
  op: HistoryChange['op'],
  lists: Partial<Pick<HistoryChange, 'added' | 'removed' | 'conditions' | 'hints'>> = {},
  before?: HistoryChange['before'],
): HistoryChange {
  const result: HistoryChange = {
    slice,
    op,
    added: [],
    removed: [],
    conditions: [],
    hints: [],
    ...lists,
  };
  if (op !== 'created') result.before = before ?? { addressType: 'IPv4', ports: [], endpoints: [] };
  return result;
}

export function entry(
  seq: number,
  changes: HistoryChange[],
  change: Partial<HistoryEntry> = {},
): HistoryEntry {
  return { seq, at: Date.UTC(2026, 0, 2, 3, 4, seq), changes, ...change };
}

export function history(entries: HistoryEntry[], slices: SliceView[], dropped = 0): History {
  return historySchema.parse({ entries, dropped, slices });
}

export function proxied(change: Partial<Extract<NodeProxyView, { proxied: true }>> = {}) {
  return proxyViewSchema.parse({
    proxied: true,
    nodeName: 'node-1',
    zone: 'zone-a',
    behaviour: { version: '1.36+' },
    ports: [],
    notes: [],
    ...change,
  });
}
