import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  MAX_MODEL_PODS_PER_NODE,
  serviceScenario,
  simulate,
  simulateQuick,
  zoneName,
  type KindCost,
  type ServiceShortcut,
  type ShortcutEvent,
  type SimulationOptions,
  type SimulationReport,
} from '../src/index.ts';

/** Invariants of every report, on random small services and what happens to them. */

const eventArb = (zones: number): fc.Arbitrary<ShortcutEvent> =>
  fc.oneof(
    fc.record({ at: fc.integer({ min: 1, max: 60 }), type: fc.constant('rollingUpdate' as const) }),
    fc.record({
      at: fc.integer({ min: 1, max: 60 }),
      type: fc.constant('scaleTo' as const),
      replicas: fc.integer({ min: 0, max: 40 }),
    }),
    fc.record({ at: fc.integer({ min: 1, max: 60 }), type: fc.constant('updateOne' as const) }),
    fc.record({ at: fc.integer({ min: 1, max: 60 }), type: fc.constant('drainNode' as const) }),
    fc.record({
      at: fc.integer({ min: 1, max: 60 }),
      type: fc.constant('zoneOutage' as const),
      zone: fc.integer({ min: 0, max: zones - 1 }).map(zoneName),
      forSeconds: fc.integer({ min: 5, max: 400 }),
    }),
  );

const shortcutArb: fc.Arbitrary<ServiceShortcut> = fc
  .record({
    pods: fc.integer({ min: 0, max: 40 }),
    nodes: fc.integer({ min: 1, max: 6 }),
    zones: fc.integer({ min: 1, max: 3 }),
    topologyAwareHints: fc.boolean(),
    maxSurge: fc.constantFrom(0, 1, '25%', '100%'),
    maxUnavailable: fc.constantFrom(1, '25%', '50%'),
  })
  .chain((shape) =>
    fc
      .array(eventArb(Math.min(shape.zones, shape.nodes)), { maxLength: 3 })
      .map((events) => ({ ...shape, events })),
  );

const optionsArb: fc.Arbitrary<SimulationOptions> = fc.record({
  mode: fc.constantFrom('model' as const, 'paper' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
  maxEndpointsPerSlice: fc.integer({ min: 1, max: 20 }),
  batchPeriodSeconds: fc.constantFrom(0, 1, 3),
  extraWatchers: fc.integer({ min: 0, max: 3 }),
  consumers: fc.constantFrom('both' as const, 'endpoints' as const, 'endpointSlices' as const),
  countFromSeconds: fc.constantFrom(0, 1),
  untilSeconds: fc.integer({ min: 0, max: 700 }),
});

function flows(cost: KindCost): number[] {
  const { create, update, delete: deletes } = cost.writesByVerb;
  return [
    cost.writes,
    create,
    update,
    deletes,
    cost.watchEvents,
    cost.bytes,
    cost.bytesProtobuf ?? 0,
  ];
}

function checkReport(report: SimulationReport): void {
  const { options } = report;
  const reads = {
    endpointSlices: options.consumers !== 'endpoints',
    endpoints: options.consumers !== 'endpointSlices',
  };
  const sums = { endpointSlices: flows(report.totals.endpointSlices).map(() => 0), endpoints: [0] };
  sums.endpoints = [...sums.endpointSlices];
  for (const point of report.series) {
    for (const kind of ['endpointSlices', 'endpoints'] as const) {
      const cost = point[kind];
      const { create, update, delete: deletes } = cost.writesByVerb;
      expect(cost.writes).toBe(create + update + deletes);
      // One watch event per write per watcher of the kind.
      expect(cost.watchEvents).toBe(cost.writes * (reads[kind] ? point.watchers : 0));
      if (cost.watchEvents === 0) expect(cost.bytes).toBe(0);
      if (point.t < options.countFromSeconds) expect(cost.writes).toBe(0);
      flows(cost).forEach((value, i) => (sums[kind][i]! += value));
    }
    // Every endpoint sits in some slice of at most B.
    expect(point.state.slices).toBeGreaterThanOrEqual(
      Math.ceil(point.state.endpoints / options.maxEndpointsPerSlice),
    );
    expect(point.t).toBeLessThanOrEqual(options.untilSeconds);
  }
  // Totals are the sums of the series; objects are the last point's.
  for (const kind of ['endpointSlices', 'endpoints'] as const) {
    expect(flows(report.totals[kind])).toEqual(sums[kind]);
    expect(report.totals[kind].objects).toBe(report.series.at(-1)?.[kind].objects ?? 0);
  }
  const { endpointSlices, endpoints, ratio } = report.totals;
  expect(ratio.writes).toBe(
    endpointSlices.writes === 0 ? null : endpoints.writes / endpointSlices.writes,
  );
  expect(report.series.reduce((sum, point) => sum + point.steps, 0)).toBe(report.steps);
  if (report.mode === 'paper') {
    // Paper packing: every Service's endpoints in ceil(P/B) full slices, at least one.
    expect(endpointSlices.objects).toBeGreaterThanOrEqual(endpoints.objects);
    expect(endpointSlices.bytesProtobuf).toBeUndefined();
  } else {
    expect(endpointSlices.bytesProtobuf).toBeDefined();
  }
}

describe('simulation reports, on random scenarios', () => {
  test('events = writes × watchers, totals = Σ series, slices ≥ ceil(endpoints / B)', () => {
    fc.assert(
      fc.property(shortcutArb, optionsArb, (shortcut, options) => {
        checkReport(simulate(serviceScenario(shortcut), options));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  test('the same scenario and seed give the same report, byte for byte', () => {
    fc.assert(
      fc.property(shortcutArb, optionsArb, (shortcut, options) => {
        const scenario = serviceScenario(shortcut);
        const first = JSON.stringify(simulate(scenario, options));
        expect(JSON.stringify(simulate(structuredClone(scenario), { ...options }))).toBe(first);
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  test("the engine's full and incremental reconcile give the same report", () => {
    fc.assert(
      fc.property(shortcutArb, optionsArb, (shortcut, options) => {
        const scenario = serviceScenario(shortcut);
        const full = JSON.stringify(simulate(scenario, { ...options, reconcile: 'full' }));
        expect(JSON.stringify(simulate(scenario, { ...options, reconcile: 'incremental' }))).toBe(
          full,
        );
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  test('the quick form: paper totals follow the formulas, model runs keep the invariants', () => {
    const quickArb = fc.record({
      pods: fc.integer({ min: 0, max: 300 }),
      nodes: fc.integer({ min: 1, max: 40 }),
      zones: fc.integer({ min: 1, max: 4 }),
      operation: fc.constantFrom('create' as const, 'update-one' as const, 'rollout' as const),
    });
    fc.assert(
      fc.property(quickArb, optionsArb, (quick, options) => {
        if (options.mode !== 'paper' && quick.pods > quick.nodes * MAX_MODEL_PODS_PER_NODE) {
          // More than a Node's Pod range holds: refused, never a smaller cluster than asked.
          expect(() => simulateQuick(quick, options)).toThrow(/^pods: .* per Node/);
          return;
        }
        const report = simulateQuick(quick, options);
        checkReport(report);
        const b = report.options.maxEndpointsPerSlice;
        const slices = Math.max(1, Math.ceil(quick.pods / b));
        if (report.mode === 'paper') {
          const writes = {
            create: [1, slices],
            // A Service without endpoints has none to update.
            'update-one': [Math.min(1, quick.pods), Math.min(1, quick.pods)],
            rollout: [quick.pods, quick.pods],
          };
          const [e, s] = writes[quick.operation];
          expect([report.totals.endpoints.writes, report.totals.endpointSlices.writes]).toEqual([
            e,
            s,
          ]);
          expect(report.totals.endpointSlices.objects).toBe(slices);
          // The state at the end agrees with the objects counted; update-one's Pod is not ready.
          const state = report.series.at(-1)?.state;
          const notReady = quick.operation === 'update-one' ? Math.min(1, quick.pods) : 0;
          expect(state?.slices).toBe(slices);
          expect(state?.byCondition).toMatchObject({ ready: quick.pods - notReady, notReady });
          expect(report.series[0]?.state.slices).toBe(quick.operation === 'create' ? 0 : slices);
        } else if (quick.operation === 'create') {
          expect(report.totals.endpointSlices.writesByVerb.create).toBe(
            report.totals.endpointSlices.objects,
          );
          expect(report.totals.endpointSlices.objects).toBeGreaterThanOrEqual(slices);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
