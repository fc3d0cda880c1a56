import type { EndpointSlice, Node, Pod, Service, SliceAction } from '../src/index.ts';

/** One Service with `endpoints` ready Pods spread round-robin over `nodes` Nodes in `zones` zones. */
export interface BenchWorld {
  service: Service;
  pods: Pod[];
  nodes: Node[];
  nodesByName: Map<string, Node>;
}

/**
 * Pods come in the order the API server lists them, by name (`web-000001`, …), unless
 * `shuffled`: then in a scrambled order, which costs the reconcile a sort.
 */
export function benchWorld(options: {
  endpoints: number;
  nodes: number;
  zones: number;
  annotations?: Record<string, string>;
  shuffled?: boolean;
}): BenchWorld {
  const service: Service = {
    metadata: {
      name: 'web',
      namespace: 'bench',
      uid: 'svc-uid',
      labels: { app: 'web' },
      ...(options.annotations && { annotations: options.annotations }),
    },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.0.0.1',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  };
  const nodes: Node[] = Array.from({ length: options.nodes }, (_, n) => ({
    metadata: {
      name: `node-${n}`,
      labels: { 'topology.kubernetes.io/zone': `zone-${n % options.zones}` },
    },
    status: {
      allocatable: { cpu: `${4 + (n % 3)}` },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  const pods: Pod[] = Array.from({ length: options.endpoints }, (_, i) => ({
    metadata: {
      name: `web-${String(i).padStart(6, '0')}`,
      namespace: 'bench',
      uid: `0b5e${String(i).padStart(6, '0')}-1d2c-4e5f-8a9b-0c1d2e3f4a5b`,
      labels: { app: 'web' },
    },
    spec: { nodeName: `node-${i % options.nodes}`, containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  return {
    service,
    pods,
    nodes,
    nodesByName: new Map(nodes.map((node) => [node.metadata.name ?? '', node])),
  };
}

/** The slices a sync created, named as the API server would (`web-<n>`). */
export function createdSlices(actions: readonly SliceAction[]): EndpointSlice[] {
  return actions.flatMap((action, i) =>
    action.verb === 'create'
      ? [{ ...action.slice, metadata: { ...action.slice.metadata, name: `web-${i}` } }]
      : [],
  );
}
