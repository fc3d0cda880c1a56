/**
 * Properties of proxyView over random slices, nodes and kube-proxy versions: the view only holds
 * the Service's ready-or-serving endpoints, is never empty while a ready endpoint exists, is the
 * same on every node when no hints apply, and does not depend on the order slices are listed in.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  LABEL_SERVICE_NAME,
  type Endpoint,
  type EndpointSlice,
  type Node,
  type Service,
} from '../src/index.ts';
import type { ProxyBehaviour } from '../src/topology/proxyBehaviour.ts';
import type { ProxyEndpoint } from '../src/topology/proxySliceCache.ts';
import { proxyView, type ProxyPortView, type ProxyView } from '../src/topology/proxyView.ts';
import { newNode } from './builders/index.ts';

const ADDRESSES = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'];
const NODES = ['node-1', 'node-2', 'node-3'];
const ZONES = ['zone-a', 'zone-b'];
const PORTS = [8080, 9090];

const optionalBoolean = fc.option(fc.boolean(), { nil: undefined });

const conditionsArbitrary = fc.option(
  fc.record(
    { ready: optionalBoolean, serving: optionalBoolean, terminating: optionalBoolean },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const hintsArbitrary = fc.option(
  fc.record(
    {
      forZones: fc.subarray(ZONES).map((zones) => zones.map((name) => ({ name }))),
      forNodes: fc.subarray(NODES).map((nodes) => nodes.map((name) => ({ name }))),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function endpointArbitrary(
  address: fc.Arbitrary<string>,
  withHints: boolean,
): fc.Arbitrary<Endpoint> {
  return fc
    .record({
      address,
      conditions: conditionsArbitrary,
      nodeName: fc.option(fc.constantFrom(...NODES), { nil: undefined }),
      zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
      hints: withHints ? hintsArbitrary : fc.constant(undefined),
    })
    .map(({ address: first, conditions, nodeName, zone, hints }) => ({
      addresses: [first],
      ...(conditions && { conditions }),
      ...(nodeName && { nodeName }),
      ...(zone && { zone }),
      ...(hints && { hints }),
    }));
}

interface World {
  service: Service;
  slices: EndpointSlice[];
  node: Node;
  behaviour: ProxyBehaviour;
}

const behaviourArbitrary: fc.Arbitrary<ProxyBehaviour> = fc.oneof(
  fc.record({
    version: fc.constant('1.21-1.26' as const),
    topologyAwareHints: fc.boolean(),
    proxyTerminatingEndpoints: fc.boolean(),
  }),
  fc.record({
    version: fc.constant('1.27-1.30' as const),
    topologyAwareHints: fc.boolean(),
    proxyTerminatingEndpoints: fc.boolean(),
  }),
  fc.record({
    version: fc.constant('1.31-1.35' as const),
    topologyAwareHints: fc.boolean(),
    preferSameTrafficDistribution: fc.boolean(),
  }),
  fc.constant({ version: '1.36+' as const }),
);

const nodeArbitrary: fc.Arbitrary<Node> = fc
  .record({
    name: fc.constantFrom(...NODES, 'node-elsewhere'),
    zone: fc.option(fc.constantFrom(...ZONES, 'zone-z'), { nil: undefined }),
  })
  .map(({ name, zone }) => newNode(name, zone ? { zone } : {}));

function serviceOf(
  policies: { internalLocal: boolean; externalLocal: boolean; nodePort: boolean },
  annotation: string | undefined,
): Service {
  return {
    metadata: {
      name: 'web',
      namespace: 'default',
      ...(annotation !== undefined && {
        annotations: { 'service.kubernetes.io/topology-aware-hints': annotation },
      }),
    },
    spec: {
      type: policies.nodePort ? 'NodePort' : 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', ...(policies.nodePort && { nodePort: 30080 }) },
        { name: 'metrics', port: 81, protocol: 'TCP' },
      ],
      internalTrafficPolicy: policies.internalLocal ? 'Local' : 'Cluster',
      externalTrafficPolicy: policies.externalLocal ? 'Local' : 'Cluster',
    },
  };
}

/** Up to three slices with distinct names, each listing `http` and sometimes `metrics`. */
function slicesArbitrary(endpoint: fc.Arbitrary<Endpoint>): fc.Arbitrary<EndpointSlice[]> {
  return fc
    .array(
      fc.record({
        endpoints: fc.array(endpoint, { maxLength: 6 }),
        port: fc.constantFrom(...PORTS),
        withMetrics: fc.boolean(),
      }),
      { maxLength: 3 },
    )
    .map((specs) =>
      specs.map(({ endpoints, port, withMetrics }, index) => ({
        metadata: {
          name: `web-${index}`,
          namespace: 'default',
          labels: { [LABEL_SERVICE_NAME]: 'web' },
        },
        addressType: 'IPv4' as const,
        ports: [
          { name: 'http', port, protocol: 'TCP' as const },
          ...(withMetrics ? [{ name: 'metrics', port: 9100, protocol: 'TCP' as const }] : []),
        ],
        endpoints,
      })),
    );
}

const worldArbitrary: fc.Arbitrary<World> = fc
  .record({
    policies: fc.record({
      internalLocal: fc.boolean(),
      externalLocal: fc.boolean(),
      nodePort: fc.boolean(),
    }),
    annotation: fc.option(fc.constantFrom('Auto', 'auto', 'disabled', 'PreferZone'), {
      nil: undefined,
    }),
    slices: slicesArbitrary(endpointArbitrary(fc.constantFrom(...ADDRESSES), true)),
    node: nodeArbitrary,
    behaviour: behaviourArbitrary,
  })
  .map(({ policies, annotation, slices, node, behaviour }) => ({
    service: serviceOf(policies, annotation),
    slices,
    node,
    behaviour,
  }));

function portsOf(view: ProxyView): ProxyPortView[] {
  if (!view.proxied) throw new Error(`not proxied: ${view.reason}`);
  return view.ports;
}

/** Every `IP:port` of the Service port some slice lists as ready or serving (proxy defaults). */
function readyOrServingKeys(slices: readonly EndpointSlice[], portName: string): Set<string> {
  const keys = new Set<string>();
  for (const slice of slices) {
    for (const port of slice.ports ?? []) {
      if (port.name !== portName || !port.port) continue;
      for (const endpoint of slice.endpoints ?? []) {
        const ready = endpoint.conditions?.ready ?? true;
        const serving = endpoint.conditions?.serving ?? true;
        if (ready || serving) keys.add(`${endpoint.addresses[0]}:${port.port}`);
      }
    }
  }
  return keys;
}

/** What a node's cluster view routes to, without the per-node `isLocal`. */
function routed(endpoints: readonly ProxyEndpoint[] | null): unknown {
  return endpoints?.map(({ endpoint, ready, serving, terminating }) => ({
    endpoint,
    ready,
    serving,
    terminating,
  }));
}

describe('proxyView properties', () => {
  test('the view for any node is a subset of the Service’s ready-or-serving endpoints', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ service, slices, node, behaviour }) => {
        for (const port of portsOf(proxyView(service, slices, node, behaviour))) {
          const allowed = readyOrServingKeys(slices, port.portName);
          for (const list of [
            port.clusterEndpoints,
            port.localEndpoints,
            port.allReachableEndpoints,
          ]) {
            for (const endpoint of list ?? []) {
              expect(endpoint.ready || endpoint.serving).toBe(true);
              expect(allowed.has(endpoint.endpoint)).toBe(true);
            }
          }
          for (const endpoint of port.localEndpoints ?? []) expect(endpoint.isLocal).toBe(true);
        }
      }),
    );
  });

  test('Cluster-policy traffic always has somewhere to go while some endpoint of the port is ready', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ service, slices, node, behaviour }) => {
        for (const port of portsOf(proxyView(service, slices, node, behaviour))) {
          if (port.clusterEndpoints === null) continue;
          if (port.endpoints.some((endpoint) => endpoint.ready)) {
            expect(port.clusterEndpoints.length).toBeGreaterThan(0);
            expect(port.hasAnyEndpoints).toBe(true);
          }
        }
      }),
    );
  });

  test('with no duplicate addresses, a ready endpoint in any slice is enough', () => {
    const unique = slicesArbitrary(endpointArbitrary(fc.constantFrom(...ADDRESSES), true)).map(
      (slices) => {
        const seen = new Set<string>();
        return slices.map((slice) => ({
          ...slice,
          endpoints: (slice.endpoints ?? []).filter((endpoint) => {
            const address = endpoint.addresses[0] ?? '';
            if (seen.has(address)) return false;
            seen.add(address);
            return true;
          }),
        }));
      },
    );
    fc.assert(
      fc.property(unique, nodeArbitrary, behaviourArbitrary, (slices, node, behaviour) => {
        const service = serviceOf(
          { internalLocal: false, externalLocal: false, nodePort: false },
          'Auto',
        );
        const [http] = portsOf(proxyView(service, slices, node, behaviour));
        const anyReady = slices.some((slice) =>
          (slice.endpoints ?? []).some((endpoint) => endpoint.conditions?.ready ?? true),
        );
        if (anyReady) expect(http?.clusterEndpoints?.length).toBeGreaterThan(0);
      }),
    );
  });

  test('when hints are ignored, every node routes Cluster-policy traffic the same way', () => {
    const hintless = fc.record({
      slices: slicesArbitrary(endpointArbitrary(fc.constantFrom(...ADDRESSES), false)),
      behaviour: fc.constant<ProxyBehaviour>({ version: '1.36+' }),
    });
    // Older kube-proxies prefer the node-local copy of a duplicate, so they get distinct addresses.
    const annotationless = fc.record({
      slices: slicesArbitrary(endpointArbitrary(fc.constantFrom(...ADDRESSES), true)).map(
        (slices) =>
          slices.map((slice, index) => ({
            ...slice,
            endpoints: (slice.endpoints ?? []).map((endpoint, i) => ({
              ...endpoint,
              addresses: [`10.${index}.0.${i + 1}`],
            })),
          })),
      ),
      behaviour: fc.constantFrom<ProxyBehaviour>(
        { version: '1.21-1.26' },
        { version: '1.27-1.30' },
      ),
    });
    fc.assert(
      fc.property(fc.oneof(hintless, annotationless), ({ slices, behaviour }) => {
        const service = serviceOf(
          { internalLocal: false, externalLocal: false, nodePort: false },
          undefined,
        );
        const views = [...NODES, 'node-elsewhere'].flatMap((name) =>
          [undefined, ...ZONES].map((zone) =>
            portsOf(proxyView(service, slices, newNode(name, zone ? { zone } : {}), behaviour)),
          ),
        );
        const first = views[0]!.map((port) => routed(port.clusterEndpoints));
        for (const view of views) {
          expect(view.map((port) => port.topologyMode)).toEqual(view.map(() => 'none'));
          expect(view.map((port) => routed(port.clusterEndpoints))).toEqual(first);
        }
      }),
    );
  });

  test('the order slices are listed in does not matter', () => {
    fc.assert(
      fc.property(
        worldArbitrary.chain((world) =>
          fc.shuffledSubarray(world.slices, { minLength: world.slices.length }).map((shuffled) => ({
            world,
            shuffled,
          })),
        ),
        ({ world, shuffled }) => {
          const { service, slices, node, behaviour } = world;
          expect(proxyView(service, shuffled, node, behaviour)).toEqual(
            proxyView(service, slices, node, behaviour),
          );
        },
      ),
    );
  });
});
