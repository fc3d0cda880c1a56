/**
 * Ports of kubernetes/kubernetes pkg/proxy/topology_test.go TestCategorizeEndpoints and of the
 * merging/dedupe/conditions tests of pkg/proxy/endpointslicecache_test.go, driven through
 * proxyView with Kubernetes JSON inputs, plus slicescope's own cases for what upstream tests
 * elsewhere (informer selectors, ShouldSkipService, dedupe rule changes).
 *
 * TestCategorizeEndpoints tables:
 * - 1.31 and later: topology_test.go at commit 6c039d9075ef18d200bb0ba7dbdb362f4d0deef0 (26 cases),
 *   run under '1.31-1.35' and '1.36+'; plus the four PreferSameNode cases of the newer table
 *   (as mirrored in antrea-io/antrea third_party/proxy/topology_test.go; the upstream file of
 *   that age is not in the stored copies).
 * - 1.24-1.26: topology_test.go at commit 02756999a07f133c152b3078ed93c4b870f800d4 (36 cases,
 *   with the TopologyAwareHints and ProxyTerminatingEndpoints gates), run under '1.21-1.26'.
 *
 * endpointslicecache_test.go at commit 05e14799db8e4835d686d5b604ea4c9f5708120d:
 * TestEndpointsMapFromESC (8 cases) and TestEndpointInfoByServicePort (2 cases). Not ported:
 * TestEsDataChanged, and the checkout/pending tests, which are about the cache's applied/pending
 * change tracking; proxyView computes one state from a list of slices, so there is nothing to
 * track.
 */
import { describe, expect, test } from 'vitest';
import {
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MIRRORING_CONTROLLER_NAME,
  type Endpoint,
  type EndpointSlice,
  type Node,
  type Service,
} from '../src/index.ts';
import { proxyView, type ProxyPortView, type ProxyView } from '../src/topology/proxyView.ts';
import {
  DEFAULT_PROXY_BEHAVIOUR,
  proxyBehaviourForVersion,
  proxyRules,
  type ProxyBehaviour,
} from '../src/topology/proxyBehaviour.ts';
import { proxyEndpointsMap, type ProxyEndpoint } from '../src/topology/proxySliceCache.ts';
import { newNode } from './builders/index.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';

// ---------------------------------------------------------------------------------------------
// TestCategorizeEndpoints
// ---------------------------------------------------------------------------------------------

/** An upstream BaseEndpointInfo literal: unset booleans are false, as in Go. */
interface GoEndpoint {
  endpoint: string;
  zoneHints?: string[];
  nodeHints?: string[];
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  isLocal?: boolean;
}

interface CategorizeCase {
  name: string;
  hintsEnabled?: boolean;
  pteEnabled?: boolean;
  preferSameEnabled?: boolean;
  nodeName?: string;
  nodeLabels?: Record<string, string>;
  serviceInfo: {
    externalPolicyLocal?: boolean;
    internalPolicyLocal?: boolean;
    nodePort?: number;
    hintsAnnotation?: string;
  };
  endpoints: GoEndpoint[];
  /** null is upstream's nil: the Service never uses this kind of endpoints. */
  clusterEndpoints: string[] | null;
  localEndpoints: string[] | null;
  allEndpoints?: string[];
  onlyRemoteEndpoints?: boolean;
}

const EP = (endpoint: string, fields: Omit<GoEndpoint, 'endpoint'> = {}): GoEndpoint => ({
  endpoint,
  ...fields,
});

/** The JSON a cluster would hold for an upstream test case: one Service port 80, one slice. */
function categorizeInputs(tc: CategorizeCase): {
  service: Service;
  slice: EndpointSlice;
  node: Node;
} {
  const nodeName = tc.nodeName ?? 'test-node';
  const { externalPolicyLocal, internalPolicyLocal, nodePort, hintsAnnotation } = tc.serviceInfo;
  const service: Service = {
    metadata: {
      name: 'svc',
      namespace: 'ns',
      ...(hintsAnnotation !== undefined && {
        annotations: { [HINTS_ANNOTATION]: hintsAnnotation },
      }),
    },
    spec: {
      type: nodePort ? 'NodePort' : 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: '', port: 80, protocol: 'TCP', ...(nodePort && { nodePort }) }],
      externalTrafficPolicy: externalPolicyLocal ? 'Local' : 'Cluster',
      internalTrafficPolicy: internalPolicyLocal ? 'Local' : 'Cluster',
    },
  };
  const endpoints: Endpoint[] = tc.endpoints.map((ep) => {
    const address = ep.endpoint.slice(0, ep.endpoint.lastIndexOf(':'));
    return {
      addresses: [address],
      conditions: {
        ready: ep.ready ?? false,
        serving: ep.serving ?? false,
        terminating: ep.terminating ?? false,
      },
      ...(ep.isLocal && { nodeName }),
      ...((ep.zoneHints || ep.nodeHints) && {
        hints: {
          ...(ep.zoneHints && { forZones: ep.zoneHints.map((name) => ({ name })) }),
          ...(ep.nodeHints && { forNodes: ep.nodeHints.map((name) => ({ name })) }),
        },
      }),
    };
  });
  const slice: EndpointSlice = {
    metadata: { name: 'svc-abc12', namespace: 'ns', labels: { [LABEL_SERVICE_NAME]: 'svc' } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
    endpoints,
  };
  const node: Node = { metadata: { name: nodeName, labels: { ...tc.nodeLabels } } };
  return { service, slice, node };
}

function onlyPort(view: ProxyView): ProxyPortView {
  if (!view.proxied) throw new Error(`not proxied: ${view.reason}`);
  expect(view.ports).toHaveLength(1);
  return view.ports[0]!;
}

const names = (endpoints: readonly ProxyEndpoint[] | null): string[] | null =>
  endpoints ? endpoints.map((endpoint) => endpoint.endpoint) : null;
const sorted = (list: readonly string[] | null): string[] | null =>
  list ? [...list].sort() : null;

function checkCategorizeCase(tc: CategorizeCase, behaviour: ProxyBehaviour): void {
  const { service, slice, node } = categorizeInputs(tc);
  const port = onlyPort(proxyView(service, [slice], node, behaviour));
  expect(sorted(names(port.clusterEndpoints))).toEqual(sorted(tc.clusterEndpoints));
  expect(sorted(names(port.localEndpoints))).toEqual(sorted(tc.localEndpoints));
  const expectedAll =
    tc.clusterEndpoints && !tc.localEndpoints
      ? tc.clusterEndpoints
      : tc.localEndpoints && !tc.clusterEndpoints
        ? tc.localEndpoints
        : (tc.allEndpoints ?? []);
  expect(sorted(names(port.allReachableEndpoints))).toEqual(sorted(expectedAll));
  expect(port.hasAnyEndpoints).toBe(expectedAll.length > 0 || tc.onlyRemoteEndpoints === true);
  // kube-proxy keeps each list sorted by "IP:port".
  for (const list of [port.clusterEndpoints, port.localEndpoints, port.allReachableEndpoints]) {
    const listed = names(list) ?? [];
    expect(listed).toEqual([...listed].sort());
  }
}

/** topology_test.go at commit 6c039d9075ef18d200bb0ba7dbdb362f4d0deef0 (kube-proxy 1.31+). */
const categorizeCases131: CategorizeCase[] = [
  {
    name: "should use topology since all endpoints have hints, node has a zone label and and there are endpoints for the node's zone",
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'externalTrafficPolicy: Local, topology ignored for Local endpoints',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: ['10.1.2.3:80', '10.1.2.4:80'],
    allEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, topology ignored for Local endpoints',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: false, nodePort: 8080 },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: ['10.1.2.3:80', '10.1.2.4:80'],
    allEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'empty node labels',
    nodeLabels: {},
    serviceInfo: {},
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'empty zone label',
    nodeLabels: { [ZONE]: '' },
    serviceInfo: {},
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'node in different zone, no endpoint filtering',
    nodeLabels: { [ZONE]: 'zone-b' },
    serviceInfo: {},
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'unready endpoint',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: false }),
    ],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'only unready endpoints in same zone (should not filter)',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: false }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: false }),
    ],
    clusterEndpoints: ['10.1.2.4:80', '10.1.2.5:80'],
    localEndpoints: null,
  },
  {
    name: 'missing hints, no filtering applied',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'multiple hints per endpoint, filtering includes any endpoint with zone included',
    nodeLabels: { [ZONE]: 'zone-c' },
    serviceInfo: {},
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a', 'zone-b', 'zone-c'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b', 'zone-c'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-b', 'zone-d'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-c'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'conflicting topology and localness require merging allEndpoints',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.0.0.1:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.0.0.2:80', { zoneHints: ['zone-a'], ready: true, isLocal: false }),
      EP('10.0.0.3:80', { zoneHints: ['zone-b'], ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.2:80'],
    localEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80', '10.0.0.2:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, with empty endpoints',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [],
    clusterEndpoints: null,
    localEndpoints: [],
  },
  {
    name: 'internalTrafficPolicy: Local, but all endpoints are remote',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: null,
    localEndpoints: [],
    onlyRemoteEndpoints: true,
  },
  {
    name: 'internalTrafficPolicy: Local, all endpoints are local',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, some endpoints are local',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.0:80'],
  },
  {
    name: 'Cluster traffic policy, endpoints not Ready',
    serviceInfo: {},
    endpoints: [EP('10.0.0.0:80', { ready: false }), EP('10.0.0.1:80', { ready: false })],
    clusterEndpoints: [],
    localEndpoints: null,
  },
  {
    name: 'Cluster traffic policy, some endpoints are Ready',
    serviceInfo: {},
    endpoints: [EP('10.0.0.0:80', { ready: false }), EP('10.0.0.1:80', { ready: true })],
    clusterEndpoints: ['10.0.0.1:80'],
    localEndpoints: null,
  },
  {
    name: 'Cluster traffic policy, all endpoints are terminating',
    pteEnabled: true,
    serviceInfo: {},
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: null,
  },
  {
    name: 'iTP: Local, eTP: Cluster, some endpoints local',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: false, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Cluster, eTP: Local, some endpoints local',
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, some endpoints local',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, all endpoints remote',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: [],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, all endpoints remote and terminating',
    pteEnabled: true,
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: [],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    onlyRemoteEndpoints: true,
  },
  {
    name: 'iTP: Cluster, eTP: Local, with terminating endpoints',
    pteEnabled: true,
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: false, isLocal: true }),
      EP('10.0.0.2:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.3:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80'],
    localEndpoints: ['10.0.0.2:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.2:80'],
  },
  {
    name: 'externalTrafficPolicy ignored if not externally accessible',
    serviceInfo: { externalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: null,
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'no cluster endpoints for iTP:Local internal-only service',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.1:80'],
    allEndpoints: ['10.0.0.1:80'],
  },
];

const sameNodeEndpoints = [
  EP('10.1.2.3:80', { zoneHints: ['zone-a'], nodeHints: ['node-1'], ready: true, serving: true }),
  EP('10.1.2.4:80', { zoneHints: ['zone-b'], nodeHints: ['node-2'], ready: true, serving: true }),
  EP('10.1.2.5:80', { zoneHints: ['zone-c'], nodeHints: ['node-3'], ready: true, serving: true }),
  EP('10.1.2.6:80', { zoneHints: ['zone-a'], nodeHints: ['node-4'], ready: true, serving: true }),
];

/** The PreferSameNode cases of the 1.33+ table. */
const preferSameNodeCases: CategorizeCase[] = [
  {
    name: 'PreferSameNode falls back to same-zone when feature gate disabled',
    preferSameEnabled: false,
    nodeName: 'node-1',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: sameNodeEndpoints,
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'PreferSameNode available',
    preferSameEnabled: true,
    nodeName: 'node-1',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: sameNodeEndpoints,
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'PreferSameNode ignored if some endpoints unhinted',
    preferSameEnabled: true,
    nodeName: 'node-1',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: [
      sameNodeEndpoints[0]!,
      EP('10.1.2.4:80', { ready: true, serving: true }),
      sameNodeEndpoints[2]!,
      sameNodeEndpoints[3]!,
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'PreferSameNode falls back to PreferSameZone if no endpoint for node',
    preferSameEnabled: true,
    nodeName: 'node-0',
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: sameNodeEndpoints,
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
];

const fourZonedEndpoints = [
  EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
  EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
  EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
  EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
];
const allFour = ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.5:80', '10.1.2.6:80'];

/** topology_test.go at commit 02756999a07f133c152b3078ed93c4b870f800d4 (kube-proxy 1.24-1.26). */
const categorizeCases124: CategorizeCase[] = [
  {
    name: 'hints enabled, hints annotation == auto',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'hints, hints annotation == disabled, hints ignored',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'disabled' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'hints, hints annotation == aUto (wrong capitalization), hints ignored',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'aUto' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'hints, hints annotation empty, hints ignored',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {},
    endpoints: fourZonedEndpoints,
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'externalTrafficPolicy: Local, topology ignored for Local endpoints',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { externalPolicyLocal: true, nodePort: 8080, hintsAnnotation: 'auto' },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: ['10.1.2.3:80', '10.1.2.4:80'],
    allEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, topology ignored for Local endpoints',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {
      internalPolicyLocal: true,
      hintsAnnotation: 'auto',
      externalPolicyLocal: false,
      nodePort: 8080,
    },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: ['10.1.2.3:80', '10.1.2.4:80'],
    allEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
  },
  {
    name: 'empty node labels',
    hintsEnabled: true,
    nodeLabels: {},
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'empty zone label',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: '' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'node in different zone, no endpoint filtering',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-b' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true })],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'normal endpoint filtering, auto annotation',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'unready endpoint',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: false }),
    ],
    clusterEndpoints: ['10.1.2.3:80'],
    localEndpoints: null,
  },
  {
    name: 'only unready endpoints in same zone (should not filter)',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: false }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-c'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: false }),
    ],
    clusterEndpoints: ['10.1.2.4:80', '10.1.2.5:80'],
    localEndpoints: null,
  },
  {
    name: 'normal endpoint filtering, Auto annotation',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'Auto' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'hintsAnnotation empty, no filtering applied',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: '' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'hintsAnnotation disabled, no filtering applied',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'disabled' },
    endpoints: fourZonedEndpoints,
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'missing hints, no filtering applied',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b'], ready: true }),
      EP('10.1.2.5:80', { ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-a'], ready: true }),
    ],
    clusterEndpoints: allFour,
    localEndpoints: null,
  },
  {
    name: 'multiple hints per endpoint, filtering includes any endpoint with zone included',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-c' },
    serviceInfo: { hintsAnnotation: 'auto' },
    endpoints: [
      EP('10.1.2.3:80', { zoneHints: ['zone-a', 'zone-b', 'zone-c'], ready: true }),
      EP('10.1.2.4:80', { zoneHints: ['zone-b', 'zone-c'], ready: true }),
      EP('10.1.2.5:80', { zoneHints: ['zone-b', 'zone-d'], ready: true }),
      EP('10.1.2.6:80', { zoneHints: ['zone-c'], ready: true }),
    ],
    clusterEndpoints: ['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80'],
    localEndpoints: null,
  },
  {
    name: 'conflicting topology and localness require merging allEndpoints',
    hintsEnabled: true,
    nodeLabels: { [ZONE]: 'zone-a' },
    serviceInfo: {
      internalPolicyLocal: false,
      externalPolicyLocal: true,
      nodePort: 8080,
      hintsAnnotation: 'auto',
    },
    endpoints: [
      EP('10.0.0.0:80', { zoneHints: ['zone-a'], ready: true, isLocal: true }),
      EP('10.0.0.1:80', { zoneHints: ['zone-b'], ready: true, isLocal: true }),
      EP('10.0.0.2:80', { zoneHints: ['zone-a'], ready: true, isLocal: false }),
      EP('10.0.0.3:80', { zoneHints: ['zone-b'], ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.2:80'],
    localEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80', '10.0.0.2:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, with empty endpoints',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [],
    clusterEndpoints: null,
    localEndpoints: [],
  },
  {
    name: 'internalTrafficPolicy: Local, but all endpoints are remote',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: null,
    localEndpoints: [],
    onlyRemoteEndpoints: true,
  },
  {
    name: 'internalTrafficPolicy: Local, all endpoints are local',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'internalTrafficPolicy: Local, some endpoints are local',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.0:80'],
  },
  {
    name: 'Cluster traffic policy, endpoints not Ready',
    serviceInfo: {},
    endpoints: [EP('10.0.0.0:80', { ready: false }), EP('10.0.0.1:80', { ready: false })],
    clusterEndpoints: [],
    localEndpoints: null,
  },
  {
    name: 'Cluster traffic policy, some endpoints are Ready',
    serviceInfo: {},
    endpoints: [EP('10.0.0.0:80', { ready: false }), EP('10.0.0.1:80', { ready: true })],
    clusterEndpoints: ['10.0.0.1:80'],
    localEndpoints: null,
  },
  {
    name: 'Cluster traffic policy, PTE enabled, all endpoints are terminating',
    pteEnabled: true,
    serviceInfo: {},
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: null,
  },
  {
    name: 'Cluster traffic policy, PTE disabled, all endpoints are terminating',
    pteEnabled: false,
    serviceInfo: {},
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: [],
    localEndpoints: null,
  },
  {
    name: 'iTP: Local, eTP: Cluster, some endpoints local',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: false, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Cluster, eTP: Local, some endpoints local',
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, some endpoints local',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: true }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: ['10.0.0.0:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, all endpoints remote',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: [],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'iTP: Local, eTP: Local, PTE disabled, all endpoints remote and terminating',
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: [],
    localEndpoints: [],
    allEndpoints: [],
  },
  {
    name: 'iTP: Local, eTP: Local, PTE enabled, all endpoints remote and terminating',
    pteEnabled: true,
    serviceInfo: { internalPolicyLocal: true, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: false, serving: true, terminating: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: [],
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    onlyRemoteEndpoints: true,
  },
  {
    name: 'iTP: Cluster, eTP: Local, PTE disabled, with terminating endpoints',
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: false, isLocal: true }),
      EP('10.0.0.2:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.3:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80'],
    localEndpoints: [],
    allEndpoints: ['10.0.0.0:80'],
  },
  {
    name: 'iTP: Cluster, eTP: Local, PTE enabled, with terminating endpoints',
    pteEnabled: true,
    serviceInfo: { internalPolicyLocal: false, externalPolicyLocal: true, nodePort: 8080 },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: false, serving: false, isLocal: true }),
      EP('10.0.0.2:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      EP('10.0.0.3:80', { ready: false, serving: true, terminating: true, isLocal: false }),
    ],
    clusterEndpoints: ['10.0.0.0:80'],
    localEndpoints: ['10.0.0.2:80'],
    allEndpoints: ['10.0.0.0:80', '10.0.0.2:80'],
  },
  {
    name: 'externalTrafficPolicy ignored if not externally accessible',
    serviceInfo: { externalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
    localEndpoints: null,
    allEndpoints: ['10.0.0.0:80', '10.0.0.1:80'],
  },
  {
    name: 'no cluster endpoints for iTP:Local internal-only service',
    serviceInfo: { internalPolicyLocal: true },
    endpoints: [
      EP('10.0.0.0:80', { ready: true, isLocal: false }),
      EP('10.0.0.1:80', { ready: true, isLocal: true }),
    ],
    clusterEndpoints: null,
    localEndpoints: ['10.0.0.1:80'],
    allEndpoints: ['10.0.0.1:80'],
  },
];

describe('TestCategorizeEndpoints', () => {
  test('the tables keep upstream’s case counts', () => {
    expect(categorizeCases131).toHaveLength(26);
    expect(preferSameNodeCases).toHaveLength(4);
    expect(categorizeCases124).toHaveLength(36);
  });

  describe.each([{ version: '1.31-1.35' } as const, { version: '1.36+' } as const])(
    'kube-proxy $version (table of 1.31)',
    (behaviour) => {
      test.each(categorizeCases131)('$name', (tc) => checkCategorizeCase(tc, behaviour));
    },
  );

  describe('kube-proxy 1.33+ PreferSameNode cases', () => {
    test.each(preferSameNodeCases)('1.31-1.35: $name', (tc) =>
      checkCategorizeCase(tc, {
        version: '1.31-1.35',
        preferSameTrafficDistribution: tc.preferSameEnabled === true,
      }),
    );
    test.each(preferSameNodeCases.filter((tc) => tc.preferSameEnabled))('1.36+: $name', (tc) =>
      checkCategorizeCase(tc, { version: '1.36+' }),
    );
  });

  describe('kube-proxy 1.21-1.26 (table of 1.24-1.26, with feature gates)', () => {
    test.each(categorizeCases124)('$name', (tc) =>
      checkCategorizeCase(tc, {
        version: '1.21-1.26',
        topologyAwareHints: tc.hintsEnabled === true,
        proxyTerminatingEndpoints: tc.pteEnabled === true,
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// endpointslicecache_test.go
// ---------------------------------------------------------------------------------------------

/**
 * upstream generateEndpointSliceWithOffset: endpoint i (1-based) is 10.0.<offset>.<i>, unready
 * when i % unreadyMod == 0, terminating when i % terminatingMod == 0, on hosts[i % len(hosts)].
 */
function generateEndpointSliceWithOffset(
  serviceName: string,
  namespace: string,
  sliceNum: number,
  offset: number,
  numEndpoints: number,
  unreadyMod: number,
  terminatingMod: number,
  hosts: string[],
  portNums: (number | undefined)[],
): EndpointSlice {
  const endpoints: Endpoint[] = [];
  for (let i = 1; i <= numEndpoints; i++) {
    const readyCondition = i % unreadyMod !== 0;
    const terminatingCondition = i % terminatingMod === 0;
    endpoints.push({
      addresses: [`10.0.${offset}.${i}`],
      conditions: {
        ready: readyCondition && !terminatingCondition,
        serving: readyCondition,
        terminating: terminatingCondition,
      },
      ...(hosts.length > 0 && { nodeName: hosts[i % hosts.length] }),
    });
  }
  return {
    metadata: {
      name: `${serviceName}-${sliceNum}`,
      namespace,
      labels: { [LABEL_SERVICE_NAME]: serviceName },
    },
    addressType: 'IPv4',
    ports: portNums.map((port, i) => ({
      name: `port-${i}`,
      protocol: 'TCP' as const,
      ...(port !== undefined && { port }),
    })),
    endpoints,
  };
}

function generateEndpointSlice(
  serviceName: string,
  namespace: string,
  sliceNum: number,
  numEndpoints: number,
  unreadyMod: number,
  terminatingMod: number,
  hosts: string[],
  portNums: (number | undefined)[],
): EndpointSlice {
  return generateEndpointSliceWithOffset(
    serviceName,
    namespace,
    sliceNum,
    sliceNum,
    numEndpoints,
    unreadyMod,
    terminatingMod,
    hosts,
    portNums,
  );
}

/** The fields upstream's compareEndpointsMapsStr compares. */
interface ExpectedInfo {
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

const info = (
  endpoint: string,
  isLocal: boolean,
  ready: boolean,
  serving: boolean,
  terminating: boolean,
): ExpectedInfo => ({
  endpoint,
  isLocal,
  ready,
  serving,
  terminating,
});
/** A ready, serving, non-terminating endpoint. */
const readyInfo = (endpoint: string, isLocal = false): ExpectedInfo =>
  info(endpoint, isLocal, true, true, false);

function endpointsMapOf(
  slices: readonly EndpointSlice[],
  hostname: string,
  behaviour: ProxyBehaviour = DEFAULT_PROXY_BEHAVIOUR,
): Record<string, ExpectedInfo[]> {
  const map = proxyEndpointsMap(
    { namespace: 'ns1', name: 'svc1' },
    slices,
    hostname,
    proxyRules(behaviour),
  );
  const result: Record<string, ExpectedInfo[]> = {};
  for (const port of map.ports) {
    result[`${port.portName}/${port.protocol}`] = port.endpoints.map((ep) =>
      info(ep.endpoint, ep.isLocal, ep.ready, ep.serving, ep.terminating),
    );
  }
  return result;
}

describe('TestEndpointsMapFromESC', () => {
  const cases: {
    name: string;
    hostname?: string;
    endpointSlices: EndpointSlice[];
    expectedMap: Record<string, ExpectedInfo[]>;
  }[] = [
    {
      name: '1 slice, 2 hosts, ports 80,443',
      hostname: 'host1',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [80, 443]),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80', true),
          readyInfo('10.0.1.3:80'),
        ],
        'port-1/TCP': [
          readyInfo('10.0.1.1:443'),
          readyInfo('10.0.1.2:443', true),
          readyInfo('10.0.1.3:443'),
        ],
      },
    },
    {
      name: '2 slices, same port',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
        generateEndpointSlice('svc1', 'ns1', 2, 3, 999, 999, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80'),
          readyInfo('10.0.1.3:80'),
          readyInfo('10.0.2.1:80'),
          readyInfo('10.0.2.2:80'),
          readyInfo('10.0.2.3:80'),
        ],
      },
    },
    {
      // Both slices are named svc1-1: the second replaces the first in the cache.
      name: '2 overlapping slices, same port',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
        generateEndpointSlice('svc1', 'ns1', 1, 4, 999, 999, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80'),
          readyInfo('10.0.1.3:80'),
          readyInfo('10.0.1.4:80'),
        ],
      },
    },
    {
      name: '2 slices, overlapping endpoints, some endpoints unready in 1 or both',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 10, 3, 999, [], [80]),
        generateEndpointSlice('svc1', 'ns1', 1, 10, 6, 999, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.10:80'),
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80'),
          readyInfo('10.0.1.3:80'),
          readyInfo('10.0.1.4:80'),
          readyInfo('10.0.1.5:80'),
          info('10.0.1.6:80', false, false, false, false),
          readyInfo('10.0.1.7:80'),
          readyInfo('10.0.1.8:80'),
          readyInfo('10.0.1.9:80'),
        ],
      },
    },
    {
      name: '2 slices, overlapping endpoints, some endpoints unready and some endpoints terminating',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 10, 3, 5, [], [80]),
        generateEndpointSlice('svc1', 'ns1', 1, 10, 6, 5, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          info('10.0.1.10:80', false, false, true, true),
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80'),
          readyInfo('10.0.1.3:80'),
          readyInfo('10.0.1.4:80'),
          info('10.0.1.5:80', false, false, true, true),
          info('10.0.1.6:80', false, false, false, false),
          readyInfo('10.0.1.7:80'),
          readyInfo('10.0.1.8:80'),
          readyInfo('10.0.1.9:80'),
        ],
      },
    },
    {
      name: '2 slices, overlapping endpoints, all unready',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 10, 1, 999, [], [80]),
        generateEndpointSlice('svc1', 'ns1', 1, 10, 1, 999, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          '10.0.1.10:80',
          '10.0.1.1:80',
          '10.0.1.2:80',
          '10.0.1.3:80',
          '10.0.1.4:80',
          '10.0.1.5:80',
          '10.0.1.6:80',
          '10.0.1.7:80',
          '10.0.1.8:80',
          '10.0.1.9:80',
        ].map((endpoint) => info(endpoint, false, false, false, false)),
      },
    },
    {
      name: '3 slices with different services and namespaces',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, [], [80]),
        generateEndpointSlice('svc2', 'ns1', 2, 3, 999, 999, [], [80]),
        generateEndpointSlice('svc1', 'ns2', 3, 3, 999, 999, [], [80]),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.2:80'),
          readyInfo('10.0.1.3:80'),
        ],
      },
    },
    {
      // A nil port will one day mean "all ports"; today it is ignored.
      name: 'Nil port should not break anything',
      hostname: 'host1',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [undefined]),
      ],
      expectedMap: {},
    },
    {
      name: 'Different endpoints with duplicate IPs should not be filtered',
      hostname: 'host1',
      endpointSlices: [
        generateEndpointSliceWithOffset('svc1', 'ns1', 1, 1, 2, 999, 999, ['host1', 'host2'], [80]),
        generateEndpointSliceWithOffset(
          'svc1',
          'ns1',
          2,
          1,
          2,
          999,
          999,
          ['host1', 'host2'],
          [8080],
        ),
      ],
      expectedMap: {
        'port-0/TCP': [
          readyInfo('10.0.1.1:80'),
          readyInfo('10.0.1.1:8080'),
          readyInfo('10.0.1.2:80', true),
          readyInfo('10.0.1.2:8080', true),
        ],
      },
    },
  ];

  test.each(cases)('$name', ({ endpointSlices, hostname, expectedMap }) => {
    const before = structuredClone(endpointSlices);
    expect(endpointsMapOf(endpointSlices, hostname ?? '')).toEqual(expectedMap);
    // upstream cacheMutationCheck: the inputs are never changed.
    expect(endpointSlices).toEqual(before);
  });
});

describe('TestEndpointInfoByServicePort', () => {
  const cases: {
    name: string;
    hostname: string;
    endpointSlices: EndpointSlice[];
    expected: Record<string, Record<string, Omit<ProxyEndpoint, 'nodeName'>>>;
  }[] = [
    {
      name: 'simple use case with 3 endpoints',
      hostname: 'host1',
      endpointSlices: [
        generateEndpointSlice('svc1', 'ns1', 1, 3, 999, 999, ['host1', 'host2'], [80]),
      ],
      expected: {
        'port-0/TCP': {
          '10.0.1.1:80': {
            address: '10.0.1.1',
            port: 80,
            endpoint: '10.0.1.1:80',
            isLocal: false,
            ready: true,
            serving: true,
            terminating: false,
          },
          '10.0.1.2:80': {
            address: '10.0.1.2',
            port: 80,
            endpoint: '10.0.1.2:80',
            isLocal: true,
            ready: true,
            serving: true,
            terminating: false,
          },
          '10.0.1.3:80': {
            address: '10.0.1.3',
            port: 80,
            endpoint: '10.0.1.3:80',
            isLocal: false,
            ready: true,
            serving: true,
            terminating: false,
          },
        },
      },
    },
    {
      name: '4 different slices with duplicate IPs',
      hostname: 'host1',
      endpointSlices: [
        generateEndpointSliceWithOffset('svc1', 'ns1', 1, 1, 2, 999, 999, ['host1', 'host2'], [80]),
        generateEndpointSliceWithOffset(
          'svc1',
          'ns1',
          2,
          1,
          2,
          999,
          999,
          ['host1', 'host2'],
          [8080],
        ),
      ],
      expected: {
        'port-0/TCP': {
          '10.0.1.1:80': {
            address: '10.0.1.1',
            port: 80,
            endpoint: '10.0.1.1:80',
            isLocal: false,
            ready: true,
            serving: true,
            terminating: false,
          },
          '10.0.1.2:80': {
            address: '10.0.1.2',
            port: 80,
            endpoint: '10.0.1.2:80',
            isLocal: true,
            ready: true,
            serving: true,
            terminating: false,
          },
          '10.0.1.1:8080': {
            address: '10.0.1.1',
            port: 8080,
            endpoint: '10.0.1.1:8080',
            isLocal: false,
            ready: true,
            serving: true,
            terminating: false,
          },
          '10.0.1.2:8080': {
            address: '10.0.1.2',
            port: 8080,
            endpoint: '10.0.1.2:8080',
            isLocal: true,
            ready: true,
            serving: true,
            terminating: false,
          },
        },
      },
    },
  ];

  test.each(cases)('$name', ({ endpointSlices, hostname, expected }) => {
    const map = proxyEndpointsMap(
      { namespace: 'ns1', name: 'svc1' },
      endpointSlices,
      hostname,
      proxyRules(DEFAULT_PROXY_BEHAVIOUR),
    );
    const got: Record<string, Record<string, Omit<ProxyEndpoint, 'nodeName'>>> = {};
    for (const port of map.ports) {
      const byEndpoint: Record<string, Omit<ProxyEndpoint, 'nodeName'>> = {};
      for (const { nodeName: _nodeName, ...rest } of port.endpoints)
        byEndpoint[rest.endpoint] = rest;
      got[`${port.portName}/${port.protocol}`] = byEndpoint;
    }
    expect(got).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// slicescope's own cases
// ---------------------------------------------------------------------------------------------

function service(
  overrides: Partial<Service['spec']> = {},
  metadata: Partial<Service['metadata']> = {},
): Service {
  return {
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      ...overrides,
    },
  };
}

function slice(
  name: string,
  endpoints: Endpoint[],
  extra: Partial<EndpointSlice> = {},
): EndpointSlice {
  return {
    metadata: {
      name,
      namespace: 'default',
      labels: {
        [LABEL_SERVICE_NAME]: 'web',
        [LABEL_MANAGED_BY]: 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints,
    ...extra,
  };
}

function ep(address: string, fields: Partial<Endpoint> = {}): Endpoint {
  return {
    addresses: [address],
    conditions: { ready: true, serving: true, terminating: false },
    ...fields,
  };
}

const zoned = (zone: string): Partial<Endpoint> => ({
  zone,
  hints: { forZones: [{ name: zone }] },
});

function portOf(view: ProxyView, index = 0): ProxyPortView {
  if (!view.proxied) throw new Error(`not proxied: ${view.reason}`);
  const port = view.ports[index];
  if (!port) throw new Error(`no port ${index}`);
  return port;
}

describe('which Services and slices kube-proxy sees', () => {
  const node = newNode('node-1', { zone: 'zone-a' });
  const slices = [slice('web-1', [ep('10.0.0.1')])];

  test.each([
    ['headless', service({ clusterIP: 'None', clusterIPs: ['None'] }), 'headless'],
    [
      'ExternalName',
      service({ type: 'ExternalName', clusterIP: '', clusterIPs: [] }),
      'ExternalName',
    ],
    [
      'delegated to another proxy',
      service({}, { labels: { 'service.kubernetes.io/service-proxy-name': 'cilium' } }),
      'service-proxy-name=cilium',
    ],
    [
      'labelled headless',
      service({}, { labels: { 'service.kubernetes.io/headless': '' } }),
      'headless',
    ],
  ])('%s Services are not proxied, and the view says so', (_name, svc, phrase) => {
    const view = proxyView(svc, slices, node);
    expect(view.proxied).toBe(false);
    if (!view.proxied) expect(view.reason).toContain(phrase);
  });

  test('slices of any manager count, including mirrored ones', () => {
    const mirrored = slice('web-mirror', [ep('10.0.0.2')]);
    mirrored.metadata.labels = {
      [LABEL_SERVICE_NAME]: 'web',
      [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME,
    };
    const view = proxyView(service(), [...slices, mirrored], node);
    expect(names(portOf(view).clusterEndpoints)).toEqual(['10.0.0.1:8080', '10.0.0.2:8080']);
  });

  test('slices of another Service, another namespace, FQDN, or hidden by the informer selector do not', () => {
    const other = slice('other-1', [ep('10.0.0.3')]);
    other.metadata.labels = { [LABEL_SERVICE_NAME]: 'other' };
    const elsewhere = slice('web-x', [ep('10.0.0.4')]);
    elsewhere.metadata.namespace = 'kube-system';
    const fqdn = slice('web-fqdn', [ep('example.com')], { addressType: 'FQDN' });
    const unlabelled = slice('web-nolabel', [ep('10.0.0.5')]);
    unlabelled.metadata.labels = {};
    const delegated = slice('web-delegated', [ep('10.0.0.6')]);
    delegated.metadata.labels = {
      [LABEL_SERVICE_NAME]: 'web',
      'service.kubernetes.io/service-proxy-name': 'other-proxy',
    };
    const view = proxyView(
      service(),
      [...slices, other, elsewhere, fqdn, unlabelled, delegated],
      node,
    );
    expect(names(portOf(view).endpoints)).toEqual(['10.0.0.1:8080']);
    if (view.proxied) {
      expect(view.notes).toContain('slice web-fqdn: address type FQDN is not proxied');
      expect(view.notes.some((note) => note.startsWith('slice web-delegated: labelled'))).toBe(
        true,
      );
    }
  });

  test('ports without a name or a port number are ignored', () => {
    const svc = service({
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'admin', port: 81, protocol: 'TCP' },
      ],
    });
    const odd = slice('web-1', [ep('10.0.0.1')], {
      ports: [
        { port: 8080, protocol: 'TCP' },
        { name: 'admin', protocol: 'TCP' },
        { name: 'http', port: 0 },
      ],
    });
    const view = proxyView(svc, [odd], node);
    expect(portOf(view, 0).endpoints).toEqual([]);
    expect(portOf(view, 1).endpoints).toEqual([]);
    if (view.proxied) {
      expect(view.notes).toEqual([
        'slice web-1: port #0 has no name',
        'slice web-1: port "admin" has no port number',
        'slice web-1: port "http" has no port number',
      ]);
    }
  });

  test('an unnamed Service port matches slice ports named ""; protocol defaults to TCP', () => {
    const svc = service({ ports: [{ port: 53, protocol: 'UDP' }, { port: 80 }] });
    const s = slice('web-1', [ep('10.0.0.1')], {
      ports: [
        { name: '', port: 5353, protocol: 'UDP' },
        { name: '', port: 8080 },
      ],
    });
    const view = proxyView(svc, [s], node);
    expect(portOf(view, 0)).toMatchObject({ portName: '', protocol: 'UDP' });
    expect(names(portOf(view, 0).endpoints)).toEqual(['10.0.0.1:5353']);
    expect(portOf(view, 1)).toMatchObject({ portName: '', protocol: 'TCP' });
    expect(names(portOf(view, 1).endpoints)).toEqual(['10.0.0.1:8080']);
  });

  test('the port number comes from each slice, so one port name can list two numbers', () => {
    const a = slice('web-a', [ep('10.0.0.1')]);
    const b = slice('web-b', [ep('10.0.0.2')], {
      ports: [{ name: 'http', port: 9090, protocol: 'TCP' }],
    });
    expect(names(portOf(proxyView(service(), [a, b], node)).clusterEndpoints)).toEqual([
      '10.0.0.1:8080',
      '10.0.0.2:9090',
    ]);
  });

  test('only addresses[0] counts, canonicalised; IPv6 is bracketed; lists sort by "IP:port"', () => {
    const v6 = service({ clusterIP: 'fd00::10', clusterIPs: ['fd00::10'], ipFamilies: ['IPv6'] });
    const s = slice(
      'web-1',
      [
        ep('fd00:0:0::b', { addresses: ['fd00:0:0::b', 'fd00::99'] }),
        ep('FD00::A'),
        ep('fd00::1:0'),
      ],
      { addressType: 'IPv6' },
    );
    const port = portOf(proxyView(v6, [s], node));
    expect(port.ipFamily).toBe('IPv6');
    expect(names(port.clusterEndpoints)).toEqual([
      '[fd00::1:0]:8080',
      '[fd00::a]:8080',
      '[fd00::b]:8080',
    ]);
  });

  test('a dual-stack Service gets one view per family, each from its own slices', () => {
    const dual = service({
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10', 'fd00::10'],
      ipFamilies: ['IPv4', 'IPv6'],
    });
    const v4 = slice('web-v4', [ep('10.0.0.1')]);
    const v6 = slice('web-v6', [ep('fd00::1')], { addressType: 'IPv6' });
    const view = proxyView(dual, [v4, v6], node);
    expect(view.proxied && view.ports.map((p) => [p.ipFamily, names(p.clusterEndpoints)])).toEqual([
      ['IPv4', ['10.0.0.1:8080']],
      ['IPv6', ['[fd00::1]:8080']],
    ]);
  });

  test('a Service without a clusterIP yet is assumed to get one per ipFamilies', () => {
    const pending = service({ clusterIP: undefined, clusterIPs: undefined, ipFamilies: ['IPv4'] });
    const view = proxyView(pending, slices, node);
    expect(names(portOf(view).clusterEndpoints)).toEqual(['10.0.0.1:8080']);
    expect(view.proxied && view.notes[0]).toContain('no clusterIP yet');
  });

  test('the trafficDistribution field is reported as unread by kube-proxy', () => {
    const view = proxyView(service({ trafficDistribution: 'PreferClose' }), slices, node);
    expect(view.proxied && view.notes).toContain(
      'kube-proxy does not read trafficDistribution (PreferClose); it follows the hints the controller wrote',
    );
  });
});

describe('conditions defaults and dedupe', () => {
  const node = newNode('node-1', { zone: 'zone-a' });

  test('ready and serving default to true, terminating to false', () => {
    const s = slice('web-1', [
      { addresses: ['10.0.0.1'] },
      { addresses: ['10.0.0.2'], conditions: { terminating: true } },
      { addresses: ['10.0.0.3'], conditions: { ready: false } },
    ]);
    const port = portOf(proxyView(service(), [s], node));
    expect(port.endpoints.map((e) => [e.endpoint, e.ready, e.serving, e.terminating])).toEqual([
      ['10.0.0.1:8080', true, true, false],
      ['10.0.0.2:8080', true, true, true],
      ['10.0.0.3:8080', false, true, false],
    ]);
  });

  // kubernetes/kubernetes#135266: a pod IP reused while the old Pod is still terminating.
  const ghost = ep('10.0.0.1', {
    conditions: { ready: false, serving: false, terminating: true },
    nodeName: 'node-1',
    targetRef: { kind: 'Pod', name: 'old' },
  });
  const live = ep('10.0.0.1', { nodeName: 'node-2', targetRef: { kind: 'Pod', name: 'new' } });

  test.each([
    ['ghost first', [slice('web-a', [ghost]), slice('web-b', [live])]],
    ['ghost last', [slice('web-a', [live]), slice('web-b', [ghost])]],
    ['same slice', [slice('web-a', [ghost, live])]],
  ])('1.36+ keeps the non-terminating copy (%s)', (_name, slices) => {
    const port = portOf(proxyView(service(), slices, node));
    expect(port.endpoints).toHaveLength(1);
    expect(port.endpoints[0]).toMatchObject({
      ready: true,
      terminating: false,
      nodeName: 'node-2',
    });
    expect(names(port.clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });

  test('1.35 and older keep the copy on this node, even a terminating one (the bug #135593 fixed)', () => {
    const slices = [slice('web-a', [live]), slice('web-b', [ghost])];
    const port = portOf(proxyView(service(), slices, node, { version: '1.31-1.35' }));
    expect(port.endpoints[0]).toMatchObject({ ready: false, terminating: true, isLocal: true });
    expect(port.clusterEndpoints).toEqual([]);
    expect(port.reasons).toContain(
      'no ready or serving terminating endpoints: Cluster-policy traffic is rejected',
    );
    // On another node neither copy is local, so the first seen (slice name order) stays.
    const elsewhere = portOf(
      proxyView(service(), slices, newNode('node-9'), { version: '1.31-1.35' }),
    );
    expect(elsewhere.endpoints[0]).toMatchObject({ ready: true, nodeName: 'node-2' });
  });
});

describe('topology reasons', () => {
  const hinted = [
    ep('10.0.0.1', zoned('zone-a')),
    ep('10.0.0.2', zoned('zone-b')),
    ep('10.0.0.3', zoned('zone-c')),
  ];

  test('PreferSameZone when every ready endpoint is hinted and one names the node’s zone', () => {
    const port = portOf(
      proxyView(service(), [slice('web-1', hinted)], newNode('n', { zone: 'zone-b' })),
    );
    expect(port.topologyMode).toBe('PreferSameZone');
    expect(names(port.clusterEndpoints)).toEqual(['10.0.0.2:8080']);
    expect(port.reasons).toEqual([
      'every ready endpoint has a zone hint and 1 is hinted for zone-b',
    ]);
  });

  test('no zone label on the node', () => {
    const port = portOf(proxyView(service(), [slice('web-1', hinted)], newNode('n')));
    expect(port.topologyMode).toBe('none');
    expect(port.reasons).toEqual(['node has no zone label, so hints are ignored']);
  });

  test('one ready endpoint without a hint', () => {
    const port = portOf(
      proxyView(
        service(),
        [slice('web-1', [...hinted, ep('10.0.0.4')])],
        newNode('n', { zone: 'zone-a' }),
      ),
    );
    expect(port.reasons).toEqual([
      'not every ready endpoint has a zone hint, so hints are ignored',
    ]);
    expect(port.clusterEndpoints).toHaveLength(4);
  });

  test('nothing hinted for the node’s zone', () => {
    const port = portOf(
      proxyView(service(), [slice('web-1', hinted)], newNode('n', { zone: 'zone-d' })),
    );
    expect(port.reasons).toEqual(['no endpoint is hinted for zone-d, so all zones are used']);
  });

  test('terminating fallback ignores topology', () => {
    const draining = hinted.map((e) => ({
      ...e,
      conditions: { ready: false, serving: true, terminating: true },
    }));
    const port = portOf(
      proxyView(service(), [slice('web-1', draining)], newNode('n', { zone: 'zone-a' })),
    );
    expect(port.topologyMode).toBe('none');
    expect(port.reasons).toEqual([
      'no ready endpoints, so there are no hints to consider',
      'no ready endpoints: using serving terminating endpoints',
    ]);
    expect(port.clusterEndpoints).toHaveLength(3);
  });

  test('PreferSameNode from forNodes hints', () => {
    const withNodes = hinted.map((e, i) => ({
      ...e,
      hints: { ...e.hints, forNodes: [{ name: `node-${i}` }] },
    }));
    const port = portOf(
      proxyView(service(), [slice('web-1', withNodes)], newNode('node-1', { zone: 'zone-a' })),
    );
    expect(port.topologyMode).toBe('PreferSameNode');
    expect(names(port.clusterEndpoints)).toEqual(['10.0.0.2:8080']);
    const gateOff = portOf(
      proxyView(service(), [slice('web-1', withNodes)], newNode('node-1', { zone: 'zone-a' }), {
        version: '1.31-1.35',
        preferSameTrafficDistribution: false,
      }),
    );
    expect(gateOff.topologyMode).toBe('PreferSameZone');
    expect(names(gateOff.clusterEndpoints)).toEqual(['10.0.0.1:8080']);
  });

  test('externalTrafficPolicy Local uses this node’s endpoints, hints or not', () => {
    const svc = service({
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }],
    });
    const local = hinted.map((e, i) => ({ ...e, nodeName: i === 2 ? 'node-1' : 'node-x' }));
    const port = portOf(
      proxyView(svc, [slice('web-1', local)], newNode('node-1', { zone: 'zone-a' })),
    );
    expect(names(port.clusterEndpoints)).toEqual(['10.0.0.1:8080']);
    expect(names(port.localEndpoints)).toEqual(['10.0.0.3:8080']);
    expect(names(port.allReachableEndpoints)).toEqual(['10.0.0.1:8080', '10.0.0.3:8080']);
  });
});

describe('version-dependent hint rules', () => {
  const hinted = [ep('10.0.0.1', zoned('zone-a')), ep('10.0.0.2', zoned('zone-b'))];
  const node = newNode('n', { zone: 'zone-a' });
  const modeFor = (annotations: Record<string, string> | undefined, behaviour: ProxyBehaviour) =>
    portOf(
      proxyView(
        service({}, annotations ? { annotations } : {}),
        [slice('web-1', hinted)],
        node,
        behaviour,
      ),
    ).topologyMode;

  test.each([
    [undefined, 'none', 'none', 'PreferSameZone'],
    [{ [HINTS_ANNOTATION]: 'Auto' }, 'PreferSameZone', 'PreferSameZone', 'PreferSameZone'],
    [{ [HINTS_ANNOTATION]: 'aUto' }, 'none', 'PreferSameZone', 'PreferSameZone'],
    [{ [HINTS_ANNOTATION]: 'disabled' }, 'none', 'none', 'PreferSameZone'],
    [{ [MODE_ANNOTATION]: 'Auto' }, 'none', 'PreferSameZone', 'PreferSameZone'],
    [{ [MODE_ANNOTATION]: 'PreferZone' }, 'none', 'PreferSameZone', 'PreferSameZone'],
    [{ [HINTS_ANNOTATION]: '', [MODE_ANNOTATION]: 'Auto' }, 'none', 'none', 'PreferSameZone'],
    [
      { [HINTS_ANNOTATION]: 'Disabled', [MODE_ANNOTATION]: 'Auto' },
      'none',
      'none',
      'PreferSameZone',
    ],
  ] as const)(
    'annotations %j: 1.21-1.26 %s, 1.27-1.30 %s, 1.31+ %s',
    (annotations, m126, m130, m131) => {
      expect(modeFor(annotations, { version: '1.21-1.26' })).toBe(m126);
      expect(modeFor(annotations, { version: '1.27-1.30' })).toBe(m130);
      expect(modeFor(annotations, { version: '1.31-1.35' })).toBe(m131);
      expect(modeFor(annotations, { version: '1.36+' })).toBe(m131);
    },
  );

  test('reasons name the annotation rule of the version', () => {
    const svc = service({}, { annotations: { [HINTS_ANNOTATION]: 'aUto' } });
    const old = portOf(proxyView(svc, [slice('web-1', hinted)], node, { version: '1.21-1.26' }));
    expect(old.reasons).toEqual([
      'the Service\'s topology-aware-hints annotation is "aUto", not Auto, so hints are ignored',
    ]);
    const gateOff = portOf(
      proxyView(svc, [slice('web-1', hinted)], node, {
        version: '1.27-1.30',
        topologyAwareHints: false,
      }),
    );
    expect(gateOff.reasons).toEqual([
      'the TopologyAwareHints feature gate is off in this kube-proxy, so hints are ignored',
    ]);
  });

  test('proxyBehaviourForVersion gives each minor version its default gates', () => {
    expect(proxyBehaviourForVersion(20)).toBeUndefined();
    expect(proxyBehaviourForVersion(21)).toEqual({
      version: '1.21-1.26',
      topologyAwareHints: false,
      proxyTerminatingEndpoints: false,
    });
    expect(proxyBehaviourForVersion(25)).toEqual({
      version: '1.21-1.26',
      topologyAwareHints: true,
      proxyTerminatingEndpoints: false,
    });
    expect(proxyBehaviourForVersion(26)).toEqual({
      version: '1.21-1.26',
      topologyAwareHints: true,
      proxyTerminatingEndpoints: true,
    });
    expect(proxyBehaviourForVersion(28)).toEqual({
      version: '1.27-1.30',
      loadBalancerIPMode: false,
    });
    expect(proxyBehaviourForVersion(30)).toEqual({ version: '1.27-1.30' });
    expect(proxyBehaviourForVersion(33)).toEqual({
      version: '1.31-1.35',
      preferSameTrafficDistribution: false,
    });
    expect(proxyBehaviourForVersion(34)).toEqual({
      version: '1.31-1.35',
      preferSameTrafficDistribution: true,
    });
    expect(proxyBehaviourForVersion(36)).toEqual({ version: '1.36+' });
    expect(proxyBehaviourForVersion(40)).toEqual(DEFAULT_PROXY_BEHAVIOUR);
  });
});

describe('load-balancer IPs of ipMode Proxy', () => {
  // externalTrafficPolicy Local with no node port and no external IP: external traffic reaches
  // the node only through a load-balancer VIP, so whether kube-proxy uses Local endpoints
  // depends on whether it counts the ingress IP as one (serviceport.go IsVIPMode).
  const lb = {
    ...service({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      allocateLoadBalancerNodePorts: false,
    }),
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.1', ipMode: 'Proxy' }] } },
  } as Service;
  const node = newNode('node-1', { zone: 'zone-a' });
  const slices = [slice('web-1', [ep('10.0.0.1', { nodeName: 'node-1' }), ep('10.0.0.2')])];

  test.each([
    [29, false],
    [30, true],
    [36, true],
  ])('kube-proxy 1.%i skips it as a VIP: %s', (minor, skipped) => {
    const port = portOf(proxyView(lb, slices, node, proxyBehaviourForVersion(minor)));
    // Local-policy traffic exists only through the VIP: without it, the list is null.
    expect(names(port.localEndpoints)).toEqual(skipped ? null : ['10.0.0.1:8080']);
  });

  test('1.21-1.26 knows no ipMode and counts every ingress IP', () => {
    const port = portOf(proxyView(lb, slices, node, { version: '1.21-1.26' }));
    expect(names(port.localEndpoints)).toEqual(['10.0.0.1:8080']);
  });
});

describe('Windows nodes', () => {
  const hinted = [
    slice('web-1', [ep('10.0.0.1', zoned('zone-a')), ep('10.0.0.2', zoned('zone-b'))]),
  ];

  test('say that winkernel is not what the view models', () => {
    const windows = newNode('win-1', { zone: 'zone-a', labels: { 'kubernetes.io/os': 'windows' } });
    const view = proxyView(service(), hinted, windows);
    if (!view.proxied) throw new Error('not proxied');
    expect(view.notes.join(' ')).toMatch(
      /runs Windows: its kube-proxy \(winkernel\) reads no topology hints/,
    );
  });

  test('Linux nodes get no such note', () => {
    const view = proxyView(service(), hinted, newNode('node-1', { zone: 'zone-a' }));
    if (!view.proxied) throw new Error('not proxied');
    expect(view.notes.join(' ')).not.toContain('Windows');
  });
});
