import { beforeAll, describe, expect, test } from 'vitest';
import {
  MAX_ROLLOUT_PODS_PER_NODE,
  GB,
  KB,
  MB,
  simulate,
  simulateQuick,
  type KindCost,
  type QuickOperation,
  type SimulationReport,
} from '../src/index.ts';

/**
 * Model mode against the published figures of scale-facts.md §1: every write the controllers
 * make in the engine, sized by exact bytes, lands within 0.5×–2× of the published bytes
 * (scale-facts.md §3), and counts that do not depend on timing are exact.
 *
 * Which encoding a source's constant stands for: KEP-0752 sizes an endpoint at 100 B, which is
 * what a protobuf Endpoints address weighs (kube-proxy watches in protobuf); the 2020 blog's 300 B
 * ("1.5 MB for 5,000 Pod IPs") is a JSON figure. So KEP figures are compared with bytesProtobuf,
 * the blog's with bytes (JSON).
 *
 * Left out on purpose: Sample Case 2's "every object ≈ 1 KB" (20 endpoints in 1 KB is 50 B per
 * endpoint, half the KEP's own constant; the model's 20-endpoint objects weigh 2–6 KB), and the
 * rolling updates' totals: the papers count one write per replaced Pod, the engine syncs every
 * change of one simulated instant at once, so its rollouts write far fewer, larger batches
 * (tested below as writes per replaced Pod instead).
 */
function expectWithin(actual: number, published: number): void {
  expect(actual / published).toBeGreaterThanOrEqual(0.5);
  expect(actual / published).toBeLessThanOrEqual(2);
}

const TIMEOUT = 120_000;
const run = (pods: number, nodes: number, operation: QuickOperation, b = 100): SimulationReport =>
  simulateQuick({ pods, nodes, operation }, { maxEndpointsPerSlice: b });

/** Protobuf bytes per watch event: one object as kube-proxy receives it. */
const protobufPerEvent = (cost: KindCost): number => cost.bytesProtobuf! / cost.watchEvents;

describe('KEP-0752 Sample Case 1 in model mode: 20,000 endpoints, 5,000 nodes', () => {
  let create100: SimulationReport;
  let create1: SimulationReport;
  let update100: SimulationReport;
  beforeAll(() => {
    create100 = run(20_000, 5_000, 'create');
    create1 = run(20_000, 5_000, 'create', 1);
    update100 = run(20_000, 5_000, 'update-one');
  }, TIMEOUT);

  test('creation counts are exact: writes 1 / 200 / 20,000, watch events N per write', () => {
    const columns = [create100.totals.endpoints, create100.totals.endpointSlices];
    columns.push(create1.totals.endpointSlices);
    expect(columns.map((c) => c.writes)).toEqual([1, 200, 20_000]);
    expect(columns.map((c) => c.watchEvents)).toEqual([5_000, 1_000_000, 100_000_000]);
    expect(columns.map((c) => c.objects)).toEqual([1, 200, 20_000]);
  });

  test('object sizes "≈ 2.0 MB", "≈ 10 KB", "< ≈ 1 KB" (protobuf)', () => {
    expectWithin(protobufPerEvent(create100.totals.endpoints), 2.0 * MB);
    expectWithin(protobufPerEvent(create100.totals.endpointSlices), 10 * KB);
    expectWithin(protobufPerEvent(create1.totals.endpointSlices), 1 * KB);
  });

  test("Service creation bytes: 10 GB / 10 GB, and the formula's 100 GB for slices of 1", () => {
    expectWithin(create100.totals.endpoints.bytesProtobuf!, 10 * GB);
    expectWithin(create100.totals.endpointSlices.bytesProtobuf!, 10 * GB);
    // The KEP prints "≈ 10 GB" here, a typo (scale-facts.md §1.1 footnote ¹): 10⁸ events × ~1 KB.
    expectWithin(create1.totals.endpointSlices.bytesProtobuf!, 100 * GB);
  });

  test('single endpoint update: one write, 5,000 events; 10 GB / 50 MB / 5 MB', () => {
    const { endpoints, endpointSlices } = update100.totals;
    expect([endpoints.writes, endpointSlices.writes]).toEqual([1, 1]);
    expect([endpoints.watchEvents, endpointSlices.watchEvents]).toEqual([5_000, 5_000]);
    expectWithin(endpoints.bytesProtobuf!, 10 * GB);
    expectWithin(endpointSlices.bytesProtobuf!, 50 * MB);
    // A slice of 1 weighs what the created ones did; one of them is written, to 5,000 watchers.
    expectWithin(protobufPerEvent(create1.totals.endpointSlices) * 5_000, 5 * MB);
  });

  test("an Endpoints object of 20,000 addresses is over etcd's 1.5 MiB, and says so", () => {
    expect(create100.warnings.join('\n')).toMatch(/largest Endpoints object .* over etcd/);
  });
});

describe('Endpoints:slices byte ratio of a single update follows P/B', () => {
  // Each kind's bytes per endpoint, as the slope between two object sizes, so that per-object
  // overhead cancels. The bare P/B of the papers assumes one size per endpoint for both kinds;
  // exactly encoded, a slice endpoint also carries conditions and a zone (JSON ≈ 0.65 × P/B,
  // protobuf ≈ 0.86 × P/B at P = 20,000, B = 100), so the formula is P/B × (e_Endpoints / e_slice).
  let small: SimulationReport;
  let large: SimulationReport;
  let wide: SimulationReport;
  beforeAll(() => {
    small = run(5_000, 500, 'update-one');
    large = run(20_000, 500, 'update-one');
    wide = run(20_000, 500, 'update-one', 500);
  }, TIMEOUT);

  test('within ±10 % of (P/B) × (bytes per Endpoints address ÷ bytes per slice endpoint)', () => {
    for (const encoding of ['bytes', 'bytesProtobuf'] as const) {
      const perEvent = (r: SimulationReport, kind: 'endpoints' | 'endpointSlices') =>
        r.totals[kind][encoding]! / r.totals[kind].watchEvents;
      const perAddress = (perEvent(large, 'endpoints') - perEvent(small, 'endpoints')) / 15_000;
      const perSliceEndpoint =
        (perEvent(wide, 'endpointSlices') - perEvent(large, 'endpointSlices')) / 400;
      for (const [report, pods, b] of [
        [small, 5_000, 100],
        [large, 20_000, 100],
        [wide, 20_000, 500],
      ] as const) {
        const formula = (pods / b) * (perAddress / perSliceEndpoint);
        const ratio = report.totals.ratio[encoding]!;
        expect(Math.abs(ratio / formula - 1)).toBeLessThanOrEqual(0.1);
      }
    }
  });
});

describe('the 2020 blog in model mode: 5,000 Pods, 3,000 nodes (JSON)', () => {
  let update: SimulationReport;
  beforeAll(() => {
    update = run(5_000, 3_000, 'update-one');
  }, TIMEOUT);

  test('Endpoints of 5,000 Pod IPs ≈ 1.5 MB; one change × 3,000 nodes ≈ 4.5 GB', () => {
    expectWithin(update.totals.endpoints.largestObjectBytes, 1.5 * MB);
    expect(update.totals.endpoints.watchEvents).toBe(3_000);
    expectWithin(update.totals.endpoints.bytes, 4.5 * GB);
  });

  test('derived: a slice of 100 ≈ 30 KB, one change ≈ 90 MB', () => {
    expectWithin(update.totals.endpointSlices.bytes / 3_000, 30 * KB);
    expectWithin(update.totals.endpointSlices.bytes, 90 * MB);
  });
});

describe('other upstream figures in model mode', () => {
  test(
    '#73324: ~10k backends make the Endpoints object "> 1MB in proto"',
    { timeout: TIMEOUT },
    () => {
      const report = run(10_000, 100, 'create');
      expect(protobufPerEvent(report.totals.endpoints)).toBeGreaterThan(1 * MB);
      // #26637: "~16 bytes to store an IPv4 address in JSON" is the best case; with nodeName and
      // targetRef an address weighs far more, so 1 MB overflows long before 32k–64k endpoints.
      expect(report.totals.endpoints.largestObjectBytes / 10_000).toBeGreaterThan(16);
      expect(report.totals.endpoints.largestObjectBytes).toBeGreaterThan(1 * MB);
    },
  );

  test('EndpointSlices of up to 1000 endpoints; Endpoints truncated at 1000 addresses (1.22+)', () => {
    const slices = simulateQuick(
      { pods: 2_500, nodes: 50, operation: 'create' },
      { maxEndpointsPerSlice: 1_000 },
    );
    expect(slices.totals.endpointSlices.objects).toBe(3);
    const truncated = simulateQuick(
      { pods: 1_500, nodes: 50, operation: 'create' },
      { endpointsCapacity: 'truncated' },
    );
    const unbounded = simulateQuick({ pods: 1_500, nodes: 50, operation: 'create' });
    expect(truncated.warnings.join('\n')).toMatch(/truncated to 1000 addresses/);
    const perAddress = unbounded.totals.endpoints.largestObjectBytes / 1_500;
    expect(truncated.totals.endpoints.largestObjectBytes / perAddress).toBeCloseTo(1_000, -1);
  });

  test('a rollout writes fewer slice updates than Pods when changes batch, several per Pod one at a time', () => {
    // A replaced Pod is up to five slice changes: the new Pod appears not ready, becomes ready;
    // the old one terminates, stops serving and is removed. One Pod at a time (maxSurge 1,
    // maxUnavailable 0), some of them still fall on the same instant as the next Pod's.
    const oneAtATime = simulate(
      {
        name: 'one-at-a-time',
        cluster: {
          zones: [{ name: 'zone-a', nodes: 5 }],
          workloads: [
            {
              name: 'web',
              replicas: 20,
              labels: { app: 'web' },
              maxSurge: 1,
              maxUnavailable: 0,
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          ],
          services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
        },
        events: [{ at: 1, type: 'rollout', workload: 'web' }],
      },
      { countFromSeconds: 1 },
    );
    const perPod = oneAtATime.totals.endpointSlices.writes / 20;
    expect(perPod).toBeGreaterThan(2);
    expect(perPod).toBeLessThanOrEqual(5);
    const batched = run(2_000, 50, 'rollout');
    expect(batched.totals.endpointSlices.writes).toBeLessThan(2_000);
    expect(batched.totals.endpoints.writes).toBeLessThan(2_000);
  });
});

describe('Pods that wait for room', () => {
  const rollout = (pods: number) => simulateQuick({ pods, nodes: 1, operation: 'rollout' });

  test('a rollout of more than 127 Pods per Node waits for room, and the report says so', () => {
    // Old Pods keep their place for the grace period: 2 × 127 fill a Node's 254 addresses.
    expect(MAX_ROLLOUT_PODS_PER_NODE).toBe(127);
    expect(rollout(MAX_ROLLOUT_PODS_PER_NODE).warnings).toEqual([]);
    expect(rollout(MAX_ROLLOUT_PODS_PER_NODE + 1).warnings.join('\n')).toMatch(/Pending/);
    const crowded = rollout(200);
    expect(crowded.warnings.join('\n')).toMatch(/^\d+ Pods were Pending during the run: no Node/m);
    // All placed in the end: the warning is about the run, not its end.
    expect(crowded.series.at(-1)!.state.byCondition.ready).toBe(200);
    expect(crowded.warnings.join('\n')).not.toMatch(/at the end/);
  });

  test('Pods a Node takes beyond its 254 addresses are said to have no Pod IP', () => {
    const report = simulate(
      {
        name: 'over-254',
        cluster: {
          zones: [{ name: 'zone-a', nodes: 1, maxPods: 300 }],
          workloads: [{ name: 'web', replicas: 260, labels: { app: 'web' } }],
          services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
        },
      },
      { untilSeconds: 30 },
    );
    expect(report.warnings).toContain(
      "6 Pods got no Pod IP: their Node's 254 addresses were taken (maxPods over 254), so they never became ready",
    );
  });
});
