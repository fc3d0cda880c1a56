import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ClusterEngine,
  simulateQuick,
  desiredEndpointsSubsets,
  type Scenario,
  type ScenarioEvent,
} from '../src/index.ts';

/**
 * Model mode's uncapped Endpoints: the simulator rebuilds an over-capacity object with all its
 * addresses by the Endpoints controller's own rules, so under the cap it must agree with what the
 * controller wrote, exactly.
 */

const START = Date.UTC(2026, 0, 1);

/** The engine's Pods of the namespace `default`, all of which the Service may select. */
const podsOf = (engine: ClusterEngine) =>
  engine.store.list('Pod').filter((pod) => pod.metadata.namespace === 'default');

const scenarioArb: fc.Arbitrary<{ scenario: Scenario; until: number }> = fc
  .record({
    replicas: fc.integer({ min: 0, max: 40 }),
    otherReplicas: fc.integer({ min: 0, max: 10 }),
    publishNotReadyAddresses: fc.boolean(),
    headless: fc.boolean(),
    namedTarget: fc.boolean(),
    twoPorts: fc.boolean(),
    events: fc.array(
      fc.oneof(
        fc.record({ at: fc.integer({ min: 1, max: 30 }), type: fc.constant('rollout' as const) }),
        fc.record({
          at: fc.integer({ min: 1, max: 30 }),
          type: fc.constant('readinessFlap' as const),
          pods: fc.integer({ min: 1, max: 5 }),
          forSeconds: fc.integer({ min: 1, max: 20 }),
        }),
        fc.record({
          at: fc.integer({ min: 1, max: 30 }),
          type: fc.constant('scale' as const),
          replicas: fc.integer({ min: 0, max: 40 }),
        }),
      ),
      { maxLength: 3 },
    ),
    until: fc.integer({ min: 0, max: 60 }),
  })
  .map((shape) => {
    const ports = [
      { name: 'http', port: 80, targetPort: shape.namedTarget ? 'http' : 8080 },
      ...(shape.twoPorts ? [{ name: 'admin', port: 9000, targetPort: 9000 }] : []),
    ];
    const scenario: Scenario = {
      name: 'endpoints',
      cluster: {
        zones: [{ name: 'zone-a', nodes: 4 }],
        workloads: [
          {
            name: 'web',
            replicas: shape.replicas,
            labels: { app: 'web', track: 'main' },
            ports: [{ name: 'http', containerPort: 8080 }],
          },
          {
            // Same Service, another number behind the named port: Pods split into two subsets.
            name: 'web-canary',
            replicas: shape.otherReplicas,
            labels: { app: 'web', track: 'canary' },
            ports: [
              { name: 'http', containerPort: 8081 },
              { name: 'admin', containerPort: 9000 },
            ],
          },
        ],
        services: [
          {
            name: 'web',
            selector: { app: 'web' },
            ports,
            publishNotReadyAddresses: shape.publishNotReadyAddresses,
            ...(shape.headless && { clusterIP: 'None' as const }),
          },
        ],
      },
      events: shape.events.map(
        (event): ScenarioEvent => ({ ...event, workload: 'web' }) as ScenarioEvent,
      ),
    };
    return { scenario, until: shape.until };
  });

describe('desiredEndpointsSubsets', () => {
  test("equals the Endpoints controller's subsets while under 1000 addresses", () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, until }) => {
        const engine = new ClusterEngine(scenario, { seed: 3, startTime: START });
        engine.advanceTo(until);
        const service = engine.store.get('Service', 'default/web')!;
        const written = engine.store.get('Endpoints', 'default/web');
        const expected = written?.subsets ?? [];
        expect(desiredEndpointsSubsets(service, podsOf(engine))).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  test('keeps every address of a Service over the cap', () => {
    const scenario: Scenario = {
      name: 'big',
      cluster: {
        zones: [{ name: 'zone-a', nodes: 20 }],
        workloads: [{ name: 'web', replicas: 1_500, labels: { app: 'web' } }],
        services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
      },
    };
    const engine = new ClusterEngine(scenario, { seed: 1, startTime: START, settled: true });
    engine.advanceTo(0);
    const count = (subsets: { addresses?: unknown[] | null }[] | null | undefined) =>
      (subsets ?? []).reduce((sum, subset) => sum + (subset.addresses?.length ?? 0), 0);
    const service = engine.store.get('Service', 'default/web')!;
    expect(count(engine.store.get('Endpoints', 'default/web')?.subsets)).toBe(1_000);
    expect(count(desiredEndpointsSubsets(service, podsOf(engine)))).toBe(1_500);
  });
});

describe('endpointsCapacity', () => {
  test(
    'uncapped Endpoints write no more often than the capped controller, and weigh all addresses',
    { timeout: 60_000 },
    () => {
      const quick = { pods: 1_500, nodes: 20, operation: 'rollout' as const };
      const unbounded = simulateQuick(quick).totals.endpoints;
      const truncated = simulateQuick(quick, { endpointsCapacity: 'truncated' }).totals.endpoints;
      // Over capacity, the 1.22+ controller rewrites the object on every sync; uncapped, a sync that
      // changes nothing writes nothing.
      expect(unbounded.writes).toBeLessThanOrEqual(truncated.writes);
      expect(unbounded.largestObjectBytes).toBeGreaterThan(truncated.largestObjectBytes * 1.4);
      expect([unbounded.objects, truncated.objects]).toEqual([1, 1]);
    },
  );
});
