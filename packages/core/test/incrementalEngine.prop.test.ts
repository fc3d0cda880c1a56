import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ClusterEngine,
  type ObjectChange,
  type Scenario,
  type ScenarioEvent,
  type ServiceChanges,
} from '../src/index.ts';
import { VARIED_SERVICES } from './properties/scenarioServices.ts';

const START = Date.UTC(2026, 0, 1);

const services: NonNullable<Scenario['cluster']['services']> = [
  ...VARIED_SERVICES,
  {
    name: 'all',
    selector: { tier: 'backend' },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    publishNotReadyAddresses: true,
    labels: { team: 'a' },
  },
];

const workloads: NonNullable<Scenario['cluster']['workloads']> = [
  {
    name: 'web',
    replicas: 9,
    labels: { app: 'web', tier: 'backend' },
    ports: [{ name: 'http', containerPort: 8080 }],
    startSeconds: 3,
    // Ready one by one: the controllers sync Pod by Pod, as their incremental modes are for.
    startJitterSeconds: 4,
    terminationGracePeriodSeconds: 10,
  },
  {
    name: 'api',
    replicas: 5,
    labels: { app: 'api', tier: 'backend' },
    startSeconds: 2,
    terminationGracePeriodSeconds: 5,
    maxSurge: 1,
    maxUnavailable: 0,
  },
  {
    name: 'db',
    replicas: 3,
    labels: { app: 'db' },
    ipFamilies: ['IPv4', 'IPv6'],
    subdomain: 'db',
  },
];

const nodes = ['zone-a-node-1', 'zone-a-node-2', 'zone-b-node-1', 'zone-c-node-2'];
const at = fc.integer({ min: 0, max: 240 });
const eventArbitrary: fc.Arbitrary<ScenarioEvent> = fc.oneof(
  fc.record({
    at,
    type: fc.constant('scale' as const),
    workload: fc.constantFrom('web', 'api', 'db'),
    replicas: fc.integer({ min: 0, max: 16 }),
  }),
  fc.record({
    at,
    type: fc.constant('rollout' as const),
    workload: fc.constantFrom('web', 'api', 'db'),
  }),
  fc.record({
    at,
    type: fc.constant('nodeNotReady' as const),
    node: fc.constantFrom(...nodes),
    forSeconds: fc.integer({ min: 5, max: 120 }),
  }),
  fc.record({ at, type: fc.constant('drainNode' as const), node: fc.constantFrom(...nodes) }),
  fc.record({ at, type: fc.constant('removeNode' as const), node: fc.constantFrom(...nodes) }),
  fc.record({
    at,
    type: fc.constant('addNodes' as const),
    zone: fc.constantFrom('zone-a', 'zone-c'),
    count: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    at,
    type: fc.constant('zoneOutage' as const),
    zone: fc.constantFrom('zone-a', 'zone-c'),
    forSeconds: fc.integer({ min: 5, max: 90 }),
  }),
  fc.record({
    at,
    type: fc.constant('readinessFlap' as const),
    workload: fc.constantFrom('web', 'api', 'db'),
    pods: fc.integer({ min: 1, max: 4 }),
    forSeconds: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    at,
    type: fc.constant('editService' as const),
    name: fc.constantFrom('web', 'api', 'all'),
    changes: fc.constantFrom<ServiceChanges>(
      { labels: { tier: 'front' } },
      { annotations: null },
      { trafficDistribution: 'PreferSameNode' },
      { trafficDistribution: null },
      { publishNotReadyAddresses: false },
      { ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
      { ipFamilies: ['IPv4', 'IPv6'] },
    ),
  }),
  fc.record({
    at,
    type: fc.constant('deleteService' as const),
    name: fc.constantFrom('api', 'db'),
  }),
  fc.record({
    at,
    type: fc.constant('createService' as const),
    service: fc.constantFrom(...services),
  }),
);

const scenarioArbitrary = fc.record({
  events: fc.array(eventArbitrary, { maxLength: 10 }),
  seed: fc.integer(),
  maxEndpointsPerSlice: fc.constantFrom(2, 3, 5, 10),
  batchPeriodSeconds: fc.constantFrom(0, 0, 1),
  settled: fc.boolean(),
});

/** Every change of a run, advanced in uneven steps to 600 s. */
function run(scenario: Scenario, seed: number, settled: boolean, incremental: boolean) {
  const engine = new ClusterEngine(scenario, {
    seed,
    startTime: START,
    settled,
    reconcile: incremental ? 'incremental' : 'full',
  });
  const changes: ObjectChange[] = [];
  for (const time of [0, 0.5, 3, 7, 30, 61, 90, 150, 240, 301, 420, 600]) {
    changes.push(...engine.advanceTo(time));
  }
  return { changes, stats: engine.reconcileStats() };
}

describe('ClusterEngine with the incremental reconcile', () => {
  test('writes the same objects as with the full reconcile, change by change', () => {
    let incrementalSyncs = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const scenario: Scenario = {
          name: 'incremental-vs-full',
          cluster: {
            zones: [
              { name: 'zone-a', nodes: 3, cpu: '4' },
              { name: 'zone-b', nodes: 3, cpu: '4' },
              { name: 'zone-c', nodes: 2, cpu: '8' },
            ],
            services,
            workloads,
          },
          events: input.events,
          controllers: {
            maxEndpointsPerSlice: input.maxEndpointsPerSlice,
            batchPeriodSeconds: input.batchPeriodSeconds,
          },
        };
        const full = run(scenario, input.seed, input.settled, false);
        const incremental = run(scenario, input.seed, input.settled, true);
        expect(incremental.changes.length).toBe(full.changes.length);
        incremental.changes.forEach((change, i) => {
          expect(JSON.stringify(change)).toBe(JSON.stringify(full.changes[i]));
        });
        incrementalSyncs += incremental.stats?.paths.incremental ?? 0;
      }),
      { numRuns: 30 },
    );
    expect(incrementalSyncs).toBeGreaterThan(0);
  }, 60_000);
});
