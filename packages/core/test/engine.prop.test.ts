import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ClusterEngine,
  isListedSliceOf,
  reconcile,
  selectorMatches,
  serviceWantsSlices,
  TopologyCache,
  type Endpoint,
  type ObjectChange,
  type Scenario,
  type ScenarioEvent,
} from '../src/index.ts';
import { VARIED_SERVICES } from './properties/scenarioServices.ts';

const START = Date.UTC(2026, 0, 1);

function withoutHints(endpoints: readonly Endpoint[] | null | undefined): Endpoint[] {
  return (endpoints ?? []).map(({ hints: _hints, ...endpoint }) => endpoint);
}

const baseScenario: Scenario = {
  name: 'engine-properties',
  cluster: {
    zones: [
      { name: 'zone-a', nodes: 3, cpu: '4' },
      { name: 'zone-b', nodes: 3, cpu: '4' },
      { name: 'zone-c', nodes: 2, cpu: '8' },
    ],
    services: [...VARIED_SERVICES, { name: 'ext', ports: [{ port: 5432 }] }],
    workloads: [
      {
        name: 'web',
        replicas: 12,
        labels: { app: 'web' },
        ports: [{ name: 'http', containerPort: 8080 }],
        startSeconds: 3,
        terminationGracePeriodSeconds: 10,
      },
      {
        name: 'api',
        replicas: 5,
        labels: { app: 'api' },
        startSeconds: 2,
        terminationGracePeriodSeconds: 5,
        maxSurge: 1,
        maxUnavailable: 0,
      },
      { name: 'db', replicas: 3, labels: { app: 'db' }, ipFamilies: ['IPv4', 'IPv6'] },
    ],
    endpoints: [
      {
        metadata: { name: 'ext' },
        subsets: [{ addresses: [{ ip: '192.168.0.10' }], ports: [{ port: 5432 }] }],
      },
    ],
  },
  controllers: { maxEndpointsPerSlice: 4 },
};

const nodes = ['zone-a-node-1', 'zone-a-node-2', 'zone-b-node-1', 'zone-c-node-2'];
const eventArbitrary: fc.Arbitrary<ScenarioEvent> = fc.oneof(
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('scale' as const),
    workload: fc.constantFrom('web', 'api', 'db'),
    replicas: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('rollout' as const),
    workload: fc.constantFrom('web', 'api'),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('nodeNotReady' as const),
    node: fc.constantFrom(...nodes),
    forSeconds: fc.integer({ min: 5, max: 120 }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('drainNode' as const),
    node: fc.constantFrom(...nodes),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('zoneOutage' as const),
    zone: fc.constantFrom('zone-a', 'zone-c'),
    forSeconds: fc.integer({ min: 5, max: 90 }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('readinessFlap' as const),
    workload: fc.constantFrom('web', 'api'),
    pods: fc.integer({ min: 1, max: 4 }),
    forSeconds: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('editService' as const),
    name: fc.constant('web'),
    changes: fc.constantFrom(
      { labels: { tier: 'front' } },
      { annotations: {} },
      { trafficDistribution: 'PreferSameNode' },
    ),
  }),
  fc.record({
    at: fc.integer({ min: 0, max: 300 }),
    type: fc.constant('deleteService' as const),
    name: fc.constantFrom('api', 'ext'),
  }),
);

const scenarioArbitrary = fc.record({
  events: fc.array(eventArbitrary, { maxLength: 12 }),
  seed: fc.integer(),
});

/** Advances in uneven steps to 900 s, returning every change. */
function runAll(engine: ClusterEngine): ObjectChange[] {
  const changes: ObjectChange[] = [];
  for (const time of [0, 0.5, 3, 7, 30, 61, 90, 150, 240, 301, 420, 600, 900])
    changes.push(...engine.advanceTo(time));
  return changes;
}

describe('ClusterEngine properties', () => {
  test('the same scenario and seed give the same history, byte for byte', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ events, seed }) => {
        const scenario = { ...baseScenario, events };
        const first = runAll(new ClusterEngine(scenario, { seed, startTime: START }));
        const second = runAll(new ClusterEngine(scenario, { seed, startTime: START }));
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 25 },
    );
  });

  test('a run cut into turns of a few tasks gives the same history, and the clock waits for the cut instant', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 40 })),
        ({ events, seed }, maxTasks) => {
          const scenario = { ...baseScenario, events };
          const whole = runAll(new ClusterEngine(scenario, { seed, startTime: START }));
          const engine = new ClusterEngine(scenario, { seed, startTime: START });
          const cut: ObjectChange[] = [];
          let turns = 0;
          for (const time of [0, 0.5, 3, 7, 30, 61, 90, 150, 240, 301, 420, 600, 900]) {
            for (let turn = 0; turn < 100_000; turn++) {
              cut.push(...engine.advanceTo(time, maxTasks));
              turns++;
              if (!engine.isDue(time)) break;
              // Cut short, the clock is at the last task's time, never past the work left.
              expect(engine.time).toBeLessThanOrEqual(engine.nextTime() ?? Infinity);
            }
            expect(engine.time).toBe(time);
          }
          expect(JSON.stringify(cut)).toBe(JSON.stringify(whole));
          // Small budgets cut the first instant at least (its Pods and every Service's syncs).
          if (maxTasks <= 5) expect(turns).toBeGreaterThan(13);
        },
      ),
      { numRuns: 15 },
    );
  });

  test('resourceVersions strictly increase along the changes', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ events, seed }) => {
        const changes = runAll(
          new ClusterEngine({ ...baseScenario, events }, { seed, startTime: START }),
        );
        const versions = changes.map((change) => Number(change.object.metadata.resourceVersion));
        versions.forEach((version, i) => {
          if (i > 0) expect(version).toBeGreaterThan(versions[i - 1]!);
        });
      }),
      { numRuns: 25 },
    );
  });

  test('once quiet, the slices equal what reconcile computes from the Pods, Services and Nodes (no drift)', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ events, seed }) => {
        const engine = new ClusterEngine({ ...baseScenario, events }, { seed, startTime: START });
        runAll(engine);
        expect(engine.nextTime()).toBeUndefined();
        const { store } = engine;
        const nodeList = store.list('Node');
        const nodesByName = new Map(nodeList.map((node) => [node.metadata.name ?? '', node]));
        const cache = new TopologyCache();
        cache.setNodes(nodeList);
        for (const service of store.list('Service').filter(serviceWantsSlices)) {
          const pods = store
            .list('Pod')
            .filter((pod) => selectorMatches(service.spec.selector ?? {}, pod.metadata.labels));
          const slices = store
            .list('EndpointSlice')
            .filter((slice) => isListedSliceOf(slice, service));
          const result = reconcile(service, pods, slices, nodesByName, {
            maxEndpointsPerSlice: 4,
            topologyCache: cache,
            preferSameTrafficDistribution: true,
          });
          // Only hints may lag: after a Node change the controller resyncs a Service only when
          // its cached hints are overloaded (TC GetOverloadedServices), so hints computed
          // against earlier zone ratios can stay until the next sync — as in a real cluster.
          const stored = new Map(slices.map((slice) => [slice.metadata.name, slice]));
          for (const action of result.actions) {
            expect(action.verb, `${service.metadata.name} drifted`).toBe('update');
            if (action.verb !== 'update') continue;
            const before = stored.get(action.slice.metadata.name);
            expect(
              withoutHints(action.slice.endpoints),
              `${service.metadata.name} drifted`,
            ).toEqual(withoutHints(before?.endpoints));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('ClusterEngine', () => {
  test('a workload becomes ready endpoints spread over zones, and its Endpoints object follows', () => {
    const engine = new ClusterEngine(baseScenario, { seed: 7, startTime: START });
    engine.advanceTo(60);
    const web = engine.store
      .list('EndpointSlice')
      .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    const endpoints = web.flatMap((slice) => slice.endpoints ?? []);
    expect(endpoints).toHaveLength(12);
    expect(endpoints.every((endpoint) => endpoint.conditions?.ready)).toBe(true);
    expect(new Set(endpoints.map((endpoint) => endpoint.zone))).toEqual(
      new Set(['zone-a', 'zone-b', 'zone-c']),
    );
    expect(web.every((slice) => (slice.endpoints?.length ?? 0) <= 4)).toBe(true);
    expect(engine.store.get('Endpoints', 'default/web')?.subsets?.[0]?.addresses).toHaveLength(12);
  });

  test('a rolling update replaces every Pod and keeps the Service served throughout', () => {
    const engine = new ClusterEngine(
      { ...baseScenario, events: [{ at: 30, type: 'rollout', workload: 'api' }] },
      { seed: 3, startTime: START },
    );
    engine.advanceTo(29);
    const before = new Set(
      engine.store
        .list('Pod')
        .filter((pod) => pod.metadata.labels?.app === 'api')
        .map((pod) => pod.metadata.name),
    );
    for (let t = 30; t <= 120; t += 1) {
      engine.advanceTo(t);
      const ready = engine.store
        .list('EndpointSlice')
        .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === 'api')
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((endpoint) => endpoint.conditions?.ready).length;
      expect(ready, `ready endpoints at ${t}s`).toBeGreaterThanOrEqual(5); // maxUnavailable 0
    }
    const after = engine.store
      .list('Pod')
      .filter((pod) => pod.metadata.labels?.app === 'api' && !pod.metadata.deletionTimestamp);
    expect(after).toHaveLength(5);
    expect(after.some((pod) => before.has(pod.metadata.name))).toBe(false);
  });

  test('a Node going not ready makes its endpoints not ready, and they come back', () => {
    const engine = new ClusterEngine(
      {
        ...baseScenario,
        events: [{ at: 30, type: 'nodeNotReady', node: 'zone-a-node-1', forSeconds: 20 }],
      },
      { seed: 5, startTime: START },
    );
    engine.advanceTo(31);
    const onNode = () =>
      engine.store
        .list('EndpointSlice')
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((endpoint) => endpoint.nodeName === 'zone-a-node-1');
    expect(onNode().length).toBeGreaterThan(0);
    expect(onNode().every((endpoint) => endpoint.conditions?.ready === false)).toBe(true);
    engine.advanceTo(60);
    expect(onNode().every((endpoint) => endpoint.conditions?.ready === true)).toBe(true);
  });

  test('mirrors the selector-less Service and deletes a deleted Service’s slices', () => {
    const engine = new ClusterEngine(
      { ...baseScenario, events: [{ at: 40, type: 'deleteService', name: 'api' }] },
      { seed: 9, startTime: START },
    );
    engine.advanceTo(30);
    const mirrored = engine.store
      .list('EndpointSlice')
      .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === 'ext');
    expect(
      mirrored.map((slice) => slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by']),
    ).toEqual(['endpointslicemirroring-controller.k8s.io']);
    engine.advanceTo(41);
    expect(
      engine.store
        .list('EndpointSlice')
        .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === 'api'),
    ).toEqual([]);
    expect(engine.store.get('Endpoints', 'default/api')).toBeUndefined();
  });
});
