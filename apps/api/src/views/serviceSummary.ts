import {
  ANNOTATION_OVER_CAPACITY,
  ANNOTATION_TOPOLOGY_AWARE_HINTS,
  ANNOTATION_TOPOLOGY_MODE,
  OVER_CAPACITY_TRUNCATED,
  type Endpoint,
  type EndpointSlice,
  type Endpoints,
  type Service,
} from '@slicescope/core';
import type { ServiceFlag, ServiceSummary } from '@slicescope/contract';
import { analyseFragmentation } from '../analysis/fragmentation.ts';
import { endpointConditions } from './sliceView.ts';

export interface SummaryInput {
  service: Service;
  slices: readonly EndpointSlice[];
  endpoints: Endpoints | undefined;
  churn: number;
  maxEndpointsPerSlice: number;
}

/** Who an endpoint stands for: its Pod, or itself when it names none. */
function podOf(endpoint: Endpoint, slice: EndpointSlice): string {
  const ref = endpoint.targetRef;
  if (ref?.kind === 'Pod' && ref.name) return `pod ${ref.namespace ?? ''}/${ref.name}`;
  if (ref?.kind === 'Pod' && ref.uid) return `pod ${ref.uid}`;
  return `address ${slice.addressType} ${endpoint.addresses.join(',')}`;
}

export function serviceSummary(input: SummaryInput): ServiceSummary {
  const { service, slices } = input;
  const counts = { endpoints: 0, ready: 0, serving: 0, terminating: 0 };
  /** Endpoints not ready and not terminating: failing their readiness. */
  let failingReadiness = 0;
  const zones = new Set<string>();
  const pods = new Set<string>();
  let hinted = false;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpointConditions(endpoint);
      counts.endpoints++;
      if (conditions.ready) counts.ready++;
      if (conditions.serving) counts.serving++;
      if (conditions.terminating) counts.terminating++;
      else pods.add(podOf(endpoint, slice));
      // A terminating endpoint is never ready; that is the terminating flag's business.
      if (!conditions.ready && !conditions.terminating) failingReadiness++;
      if (endpoint.zone) zones.add(endpoint.zone);
      if (endpoint.hints) hinted = true;
    }
  }
  // The controller's slices as the fragmentation analysis packs them; slices it does not manage
  // (mirrored, other managers) count as their own ideal, since nothing repacks them.
  const packing = analyseFragmentation({
    service,
    slices,
    pods: undefined,
    nodes: [],
    endpoints: input.endpoints,
    options: { maxEndpointsPerSlice: input.maxEndpointsPerSlice },
  });
  const idealSlices = packing.idealSlices + (slices.length - packing.actualSlices);
  const hasSelector = service.spec.selector != null;
  const flags: ServiceFlag[] = [];
  if (hasSelector && service.spec.type !== 'ExternalName' && counts.endpoints === 0)
    flags.push('no-endpoints');
  if (packing.fragmented) flags.push('fragmented');
  if (hinted) flags.push('hints');
  if (counts.terminating > 0) flags.push('terminating');
  if (input.endpoints?.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] === OVER_CAPACITY_TRUNCATED)
    flags.push('truncated');
  if (failingReadiness > 0) flags.push('unready');
  const annotations = service.metadata.annotations ?? {};
  const topologyMode =
    annotations[ANNOTATION_TOPOLOGY_AWARE_HINTS] ?? annotations[ANNOTATION_TOPOLOGY_MODE];
  return {
    namespace: service.metadata.namespace ?? '',
    name: service.metadata.name ?? '',
    uid: service.metadata.uid ?? '',
    type: service.spec.type ?? 'ClusterIP',
    clusterIPs: service.spec.clusterIPs ?? (service.spec.clusterIP ? [service.spec.clusterIP] : []),
    selector: hasSelector,
    ...(service.spec.trafficDistribution
      ? { trafficDistribution: service.spec.trafficDistribution }
      : {}),
    ...(topologyMode !== undefined ? { topologyMode } : {}),
    ...counts,
    pods: pods.size,
    slices: slices.length,
    idealSlices,
    zones: zones.size,
    churn: input.churn,
    flags,
    ...(service.metadata.labels && Object.keys(service.metadata.labels).length > 0
      ? { labels: service.metadata.labels }
      : {}),
  };
}
