import {
  ANNOTATION_OVER_CAPACITY,
  MAX_ENDPOINTS_CAPACITY,
  OVER_CAPACITY_TRUNCATED,
  ipFamilyOf,
  isListedSliceOf,
  serviceWantsSlices,
  type EndpointSlice,
  type Endpoints,
  type IpFamily,
  type Service,
} from '@slicescope/core';
import { canonicalAddress, compareStrings } from './endpointText.ts';
import { capped, type AnalysisInput } from './input.ts';
import { analyseMirroring, type MirroringAnalysis } from './mirroring.ts';

/** The legacy v1 Endpoints object of a Service, and how it compares with the slices. */
export interface EndpointsAnalysis {
  exists: boolean;
  /** Addresses it holds, ready and not ready. */
  addresses: number;
  ready: number;
  notReady: number;
  /** Annotated `endpoints.kubernetes.io/over-capacity: truncated` (1.22+). */
  truncated: boolean;
  /** The over-capacity annotation's value when set (1.21 wrote `warning` and kept everything). */
  overCapacityAnnotation?: string | undefined;
  /** The slices hold more addresses than an Endpoints object may (1000). */
  overCapacity: boolean;
  /** The address family compared (the Endpoints controller publishes only the primary one). */
  comparedFamily?: IpFamily | undefined;
  /** Addresses of that family in the slices compared. */
  sliceAddresses: number;
  /** Slice addresses missing from the Endpoints object that nothing explains (capped). */
  inSlicesOnly: string[];
  inSlicesOnlyCount: number;
  /** Addresses of the Endpoints object that no slice holds (capped). */
  inEndpointsOnly: string[];
  inEndpointsOnlyCount: number;
  /** Slice addresses missing because the object was truncated at 1000. */
  explainedByTruncation: number;
  /** Terminating slice endpoints, which the Endpoints controller leaves out. */
  explainedByTerminating: number;
  /** The object exists and nothing unexplained differs. */
  matches: boolean;
  summary: string;
  /** For a Service without a selector: what the mirroring controller does with the object. */
  mirroring?: MirroringAnalysis | undefined;
}

/**
 * The family the Endpoints controller publishes (podToEndpointAddressForService):
 * `spec.ipFamilies[0]`, else that of a set clusterIP; undefined (each Pod's own) otherwise.
 */
function primaryFamily(service: Service): IpFamily | undefined {
  const [first] = service.spec.ipFamilies ?? [];
  if (first) return first;
  const clusterIP = service.spec.clusterIP ?? '';
  return clusterIP !== '' && clusterIP !== 'None' ? ipFamilyOf(clusterIP) : undefined;
}

function endpointsAddresses(endpoints: Endpoints | undefined): {
  ready: string[];
  notReady: string[];
} {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    for (const address of subset.addresses ?? []) ready.push(canonicalAddress(address.ip));
    for (const address of subset.notReadyAddresses ?? [])
      notReady.push(canonicalAddress(address.ip));
  }
  return { ready, notReady };
}

/**
 * The slices the Endpoints object is compared with: the EndpointSlice controller's for a Service
 * with a selector (of the published family), every slice of a Service without one (mirrored or
 * hand-made, where the Endpoints object is the user's).
 */
function comparedSlices(input: AnalysisInput, family: IpFamily | undefined): EndpointSlice[] {
  if (!serviceWantsSlices(input.service)) return [...input.slices];
  return input.slices.filter(
    (slice) =>
      isListedSliceOf(slice, input.service) &&
      (family === undefined || slice.addressType === family),
  );
}

/** Slice addresses, split into those the Endpoints controller publishes and terminating ones. */
function sliceAddresses(
  slices: readonly EndpointSlice[],
  publishNotReady: boolean,
): { published: Set<string>; terminating: Set<string> } {
  const published = new Set<string>();
  const terminating = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const isTerminating = endpoint.conditions?.terminating === true && !publishNotReady;
      for (const address of endpoint.addresses) {
        (isTerminating ? terminating : published).add(canonicalAddress(address));
      }
    }
  }
  for (const address of published) terminating.delete(address);
  return { published, terminating };
}

function summaryOf(analysis: Omit<EndpointsAnalysis, 'summary'>): string {
  if (!analysis.exists) {
    return analysis.mirroring
      ? 'No Endpoints object: the Service has no selector, so nothing is mirrored into slices.'
      : 'No Endpoints object for this Service (v1 Endpoints is deprecated since 1.33; kube-proxy reads only EndpointSlices).';
  }
  const parts: string[] = [`Endpoints holds ${analysis.addresses} addresses`];
  if (analysis.truncated) {
    parts[0] += ` of the ${analysis.sliceAddresses} in the slices: truncated at ${MAX_ENDPOINTS_CAPACITY} (${ANNOTATION_OVER_CAPACITY}: ${OVER_CAPACITY_TRUNCATED})`;
  }
  if (analysis.matches) parts.push('it agrees with the slices');
  else {
    parts.push(
      `${analysis.inSlicesOnlyCount} slice addresses are missing from it and ${analysis.inEndpointsOnlyCount} of its addresses are in no slice`,
    );
  }
  if (analysis.overCapacity && !analysis.truncated)
    parts.push(
      `the slices hold more than ${MAX_ENDPOINTS_CAPACITY} addresses, yet it is not marked truncated`,
    );
  return `${parts.join('; ')}.`;
}

/**
 * The legacy v1 Endpoints object against the slices (spec hints-endpoints-mirroring-proxy.md §b):
 * its size and truncation, and the addresses only one side has. Differences the Endpoints
 * controller causes on purpose are not mismatches: terminating Pods are left out of Endpoints
 * (unless `publishNotReadyAddresses`), only the primary IP family is published, and above 1000
 * addresses the object is truncated (EPC truncateEndpoints). When truncation explains only part
 * of the missing addresses, which ones it explains is unknown, so all are listed.
 */
export function analyseEndpoints(input: AnalysisInput): EndpointsAnalysis {
  const { service, endpoints } = input;
  const family = serviceWantsSlices(service) ? primaryFamily(service) : undefined;
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const { published, terminating } = sliceAddresses(comparedSlices(input, family), publishNotReady);
  const { ready, notReady } = endpointsAddresses(endpoints);
  const inEndpoints = new Set([...ready, ...notReady]);
  const annotation = endpoints?.metadata.annotations?.[ANNOTATION_OVER_CAPACITY];
  const truncated = annotation === OVER_CAPACITY_TRUNCATED;

  const inSlicesOnly = [...published].filter((address) => !inEndpoints.has(address));
  const inEndpointsOnly = [...inEndpoints].filter(
    (address) => !published.has(address) && !terminating.has(address),
  );
  const explainedByTerminating = [...terminating].filter(
    (address) => !inEndpoints.has(address),
  ).length;
  const explainedByTruncation = truncated
    ? Math.min(inSlicesOnly.length, Math.max(0, published.size - inEndpoints.size))
    : 0;
  const unexplained = endpoints ? inSlicesOnly.length - explainedByTruncation : 0;
  const analysis = {
    exists: endpoints !== undefined,
    addresses: ready.length + notReady.length,
    ready: ready.length,
    notReady: notReady.length,
    truncated,
    overCapacityAnnotation: annotation,
    overCapacity: published.size > MAX_ENDPOINTS_CAPACITY,
    comparedFamily: family,
    sliceAddresses: published.size,
    inSlicesOnly: unexplained > 0 ? capped(inSlicesOnly.sort(compareStrings)) : [],
    inSlicesOnlyCount: unexplained,
    inEndpointsOnly: capped(inEndpointsOnly.sort(compareStrings)),
    inEndpointsOnlyCount: inEndpointsOnly.length,
    explainedByTruncation,
    explainedByTerminating: endpoints ? explainedByTerminating : 0,
    matches: endpoints !== undefined && unexplained === 0 && inEndpointsOnly.length === 0,
    mirroring: serviceWantsSlices(service) ? undefined : analyseMirroring(input),
  };
  return { ...analysis, summary: summaryOf(analysis) };
}
