import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  isNodeReady,
  serviceScenario,
  simulate,
  simulateQuick,
  simulationSnapshot,
  type EndpointSlice,
  type Scenario,
  type SliceState,
} from '../src/index.ts';

/** The slices' state a report records, counted from the objects of a snapshot. */
function stateOf(
  slices: readonly EndpointSlice[],
): Omit<SliceState, 'fill' | 'zones' | 'servicesWithHints'> {
  const byCondition = { ready: 0, servingTerminating: 0, terminating: 0, notReady: 0 };
  let endpoints = 0;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      endpoints++;
      const { ready = true, serving = ready, terminating = false } = endpoint.conditions ?? {};
      if (ready) byCondition.ready++;
      else if (terminating && serving) byCondition.servingTerminating++;
      else if (terminating) byCondition.terminating++;
      else byCondition.notReady++;
    }
  }
  return { slices: slices.length, endpoints, byCondition };
}

const rollout: Scenario = serviceScenario({
  name: 'snapshot-rollout',
  pods: 60,
  nodes: 12,
  zones: 3,
  events: [
    { at: 5, type: 'rollingUpdate' },
    { at: 20, type: 'zoneOutage', zone: 'zone-b', forSeconds: 30 },
  ],
});

describe('simulationSnapshot replays a run up to a point of its series', () => {
  const options = { maxEndpointsPerSlice: 10 };
  const report = simulate(rollout, options);

  test('every point of the series: the drawn slices are what the report counted', () => {
    expect(report.series.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: report.series.length - 1 }), (index) => {
        const point = report.series[index]!;
        const snapshot = simulationSnapshot({ scenario: rollout }, options, { atSeconds: point.t });
        expect(snapshot.t).toBe(point.t);
        const { slices, endpoints, byCondition } = point.state;
        expect(stateOf(snapshot.slices)).toEqual({ slices, endpoints, byCondition });
      }),
      { numRuns: 8 },
    );
  });

  test('a zone outage shows in the snapshot: its Nodes are NotReady while it lasts', () => {
    const during = simulationSnapshot({ scenario: rollout }, options, { atSeconds: 30 });
    const down = during.nodes.filter((node) => !isNodeReady(node));
    expect(down.length).toBe(4);
    const after = simulationSnapshot({ scenario: rollout }, options, { atSeconds: 1_000 });
    expect(after.nodes.every(isNodeReady)).toBe(true);
    expect(after.t).toBe(report.series.at(-1)!.t);
  });

  test('the Service with the most endpoints by default; any other by name; an unknown one is refused', () => {
    const scenario: Scenario = {
      name: 'two',
      cluster: {
        zones: [{ name: 'zone-a', nodes: 3 }],
        workloads: [
          { name: 'big', replicas: 9, labels: { app: 'big' } },
          { name: 'small', replicas: 2, labels: { app: 'small' } },
        ],
        services: [
          { name: 'small', selector: { app: 'small' }, ports: [{ port: 80 }] },
          { name: 'big', selector: { app: 'big' }, ports: [{ port: 80 }] },
        ],
      },
    };
    const first = simulationSnapshot({ scenario }, {}, { atSeconds: 0 });
    expect(first.service?.metadata.name).toBe('big');
    expect(first.services.map((s) => [s.name, s.endpoints, s.slices])).toEqual([
      ['big', 9, 1],
      ['small', 2, 1],
    ]);
    expect(first.serviceCount).toBe(2);
    expect(first.endpoints?.metadata.name).toBe('big');
    const small = simulationSnapshot(
      { scenario },
      {},
      {
        atSeconds: 0,
        service: { namespace: 'default', name: 'small' },
      },
    );
    expect(stateOf(small.slices).endpoints).toBe(2);
    expect(() =>
      simulationSnapshot(
        { scenario },
        {},
        {
          atSeconds: 0,
          service: { namespace: 'default', name: 'web' },
        },
      ),
    ).toThrow(/^the simulated cluster has no Service default\/web at 0 s/);
  });

  test('a paper run of the quick form is drawn before its operation and once it is done', () => {
    const quick = { pods: 200, nodes: 20, operation: 'rollout' as const };
    const options = { maxEndpointsPerSlice: 50, mode: 'paper' as const };
    const report = simulateQuick(quick, options);
    expect(report.series.map((point) => point.t)).toEqual([0, 1]);
    for (const point of report.series) {
      const snapshot = simulationSnapshot({ quick }, options, { atSeconds: point.t });
      const { slices, endpoints, byCondition } = point.state;
      expect(stateOf(snapshot.slices)).toEqual({ slices, endpoints, byCondition });
    }
    // The engine's rollout is under way at 1 s; the paper point stands for it done.
    const rolling = simulationSnapshot({ quick }, { maxEndpointsPerSlice: 50 }, { atSeconds: 1 });
    const done = report.series[1]!.state;
    expect(stateOf(rolling.slices)).not.toEqual({
      slices: done.slices,
      endpoints: done.endpoints,
      byCondition: done.byCondition,
    });
  });

  test("the quick form's snapshot is the run its report counted", () => {
    const quick = { pods: 200, nodes: 20, operation: 'rollout' as const };
    const report = simulateQuick(quick, { maxEndpointsPerSlice: 50 });
    const middle = report.series[Math.floor(report.series.length / 2)]!;
    const snapshot = simulationSnapshot(
      { quick },
      { maxEndpointsPerSlice: 50 },
      {
        atSeconds: middle.t,
      },
    );
    const { slices, endpoints, byCondition } = middle.state;
    expect(stateOf(snapshot.slices)).toEqual({ slices, endpoints, byCondition });
    expect(snapshot.nodes).toHaveLength(20);
    expect(snapshot.maxEndpointsPerSlice).toBe(50);
  });
});
