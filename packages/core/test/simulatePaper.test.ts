import { describe, expect, test } from 'vitest';
import {
  ETCD_MAX_REQUEST_BYTES,
  GB,
  KB,
  MB,
  TB,
  simulateQuick,
  type QuickOperation,
  type SimulationOptions,
  type SimulationReport,
} from '../src/index.ts';

/**
 * Every figure of scale-facts.md §1 that the simulator computes, from the quick form in paper
 * mode: counts exactly, bytes within ±1 % (scale-facts.md §3).
 */
function expectBytes(actual: number, published: number): void {
  expect(Math.abs(actual - published) / published).toBeLessThanOrEqual(0.01);
}

const quick = (
  pods: number,
  nodes: number,
  operation: QuickOperation,
  options: SimulationOptions = {},
): SimulationReport => simulateQuick({ pods, nodes, operation }, { mode: 'paper', ...options });

/** The three columns of KEP-0752's tables: one Endpoints object / slices of 100 / slices of 1. */
function columns(pods: number, nodes: number, operation: QuickOperation, options = {}) {
  const by100 = quick(pods, nodes, operation, { ...options, maxEndpointsPerSlice: 100 });
  const by1 = quick(pods, nodes, operation, { ...options, maxEndpointsPerSlice: 1 });
  return [by100.totals.endpoints, by100.totals.endpointSlices, by1.totals.endpointSlices];
}

describe('KEP-0752 "Estimation", Sample Case 1: 20,000 endpoints, 5,000 nodes (c = 100 B, M = 1 KB)', () => {
  const create = columns(20_000, 5_000, 'create');
  const update = columns(20_000, 5_000, 'update-one');
  const rollout = columns(20_000, 5_000, 'rollout');

  test('object sizes: "20k × const ≈ 2.0 MB", "≈ 10 KB", "< ≈ 1 KB"', () => {
    expect(create.map((c) => c.largestObjectBytes)).toEqual([2.0 * MB, 10 * KB, 1 * KB]);
  });

  test('Service creation: writes "1 / 200 / 20,000", watch events "5,000 / 1,000,000 / 100,000,000"', () => {
    expect(create.map((c) => c.writes)).toEqual([1, 200, 20_000]);
    expect(create.map((c) => c.writesByVerb.create)).toEqual([1, 200, 20_000]);
    expect(create.map((c) => c.watchEvents)).toEqual([5_000, 1_000_000, 100_000_000]);
    expect(create.map((c) => c.objects)).toEqual([1, 200, 20_000]);
  });

  test('Service creation: bytes "2.0 MB × 5000 = 10 GB", "10 KB × 5000 × 200 = 10 GB"', () => {
    expectBytes(create[0]!.bytes, 10 * GB);
    expectBytes(create[1]!.bytes, 10 * GB);
  });

  test('Service creation, B = 1: the formula value 100 GB where the KEP prints "≈ 10 GB"', () => {
    // KEP typo (scale-facts.md §1.1, footnote ¹): 10⁸ watch events × ~1 KB is 100 GB, the product
    // the KEP's own rolling-update column uses; the simulator outputs the formula value.
    expectBytes(create[2]!.bytes, 100 * GB);
  });

  test('Single endpoint update: 1 write, 5,000 watch events; "10 GB / 50 MB / 5 MB"', () => {
    expect(update.map((c) => c.writes)).toEqual([1, 1, 1]);
    expect(update.map((c) => c.watchEvents)).toEqual([5_000, 5_000, 5_000]);
    expectBytes(update[0]!.bytes, 10 * GB);
    expectBytes(update[1]!.bytes, 50 * MB);
    expectBytes(update[2]!.bytes, 5 * MB);
  });

  test('Rolling update: "20k" writes and "5000 × 20k" watch events; "200 TB / 1 TB / ≈ 100 GB"', () => {
    expect(rollout.map((c) => c.writes)).toEqual([20_000, 20_000, 20_000]);
    expect(rollout.map((c) => c.watchEvents)).toEqual([1e8, 1e8, 1e8]);
    expectBytes(rollout[0]!.bytes, 200 * TB);
    expectBytes(rollout[1]!.bytes, 1 * TB);
    expectBytes(rollout[2]!.bytes, 100 * GB);
  });

  test('"Endpoints is O(P²N)": twice the Pods, four times the rollout bytes; twice the Nodes, twice', () => {
    const bytes = (pods: number, nodes: number, b: number) =>
      quick(pods, nodes, 'rollout', { maxEndpointsPerSlice: b }).totals;
    const base = bytes(20_000, 5_000, 100);
    expect(bytes(40_000, 5_000, 100).endpoints.bytes / base.endpoints.bytes).toBe(4);
    expect(bytes(40_000, 5_000, 100).endpointSlices.bytes / base.endpointSlices.bytes).toBe(2);
    expect(bytes(20_000, 10_000, 100).endpoints.bytes / base.endpoints.bytes).toBe(2);
  });

  test('Endpoints:slices ratio of a single update is P/B = 200; of a creation 1 (both 10 GB)', () => {
    expect(quick(20_000, 5_000, 'update-one').totals.ratio.bytes).toBe(200);
    expect(quick(20_000, 5_000, 'create').totals.ratio.bytes).toBe(1);
  });

  test('etcd\'s "1.5MB" limit: the 2.0 MB Endpoints object is flagged, 15,000 endpoints (1.5 MB) are not', () => {
    const over = quick(20_000, 5_000, 'create');
    expect(over.totals.endpoints.largestObjectBytes).toBeGreaterThan(ETCD_MAX_REQUEST_BYTES);
    expect(over.warnings).toEqual([
      "the largest Endpoints object written is 2,000,000 bytes, over etcd's default request limit of 1,572,864 bytes (1.5 MiB): a real API server refuses that write",
    ]);
    const under = quick(15_000, 5_000, 'create');
    expectBytes(under.totals.endpoints.largestObjectBytes, 1.5 * MB);
    expect(under.warnings).toEqual([]);
  });
});

describe('KEP-0752, Sample Case 2: 20 endpoints, 10 nodes, every object "≈ 1 KB"', () => {
  // The KEP sizes every object of this case at ≈ 1 KB, i.e. at most 50 B per endpoint under
  // M = 1 KB; c = 50 B gives exactly that (c = 100 B would make the 20-endpoint objects 2 KB).
  const sizing = { paperBytesPerEndpoint: 50, paperMinObjectBytes: 1_000 };
  const create = columns(20, 10, 'create', sizing);
  const update = columns(20, 10, 'update-one', sizing);
  const rollout = columns(20, 10, 'rollout', sizing);

  test('Service creation: writes "1 / 1 / 20", watch events "10 / 10 / 200", bytes "10 KB / 10 KB / 200 KB"', () => {
    expect(create.map((c) => c.writes)).toEqual([1, 1, 20]);
    expect(create.map((c) => c.watchEvents)).toEqual([10, 10, 200]);
    expectBytes(create[0]!.bytes, 10 * KB);
    expectBytes(create[1]!.bytes, 10 * KB);
    expectBytes(create[2]!.bytes, 200 * KB);
  });

  test('Single endpoint update: 1 write and 10 KB in each column; 10 watch events', () => {
    // KEP typo (scale-facts.md §1.1): its watch-events row prints 1 in all three columns, where the
    // formula (one event per write per node, its own O(N) label) gives 10; we output 10.
    for (const c of update) {
      expect(c.writes).toBe(1);
      expect(c.watchEvents).toBe(10);
      expectBytes(c.bytes, 10 * KB);
    }
  });

  test('Rolling update: 20 writes, 10 × 20 = 200 watch events, 200 KB in every column', () => {
    for (const c of rollout) {
      expect(c.writes).toBe(20);
      expect(c.watchEvents).toBe(200);
      expectBytes(c.bytes, 200 * KB);
    }
  });
});

describe('KEP-0752, other figures', () => {
  test('"> 99 % of the k8s services have less than 100 endpoints": one slice each at B = 100', () => {
    for (const pods of [1, 50, 99, 100]) {
      expect(quick(pods, 10, 'create').totals.endpointSlices.objects).toBe(1);
    }
    expect(quick(101, 10, 'create').totals.endpointSlices.objects).toBe(2);
  });

  test('"Scale tested to 50k endpoints in 4k node cluster": 500 slices, one change = 4,000 events of 10 KB', () => {
    const create = quick(50_000, 4_000, 'create');
    expect(create.totals.endpointSlices.objects).toBe(500);
    const update = quick(50_000, 4_000, 'update-one');
    expect(update.totals.endpointSlices.watchEvents).toBe(4_000);
    expectBytes(update.totals.endpointSlices.bytes, 4_000 * 10 * KB);
  });

  test('"~500 total slices in a Namespace": the 50k-endpoint Service fills exactly that', () => {
    expect(quick(50_000, 4_000, 'create').series.at(-1)!.state.slices).toBe(500);
  });
});

describe('Blog "Scaling Kubernetes Networking With EndpointSlices" (2020): 5,000 Pods, 3,000 nodes, c = 300 B', () => {
  const blog = { paperBytesPerEndpoint: 300, paperMinObjectBytes: 0 };

  test('Endpoints of 5,000 Pod IPs ≈ 1.5 MB, the etcd limit as published', () => {
    expectBytes(quick(5_000, 3_000, 'create', blog).totals.endpoints.largestObjectBytes, 1.5 * MB);
  });

  test('one endpoint change sends 1.5 MB × 3,000 = 4.5 GB ("nearly enough to fill up a DVD")', () => {
    const update = quick(5_000, 3_000, 'update-one', blog).totals;
    expect(update.endpoints.watchEvents).toBe(3_000);
    expectBytes(update.endpoints.bytes, 4.5 * GB);
  });

  test('a rolling update of all 5,000 Pods: 4.5 GB × 5,000 = 22.5 TB ("more than 22TB")', () => {
    const rollout = quick(5_000, 3_000, 'rollout', blog).totals;
    expect(rollout.endpoints.writes).toBe(5_000);
    expectBytes(rollout.endpoints.bytes, 22.5 * TB);
  });

  test('derived: 50 slices of ≈ 30 KB; one change 90 MB; full rollout 450 GB, P/B = 50× less', () => {
    const create = quick(5_000, 3_000, 'create', blog).totals;
    expect(create.endpointSlices.objects).toBe(50);
    expectBytes(create.endpointSlices.largestObjectBytes, 30 * KB);
    expectBytes(quick(5_000, 3_000, 'update-one', blog).totals.endpointSlices.bytes, 90 * MB);
    const rollout = quick(5_000, 3_000, 'rollout', blog).totals;
    expectBytes(rollout.endpointSlices.bytes, 450 * GB);
    expect(rollout.ratio.bytes).toBe(50);
  });

  test('15 Pods, 5 endpoints per slice: 3 EndpointSlices vs 1 Endpoints', () => {
    const create = quick(15, 3, 'create', { ...blog, maxEndpointsPerSlice: 5 }).totals;
    expect([create.endpointSlices.objects, create.endpoints.objects]).toEqual([3, 1]);
  });
});

describe('the quick paper report', () => {
  test('states its mode, the quick input and the assumptions behind the figures', () => {
    const report = quick(20_000, 5_000, 'rollout');
    expect(report.mode).toBe('paper');
    expect(report.quick).toEqual({ pods: 20_000, nodes: 5_000, zones: 3, operation: 'rollout' });
    expect(report.assumptions.writes).toMatch(/one per replaced Pod/);
    expect(report.assumptions.bytes).toMatch(/max\(k × 100 B, 1000 B\)/);
    expect(report.totals.endpoints.bytesProtobuf).toBeUndefined();
  });

  test('watchers: extra watchers add events; a kind nobody reads sends none', () => {
    const extra = quick(100, 10, 'update-one', { extraWatchers: 5 }).totals;
    expect(extra.endpoints.watchEvents).toBe(15);
    const slicesOnly = quick(100, 10, 'update-one', { consumers: 'endpointSlices' }).totals;
    expect(slicesOnly.endpoints).toMatchObject({ writes: 1, watchEvents: 0, bytes: 0 });
    expect(slicesOnly.endpointSlices.watchEvents).toBe(10);
  });
  test('update-one of a Service without Pods changes nothing, as in model mode', () => {
    const paper = quick(0, 3, 'update-one').totals;
    const model = simulateQuick({ pods: 0, nodes: 3, operation: 'update-one' }).totals;
    for (const totals of [paper, model]) {
      for (const kind of [totals.endpoints, totals.endpointSlices]) {
        expect(kind).toMatchObject({ writes: 0, watchEvents: 0, bytes: 0 });
      }
    }
  });
});
