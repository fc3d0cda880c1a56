import fc from 'fast-check';
import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
  type ServicePort,
} from '../../src/index.ts';

/** Random but realistic inputs of one sync: a Service, Pods, Nodes, and earlier slices. */
export interface SyncWorld {
  service: Service;
  pods: Pod[];
  nodes: Node[];
  maxEndpointsPerSlice: number;
}

const NAMESPACE = 'ns';
const nodeNames = ['node-a', 'node-b', 'node-c', 'node-gone'];

const servicePort: fc.Arbitrary<ServicePort> = fc.record(
  {
    name: fc.constantFrom('http', 'https', 'metrics', ''),
    port: fc.integer({ min: 1, max: 65535 }),
    targetPort: fc.oneof(fc.integer({ min: 1, max: 9000 }), fc.constantFrom('web', 'admin')),
    protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
  },
  { requiredKeys: ['port'] },
);

/**
 * One containers list per `web` port, shared by every Pod spec with that port, as the Pods of
 * one template share theirs (the controllers may keep what they resolve per list).
 */
const containersByPort = new Map<number | undefined, NonNullable<Pod['spec']>['containers']>();

function containersFor(webPort: number | undefined): NonNullable<Pod['spec']>['containers'] {
  let containers = containersByPort.get(webPort);
  if (!containers) {
    containers = [{ name: 'app', ports: webPort ? [{ name: 'web', containerPort: webPort }] : [] }];
    containersByPort.set(webPort, containers);
  }
  return containers;
}

/**
 * A Pod's spec as the property worlds vary it: its Node, a hostname (subdomain `web`), a named
 * container port `web` (the containers list shared with every spec of that port), and a sidecar
 * (a restartable init container) with a named port `admin`.
 */
export function podSpec(p: {
  nodeName: string;
  hostname: string | undefined;
  webPort: number | undefined;
  sidecar: boolean;
}): NonNullable<Pod['spec']> {
  return {
    nodeName: p.nodeName,
    ...(p.hostname && { hostname: p.hostname, subdomain: 'web' }),
    containers: containersFor(p.webPort),
    initContainers: p.sidecar
      ? [
          {
            name: 'proxy',
            restartPolicy: 'Always',
            ports: [{ name: 'admin', containerPort: 9901 }],
          },
        ]
      : [],
  };
}

export const serviceArbitrary: fc.Arbitrary<Service> = fc
  .record({
    ports: fc.uniqueArray(servicePort, { maxLength: 3, selector: (port) => port.name ?? '' }),
    ipFamilies: fc.constantFrom<Service['spec']['ipFamilies']>(
      ['IPv4'],
      ['IPv6'],
      ['IPv4', 'IPv6'],
      ['IPv6', 'IPv4'],
      undefined,
    ),
    clusterIP: fc.constantFrom('10.0.0.1', 'None', '', 'fd00::1'),
    publishNotReadyAddresses: fc.boolean(),
    labels: fc.dictionary(
      fc.constantFrom('team', 'tier', LABEL_SERVICE_NAME),
      fc.constantFrom('a', 'b'),
    ),
    trafficDistribution: fc.constantFrom(
      undefined,
      'PreferClose',
      'PreferSameZone',
      'PreferSameNode',
      'Other',
    ),
  })
  .map(
    ({ ports, ipFamilies, clusterIP, publishNotReadyAddresses, labels, trafficDistribution }) => ({
      metadata: { name: 'web', namespace: NAMESPACE, uid: 'svc-uid', labels },
      spec: {
        selector: { app: 'web' },
        ports,
        clusterIP,
        ...(ipFamilies && { ipFamilies }),
        publishNotReadyAddresses,
        ...(trafficDistribution && { trafficDistribution }),
      },
    }),
  );

const podArbitrary = (index: number): fc.Arbitrary<Pod> =>
  fc
    .record({
      selected: fc.boolean(),
      otherNamespace: fc.boolean(),
      ready: fc.boolean(),
      terminating: fc.boolean(),
      phase: fc.constantFrom('Running', 'Running', 'Running', 'Pending', 'Succeeded', 'Failed'),
      families: fc.constantFrom(['v4'], ['v6'], ['v4', 'v6'], []),
      nodeName: fc.constantFrom(...nodeNames),
      webPort: fc.constantFrom(8080, 8081, undefined),
      sidecarAdmin: fc.boolean(),
      hostname: fc.constantFrom(undefined, 'h'),
    })
    .map((p) => {
      const podIPs = p.families.map((family) =>
        family === 'v4'
          ? { ip: `10.1.${index >> 8}.${index & 255}` }
          : { ip: `fd00::${index.toString(16)}` },
      );
      return {
        metadata: {
          name: `pod-${index}`,
          namespace: p.otherNamespace && !p.selected ? 'elsewhere' : NAMESPACE,
          uid: `uid-${index}`,
          labels: { app: p.selected ? 'web' : 'other' },
          ...(p.terminating && { deletionTimestamp: '2024-01-01T00:00:00Z' }),
        },
        spec: podSpec({
          nodeName: p.nodeName,
          hostname: p.hostname,
          webPort: p.webPort,
          sidecar: p.sidecarAdmin,
        }),
        status: {
          phase: p.phase,
          ...(podIPs[0] && { podIP: podIPs[0].ip }),
          podIPs,
          conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }],
        },
      } satisfies Pod;
    });

export const podsArbitrary = (maxPods: number): fc.Arbitrary<Pod[]> =>
  fc
    .integer({ min: 0, max: maxPods })
    .chain((count) =>
      count === 0
        ? fc.constant([])
        : fc.tuple(...Array.from({ length: count }, (_, i) => podArbitrary(i))),
    );

/** Nodes a, b and c in two zones; `node-gone` is never listed, to exercise the missing-Node rule. */
export const nodes: Node[] = [
  { metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-1' } } },
  { metadata: { name: 'node-b', labels: { 'topology.kubernetes.io/zone': 'zone-2' } } },
  { metadata: { name: 'node-c' } },
];

export const worldArbitrary = (maxPods: number): fc.Arbitrary<SyncWorld> =>
  fc.record({
    service: serviceArbitrary,
    pods: podsArbitrary(maxPods),
    nodes: fc.constant(nodes),
    maxEndpointsPerSlice: fc.constantFrom(1, 2, 3, 5, 10, 100),
  });

/** Slices the reconcile must never touch: another manager's, another Service's, or being deleted. */
export const foreignSlices: EndpointSlice[] = [
  {
    metadata: {
      name: 'web-mirrored',
      namespace: NAMESPACE,
      labels: { [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: 'someone-else' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.9.9.9'] }],
  },
  {
    metadata: {
      name: 'api-abc',
      namespace: NAMESPACE,
      labels: { [LABEL_SERVICE_NAME]: 'api', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
    },
    addressType: 'IPv4',
    endpoints: [],
  },
  {
    metadata: {
      name: 'web-dying',
      namespace: NAMESPACE,
      deletionTimestamp: '2024-01-01T00:00:00Z',
      labels: { [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
    },
    addressType: 'IPv4',
    endpoints: [],
  },
];

/** Managed slices of this Service's name that it does not own (a deleted Service's leftovers). */
export const strayOwnedSlice: EndpointSlice = {
  metadata: {
    name: 'web-old',
    namespace: NAMESPACE,
    labels: { [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'previous-uid' }],
  },
  addressType: 'IPv4',
  endpoints: [
    { addresses: ['10.1.0.0'], targetRef: { kind: 'Pod', namespace: NAMESPACE, name: 'pod-0' } },
  ],
};
