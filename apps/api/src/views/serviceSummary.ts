import {
  ANNOTATION_TOPOLOGY_AWARE_HINTS,
  ANNOTATION_TOPOLOGY_MODE,
  type EndpointSlice,
  type Endpoints,
  type Service,
} from '@slicescope/core';
import type { ServiceFlag, ServiceSummary } from '@slicescope/contract';
import { endpointConditions } from './sliceView.ts';

const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** The controller packs each address type and port set separately (spec: "port mapping"). */
function portMappingKey(slice: EndpointSlice): string {
  const ports = (slice.ports ?? [])
    .map((port) => `${port.name ?? ''}/${port.protocol ?? 'TCP'}/${port.port ?? ''}`)
    .sort();
  return `${slice.addressType}|${ports.join(',')}`;
}

/** The fewest slices that could hold these slices' endpoints at `maxPerSlice` each. */
export function idealSliceCount(slices: readonly EndpointSlice[], maxPerSlice: number): number {
  const endpointsPerMapping = new Map<string, number>();
  for (const slice of slices) {
    const key = portMappingKey(slice);
    endpointsPerMapping.set(
      key,
      (endpointsPerMapping.get(key) ?? 0) + (slice.endpoints?.length ?? 0),
    );
  }
  let ideal = 0;
  for (const count of endpointsPerMapping.values())
    ideal += Math.max(1, Math.ceil(count / maxPerSlice));
  return ideal;
}

export interface SummaryInput {
  service: Service;
  slices: readonly EndpointSlice[];
  endpoints: Endpoints | undefined;
  churn: number;
  maxEndpointsPerSlice: number;
}

export function serviceSummary(input: SummaryInput): ServiceSummary {
  const { service, slices } = input;
  const counts = { endpoints: 0, ready: 0, serving: 0, terminating: 0 };
  const zones = new Set<string>();
  let hinted = false;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpointConditions(endpoint);
      counts.endpoints++;
      if (conditions.ready) counts.ready++;
      if (conditions.serving) counts.serving++;
      if (conditions.terminating) counts.terminating++;
      if (endpoint.zone) zones.add(endpoint.zone);
      if (endpoint.hints) hinted = true;
    }
  }
  const idealSlices = slices.length === 0 ? 0 : idealSliceCount(slices, input.maxEndpointsPerSlice);
  const hasSelector = service.spec.selector != null;
  const flags: ServiceFlag[] = [];
  if (hasSelector && service.spec.type !== 'ExternalName' && counts.endpoints === 0)
    flags.push('no-endpoints');
  if (slices.length > idealSlices) flags.push('fragmented');
  if (hinted) flags.push('hints');
  if (counts.terminating > 0) flags.push('terminating');
  if (input.endpoints?.metadata.annotations?.[OVER_CAPACITY] === 'truncated')
    flags.push('truncated');
  if (counts.ready < counts.endpoints) flags.push('unready');
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
    slices: slices.length,
    idealSlices,
    zones: zones.size,
    churn: input.churn,
    flags,
  };
}
