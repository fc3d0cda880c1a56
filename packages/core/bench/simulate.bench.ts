import { loadavg } from 'node:os';
import { machineLine, ms, printTable } from '../../../scripts/bench/harness.ts';
import {
  ClusterEngine,
  referenceWorkloadScenario,
  serviceScenario,
  simulate as simulateReport,
  type Scenario,
} from '../src/index.ts';
import { ControllerRunner } from '../src/engine/controllers.ts';
import type { ReconcileStats } from '../src/engine/incrementalSliceSync.ts';

/**
 * `pnpm bench` in packages/core: a model-mode report of a 5,000-Pod rolling update on 5,000
 * Nodes end to end, then the engine as the simulator drives it (as fast as it can), with the
 * EndpointSlice controller's full reconcile and its incremental one, measured in the same run,
 * interleaved: that rolling update, Pod-by-Pod changes to a 5,000-Pod Service, and the cluster
 * envelope of scale-facts.md §2 built and one rollout wave.
 * Both modes must write the same objects; the bench checks the counts.
 */

type Mode = 'full' | 'incremental';

interface Sample {
  /** Wall time of the measured phase, ms. */
  engine: number;
  /** Time in EndpointSlice syncs during it, ms. */
  slices: number;
  /** Time in the Endpoints controller's syncs during it, ms. */
  endpoints: number;
  syncs: number;
  sliceWrites: number;
  writes: number;
  build?: number;
  stats?: ReconcileStats | undefined;
}

// Controller time is measured around the engine's calls into its controllers.
const spent = { slices: 0, endpoints: 0, mirroring: 0, syncs: 0 };
const run = ControllerRunner.prototype.run;
ControllerRunner.prototype.run = function (this: ControllerRunner, controller, key) {
  const start = performance.now();
  run.call(this, controller, key);
  spent[controller] += performance.now() - start;
  if (controller === 'slices') spent.syncs++;
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const START = Date.UTC(2026, 0, 1);

/** Builds the settled cluster (timed as `build`), then times everything from `from` until quiet. */
function simulate(scenario: Scenario, mode: Mode, from: number): Sample {
  gc();
  const buildStart = performance.now();
  const engine = new ClusterEngine(scenario, {
    seed: 7,
    startTime: START,
    settled: true,
    reconcile: mode,
  });
  engine.advanceTo(from - 0.001);
  const build = performance.now() - buildStart;
  Object.assign(spent, { slices: 0, endpoints: 0, mirroring: 0, syncs: 0 });
  const before = structuredClone(engine.reconcileStats());
  const start = performance.now();
  let writes = 0;
  let sliceWrites = 0;
  for (let next = engine.nextTime(); next !== undefined; next = engine.nextTime()) {
    for (const change of engine.advanceTo(next)) {
      writes++;
      if (change.kind === 'EndpointSlice') sliceWrites++;
    }
  }
  const { slices, endpoints, syncs } = spent;
  const engineMs = performance.now() - start;
  return {
    engine: engineMs,
    slices,
    endpoints,
    syncs,
    sliceWrites,
    writes,
    build,
    stats: since(before, engine.reconcileStats()),
  };
}

/** The syncs counted between two snapshots of the stats. */
function since(
  before: ReconcileStats | undefined,
  after: ReconcileStats | undefined,
): ReconcileStats | undefined {
  if (!before || !after) return after;
  const paths = { ...after.paths };
  for (const path of ['incremental', 'rebuilt', 'full'] as const) paths[path] -= before.paths[path];
  const reasons: Record<string, number> = {};
  for (const [reason, count] of Object.entries(after.reasons)) {
    const delta = count - (before.reasons[reason] ?? 0);
    if (delta > 0) reasons[reason] = delta;
  }
  return { paths, reasons };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/** `runs` runs of each mode (at most `fullRuns` of the full one), interleaved. */
function compare(
  scenario: Scenario,
  from: number,
  runs: number,
  fullRuns = runs,
): Record<Mode, Sample[]> {
  const samples: Record<Mode, Sample[]> = { full: [], incremental: [] };
  for (let i = 0; i < runs; i++) {
    samples.incremental.push(simulate(scenario, 'incremental', from));
    if (i < fullRuns) samples.full.push(simulate(scenario, 'full', from));
  }
  const [full, incremental] = [samples.full[0], samples.incremental[0]];
  if (full?.writes !== incremental?.writes || full?.sliceWrites !== incremental?.sliceWrites) {
    throw new Error('full and incremental reconciles wrote different objects');
  }
  return samples;
}

function paths(stats: ReconcileStats | undefined): string {
  if (!stats) return '–';
  const { incremental, rebuilt, full } = stats.paths;
  const reasons = Object.entries(stats.reasons)
    .map(([reason, count]) => `${reason}: ${count.toLocaleString('en-US')}`)
    .join('; ');
  const counts = [incremental, rebuilt, full].map((n) => n.toLocaleString('en-US')).join(' / ');
  return reasons === '' ? counts : `${counts} (${reasons})`;
}

function rows(samples: Record<Mode, Sample[]>, withBuild: boolean): string[][] {
  const result = (['full', 'incremental'] as const).map((mode) => {
    const all = samples[mode];
    const first = all[0] as Sample;
    return [
      mode,
      `${all.length}`,
      ...(withBuild ? [ms(median(all.map((s) => s.build ?? 0)))] : []),
      ms(median(all.map((s) => s.engine))),
      ...(withBuild ? [ms(median(all.map((s) => (s.build ?? 0) + s.engine)))] : []),
      ms(median(all.map((s) => s.slices))),
      ms(median(all.map((s) => s.endpoints))),
      first.syncs.toLocaleString('en-US'),
      first.sliceWrites.toLocaleString('en-US'),
      first.writes.toLocaleString('en-US'),
      paths(first.stats),
    ];
  });
  const ratio = (pick: (s: Sample) => number) =>
    `${(median(samples.full.map(pick)) / median(samples.incremental.map(pick))).toFixed(1)}×`;
  result.push([
    'full ÷ incremental',
    '',
    ...(withBuild ? [ratio((s) => s.build ?? 0)] : []),
    ratio((s) => s.engine),
    ...(withBuild ? [ratio((s) => (s.build ?? 0) + s.engine)] : []),
    ratio((s) => s.slices),
    '',
    '',
    '',
    '',
    '',
  ]);
  return result;
}

const header = (withBuild: boolean, phase: string): string[] => [
  'reconcile',
  'runs',
  ...(withBuild ? ['build (median)'] : []),
  `${phase} (median)`,
  ...(withBuild ? ['build + wave (median)'] : []),
  'EndpointSlice syncs, time (median)',
  'Endpoints syncs, time (median)',
  'slice syncs',
  'slice writes',
  'all writes',
  'incremental / rebuilt / full syncs (why)',
];

function oneService(pods: number, nodes: number, startJitterSeconds = 0): Scenario {
  return {
    name: `service-${pods}`,
    cluster: {
      zones: ['a', 'b', 'c'].map((zone, z) => ({
        name: `zone-${zone}`,
        nodes: Math.floor(nodes / 3) + (z < nodes % 3 ? 1 : 0),
        cpu: '8',
      })),
      services: [
        {
          name: 'web',
          selector: { app: 'web' },
          ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        },
      ],
      workloads: [
        {
          name: 'web',
          replicas: pods,
          labels: { app: 'web' },
          ports: [{ name: 'http', containerPort: 8080 }],
          ...(startJitterSeconds > 0 && { startJitterSeconds }),
        },
      ],
    },
  };
}

const load = loadavg()
  .map((value) => value.toFixed(1))
  .join(', ');
process.stdout.write(`${machineLine()}; load average at start ${load}\n\n`);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

// 0. Both rollouts as the simulator reports them in model mode (incremental, as it runs): the
//    engine plus every write sized in JSON and protobuf and the uncapped Endpoints. Measured
//    first, in a process that has run nothing else yet, with V8's default heap (the api's worker,
//    warmed up and with a larger young generation, is measured in apps/api's bench, section 5);
//    the same Service settled without a rollout shows what building the cluster costs.
{
  const rollouts = [
    ['Pods ready one by one (start-up 5–15 s)', 10, true],
    ['Pods of a batch ready together', 0, true],
    ['no rollout: the cluster settled, run to 10 s', 10, false],
  ] as const;
  const table = rollouts.map(([label, startJitterSeconds, rollout]) => {
    const scenario = serviceScenario({
      pods: 5_000,
      nodes: 5_000,
      zones: 3,
      ...(startJitterSeconds > 0 && { startJitterSeconds }),
      events: rollout ? [{ at: 10, type: 'rollingUpdate' }] : [],
    });
    const times: number[] = [];
    let report: ReturnType<typeof simulateReport> | undefined;
    for (let i = 0; i < runs; i++) {
      gc();
      const start = performance.now();
      report = simulateReport(scenario, { mode: 'model', ...(!rollout && { untilSeconds: 10 }) });
      times.push(performance.now() - start);
    }
    const totals = report?.totals;
    return [
      label,
      `${runs}`,
      ms(median(times)),
      (totals?.endpointSlices.writes ?? 0).toLocaleString('en-US'),
      (totals?.endpoints.writes ?? 0).toLocaleString('en-US'),
    ];
  });
  printTable(
    "model mode end to end: simulate() of a Service of 5,000 Pods on 5,000 Nodes in 3 zones settled at 0, rolled out at 10 s, until quiet (the report: every write sized in JSON and protobuf, uncapped Endpoints); incremental reconcile, first in a fresh process with V8's default heap; target for the rollout with Pods ready one by one: ≤ 2 s",
    ['rollout', 'runs', 'simulate (median)', 'slice writes', 'Endpoints writes'],
    table,
  );
}

// 1. A 5,000-Pod rolling update on 5,000 Nodes, Deployment defaults (maxSurge 25%, maxUnavailable
//    25%), Pods ready one by one as in a real cluster (start-up 5 s plus up to 10 s): each Pod
//    change is a sync of its own (batch period 0, the default). The full reconcile takes minutes
//    here, so it runs BENCH_FULL_RUNS times (default 1).
{
  const scenario = {
    ...oneService(5_000, 5_000, 10),
    events: [{ at: 10, type: 'rollout' as const, workload: 'web' }],
  };
  const fullRuns = Math.max(1, Number(process.env.BENCH_FULL_RUNS ?? 1));
  printTable(
    '5,000-Pod rolling update on 5,000 Nodes in 3 zones, Pods ready one by one (one Service, maxEndpointsPerSlice 100, maxSurge 25%, maxUnavailable 25%, start-up 5–15 s; rollout from a settled cluster until quiet; targets: incremental ≤ 2 s, ≥ 20× faster than full)',
    header(false, 'rollout'),
    rows(compare(scenario, 10, runs, fullRuns), false),
  );
}

// 1b. The same rollout with every Pod of a batch ready at once: ~11 syncs, each moving a quarter
//     of the Service, where there is little for an incremental reconcile to skip.
{
  const scenario = {
    ...oneService(5_000, 5_000),
    events: [{ at: 10, type: 'rollout' as const, workload: 'web' }],
  };
  printTable(
    '5,000-Pod rolling update on 5,000 Nodes in 3 zones, Pods of a batch ready together (as above, start-up 5 s for every Pod)',
    header(false, 'rollout'),
    rows(compare(scenario, 10, runs), false),
  );
}

// 2. Small changes to a big Service: 20 readiness flaps of 2 Pods each, 5 s apart.
{
  const events = Array.from({ length: 20 }, (_, i) => ({
    at: 10 + 5 * i,
    type: 'readinessFlap' as const,
    workload: 'web',
    pods: 2,
    forSeconds: 2,
  }));
  printTable(
    'Pod-by-Pod changes to a 5,000-Pod Service on 5,000 Nodes (20 readiness flaps of 2 Pods, 5 s apart; each flap is two syncs)',
    header(false, 'flaps'),
    rows(compare({ ...oneService(5_000, 5_000), events }, 10, runs), false),
  );
}

// 3. The cluster envelope of scale-facts.md §2 built, then one rollout wave: every Deployment
//    that backs a Service rolls out at once (8,100 Deployments, 67,750 Pods).
/** The reference workload on `nodes` Nodes with every Deployment behind a Service rolled out at 1 s. */
const envelope = (nodes: number): Scenario =>
  referenceWorkloadScenario({ nodes, rolloutWaveAt: 1 });
const envelopeRuns = Math.max(1, Number(process.env.BENCH_ENVELOPE_RUNS ?? 3));
/** Section 3's incremental runs, reused as the 5,000-Node row of 3b. */
let fullSizeRuns: Sample[];
{
  const scenario = envelope(5_000);
  const samples = compare(scenario, 1, envelopeRuns);
  fullSizeRuns = samples.incremental;
  printTable(
    `cluster envelope: 150,000 Pods, 8,100 Services, 5,000 Nodes built settled, then one rollout wave (the ${(scenario.events ?? []).length.toLocaleString('en-US')} Deployments behind Services roll out at once, until quiet; target: build + wave ≤ 5 s)`,
    header(true, 'wave'),
    rows(samples, true),
  );
}

// 3b. The same at a fifth and at half the size, incremental only: what one write of the wave
//     costs, and whether that grows with the cluster (the full size is section 3's runs).
{
  const table = [1_000, 2_500, 5_000].map((nodes) => {
    const samples =
      nodes === 5_000
        ? fullSizeRuns
        : Array.from({ length: envelopeRuns }, () => simulate(envelope(nodes), 'incremental', 1));
    const first = samples[0] as Sample;
    const wave = median(samples.map((s) => s.engine));
    return [
      nodes.toLocaleString('en-US'),
      `${samples.length}`,
      ms(median(samples.map((s) => s.build ?? 0))),
      ms(wave),
      first.writes.toLocaleString('en-US'),
      `${((1000 * wave) / first.writes).toFixed(1)} µs`,
    ];
  });
  printTable(
    'cluster envelope by size (the reference workload on N Nodes, 30 Pods per Node; same wave), incremental reconcile',
    ['Nodes', 'runs', 'build (median)', 'wave (median)', 'writes in the wave', 'wave per write'],
    table,
  );
}

// 3c. The same envelope as the simulator reports it in model mode (`slicescope simulate
//     reference-workload` with its wave at 1 s): the engine plus every slice and Endpoints write
//     sized in JSON and protobuf, the uncapped Endpoints and the time series.
{
  const scenario = envelope(5_000);
  const times: number[] = [];
  let report: ReturnType<typeof simulateReport> | undefined;
  for (let i = 0; i < envelopeRuns; i++) {
    gc();
    const start = performance.now();
    report = simulateReport(scenario, { mode: 'model' });
    times.push(performance.now() - start);
  }
  const totals = report?.totals;
  printTable(
    'cluster envelope end to end: simulate() in model mode, built, the wave, every write sized (incremental reconcile, in the process of the sections above)',
    [
      'runs',
      'simulate (median)',
      'slice writes',
      'Endpoints writes',
      'slice bytes (JSON)',
      'Endpoints bytes (JSON)',
    ],
    [
      [
        `${times.length}`,
        ms(median(times)),
        (totals?.endpointSlices.writes ?? 0).toLocaleString('en-US'),
        (totals?.endpoints.writes ?? 0).toLocaleString('en-US'),
        `${((totals?.endpointSlices.bytes ?? 0) / 1e12).toFixed(2)} TB`,
        `${((totals?.endpoints.bytes ?? 0) / 1e9).toFixed(0)} GB`,
      ],
    ],
  );
}
