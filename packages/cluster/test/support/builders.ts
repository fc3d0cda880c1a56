import type { Endpoints, EndpointSlice, Node, Pod, Service } from '@slicescope/core';

/** Builders of the five kinds, in Kubernetes JSON, with just enough fields for printing. */

const CREATED = '2026-01-01T00:00:00Z';

export function newPod(
  name: string,
  options: {
    namespace?: string;
    labels?: Record<string, string>;
    nodeName?: string;
    phase?: string;
    ip?: string;
    ready?: boolean;
    uid?: string;
  } = {},
): Pod {
  const namespace = options.namespace ?? 'default';
  const ready = options.ready ?? true;
  return {
    metadata: {
      name,
      namespace,
      uid: options.uid ?? `pod-${namespace}-${name}`,
      labels: options.labels ?? { app: 'web' },
      creationTimestamp: CREATED,
    },
    spec: { nodeName: options.nodeName ?? 'node-a', containers: [{ name: 'app' }] },
    status: {
      phase: options.phase ?? 'Running',
      podIP: options.ip ?? '10.0.0.1',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, state: { running: {} } }],
    },
  };
}

export function newService(
  name: string,
  options: { namespace?: string; selector?: Record<string, string>; uid?: string } = {},
): Service {
  const namespace = options.namespace ?? 'default';
  return {
    metadata: {
      name,
      namespace,
      uid: options.uid ?? `svc-${namespace}-${name}`,
      creationTimestamp: CREATED,
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      selector: options.selector ?? { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
  };
}

export function newNode(
  name: string,
  options: { labels?: Record<string, string>; ready?: boolean; uid?: string } = {},
): Node {
  return {
    metadata: {
      name,
      uid: options.uid ?? `node-${name}`,
      labels: options.labels ?? { 'topology.kubernetes.io/zone': 'zone-a' },
      creationTimestamp: CREATED,
    },
    status: {
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
      addresses: [{ type: 'InternalIP', address: '192.168.0.10' }],
      nodeInfo: { kubeletVersion: 'v1.37.0' },
    },
  };
}

export function newEndpoints(
  name: string,
  options: { namespace?: string; ips?: string[]; uid?: string } = {},
): Endpoints {
  const namespace = options.namespace ?? 'default';
  return {
    metadata: {
      name,
      namespace,
      uid: options.uid ?? `ep-${namespace}-${name}`,
      creationTimestamp: CREATED,
    },
    subsets: [
      {
        addresses: (options.ips ?? ['10.0.0.1']).map((ip) => ({ ip })),
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ],
  };
}

export function newEndpointSlice(
  name: string,
  options: { namespace?: string; service?: string; ips?: string[]; uid?: string } = {},
): EndpointSlice {
  const namespace = options.namespace ?? 'default';
  return {
    metadata: {
      name,
      namespace,
      uid: options.uid ?? `eps-${namespace}-${name}`,
      labels: { 'kubernetes.io/service-name': options.service ?? 'web' },
      creationTimestamp: CREATED,
    },
    addressType: 'IPv4',
    endpoints: (options.ips ?? ['10.0.0.1']).map((ip) => ({
      addresses: [ip],
      conditions: { ready: true },
    })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}
