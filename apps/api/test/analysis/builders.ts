import {
  applySliceActions,
  sequentialNames,
  syncMirroredEndpoints,
  syncService,
  syncServiceEndpoints,
  TopologyCache,
  type EndpointSlice,
  type Endpoints,
  type Node,
  type Pod,
  type Service,
} from '@slicescope/core';
import type { AnalysisInput, AnalysisOptions } from '../../src/analysis/index.ts';

/** Small Kubernetes objects for the analysis tests, in the api model's projection shapes. */

export const NAMESPACE = 'shop';

export function newService(
  name = 'web',
  options: {
    selector?: Record<string, string> | null;
    annotations?: Record<string, string>;
    trafficDistribution?: string;
    publishNotReadyAddresses?: boolean;
  } = {},
): Service {
  const selector = options.selector === undefined ? { app: name } : options.selector;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      resourceVersion: '1',
      ...(options.annotations && { annotations: options.annotations }),
    },
    spec: {
      type: 'ClusterIP',
      ...(selector !== null && { selector }),
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ...(options.trafficDistribution && { trafficDistribution: options.trafficDistribution }),
      ...(options.publishNotReadyAddresses && { publishNotReadyAddresses: true }),
    },
  };
}

export function newNode(
  name: string,
  options: { zone?: string; cpu?: string; ready?: boolean } = {},
): Node {
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(options.zone && { 'topology.kubernetes.io/zone': options.zone }),
      },
    },
    status: {
      allocatable: { cpu: options.cpu ?? '4' },
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

/** node-a, node-b, node-c in zones a, b, c with equal CPU. */
export function threeZoneNodes(): Node[] {
  return ['a', 'b', 'c'].map((zone) => newNode(`node-${zone}`, { zone }));
}

/** The n-th Pod's IP: 10.1.x.y, unique for n below 65536. */
export function podIp(n: number): string {
  return `10.1.${(n >> 8) & 255}.${n & 255}`;
}

export function newPod(
  n: number,
  options: {
    app?: string;
    nodeName?: string;
    ready?: boolean;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
  } = {},
): Pod {
  const app = options.app ?? 'web';
  const ip = podIp(n);
  return {
    metadata: {
      name: `${app}-${String(n).padStart(5, '0')}`,
      namespace: NAMESPACE,
      uid: `uid-${app}-${n}`,
      labels: { app },
      ...(options.deletionTimestamp && { deletionTimestamp: options.deletionTimestamp }),
      ...(options.deletionGracePeriodSeconds !== undefined && {
        deletionGracePeriodSeconds: options.deletionGracePeriodSeconds,
      }),
    },
    spec: { nodeName: options.nodeName ?? 'node-a', containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

/** `count` ready Pods spread over the nodes in turn. */
export function podsOn(nodes: readonly Node[], count: number, first = 0): Pod[] {
  return Array.from({ length: count }, (_, i) =>
    newPod(first + i, { nodeName: nodes[(first + i) % nodes.length]?.metadata.name ?? '' }),
  );
}

/** The slices after one controller sync on top of `existing`, as the API server stores them. */
export function controllerSync(
  service: Service,
  pods: readonly Pod[],
  nodes: readonly Node[],
  existing: readonly EndpointSlice[] = [],
  maxEndpointsPerSlice = 100,
): EndpointSlice[] {
  const topologyCache = new TopologyCache();
  topologyCache.setNodes(nodes);
  const { actions } = syncService(service, pods, nodes, existing, {
    maxEndpointsPerSlice,
    topologyCache,
    preferSameTrafficDistribution: true,
  });
  let counter = existing.length;
  return applySliceActions(existing, actions, (slice, taken) => {
    let name: string;
    do name = `${slice.metadata.generateName ?? ''}${(++counter).toString(36).padStart(5, '0')}`;
    while (taken.has(name));
    return name;
  }).map((slice) => ({
    ...slice,
    metadata: { ...slice.metadata, namespace: NAMESPACE, resourceVersion: '2' },
  }));
}

/** The v1 Endpoints object the Endpoints controller writes for the Service. */
export function controllerEndpoints(service: Service, pods: readonly Pod[]): Endpoints {
  const action = syncServiceEndpoints(service, pods, undefined);
  if (action?.verb !== 'create') throw new Error('expected the Endpoints controller to create');
  return {
    ...action.endpoints,
    metadata: { ...action.endpoints.metadata, resourceVersion: '3' },
  };
}

/** A user-written Endpoints object with the given ready addresses on port 8080. */
export function userEndpoints(
  name: string,
  ips: readonly string[],
  labels?: Record<string, string>,
): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: NAMESPACE, uid: `uid-ep-${name}`, ...(labels && { labels }) },
    subsets: [
      {
        addresses: ips.map((ip) => ({ ip })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
}

/** The slices the mirroring controller writes for a selector-less Service's Endpoints. */
export function mirroredSlices(service: Service, endpoints: Endpoints): EndpointSlice[] {
  const key = { namespace: NAMESPACE, name: service.metadata.name ?? '' };
  const { actions } = syncMirroredEndpoints(key, endpoints, service, []);
  return applySliceActions([], actions, sequentialNames());
}

export function analysisInput(
  parts: Partial<AnalysisInput> & { service: Service },
  options: AnalysisOptions = {},
): AnalysisInput {
  return {
    slices: [],
    pods: [],
    nodes: threeZoneNodes(),
    endpoints: undefined,
    options,
    ...parts,
  };
}
