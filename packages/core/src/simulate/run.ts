import type { ObjectChange } from '../engine/changes.ts';
import { ClusterEngine } from '../engine/engine.ts';
import { objectKey } from '../engine/objectStore.ts';
import type { Scenario } from '../engine/scenario.ts';
import { paperObjectBytes } from '../cost/paper.ts';
import { ANNOTATION_OVER_CAPACITY } from '../legacy/constants.ts';
import { assumptionsFor } from './assumptions.ts';
import { modelStepCost, type LargestObject } from './modelCost.ts';
import { resolveOptions, withControllerSettings } from './options.ts';
import { PaperAccountant, type PaperWrite } from './paperCost.ts';
import { emptyKindCost, SeriesBuilder } from './series.ts';
import { SliceStateTracker } from './sliceState.ts';
import { sizeWarnings, totalsOf } from './totals.ts';
import type {
  KindCost,
  ResolvedOptions,
  SimulationOptions,
  SimulationProgress,
  SimulationReport,
} from './types.ts';
import { UnboundedEndpoints } from './unboundedEndpoints.ts';

/** Wall-clock time of every run's second 0, for the objects' timestamps (2026-01-01T00:00:00Z). */
export const SIMULATION_START_TIME = Date.UTC(2026, 0, 1);

export interface SimulationHooks {
  /** Called after every step; cheap to ignore. */
  onProgress?: (progress: SimulationProgress) => void;
}

/** Paper-mode cost of one kind's writes: every write reaches every watcher at the paper size. */
function paperStepCost(
  writes: readonly PaperWrite[],
  watchers: number,
  options: ResolvedOptions,
  largest: { bytes: number },
): KindCost {
  const cost = emptyKindCost(false);
  const sizing = {
    bytesPerEndpoint: options.paperBytesPerEndpoint,
    minimumObjectBytes: options.paperMinObjectBytes,
  };
  for (const write of writes) {
    const size = paperObjectBytes(write.endpoints, sizing);
    cost.writes++;
    cost.writesByVerb[write.verb]++;
    cost.watchEvents += watchers;
    cost.bytes += watchers * size;
    if (write.verb !== 'delete') largest.bytes = Math.max(largest.bytes, size);
  }
  return cost;
}

/** Watchers of each kind: every one, or none when the consumers do not read it. */
function watchersOf(
  options: ResolvedOptions,
  nodes: number,
): { slices: number; endpoints: number } {
  const all = nodes + options.extraWatchers;
  return {
    slices: options.consumers === 'endpoints' ? 0 : all,
    endpoints: options.consumers === 'endpointSlices' ? 0 : all,
  };
}

/** The engine a run drives: the scenario with the run's controller settings, seeded. */
export function simulationEngine(
  scenario: Scenario,
  resolved: ResolvedOptions,
  reconcile: SimulationOptions['reconcile'] = 'incremental',
): ClusterEngine {
  return new ClusterEngine(withControllerSettings(scenario, resolved), {
    seed: resolved.seed,
    startTime: SIMULATION_START_TIME,
    settled: resolved.settled,
    reconcile,
  });
}

/**
 * The engine's steps up to `untilSeconds`: each simulated instant at which objects changed, with
 * those changes, from one instant with queued work to the next (no timers). Second 0 always runs:
 * the starting cluster's objects are its changes, queued work or not.
 */
export function* simulationSteps(
  engine: ClusterEngine,
  untilSeconds: number,
): Generator<[number, ObjectChange[]]> {
  for (
    let next: number | undefined = 0;
    next !== undefined && next <= untilSeconds;
    next = engine.nextTime()
  ) {
    const changes = engine.advanceTo(next);
    if (changes.length > 0) yield [next, changes];
  }
}

/**
 * Runs a scenario on the cluster engine as fast as it goes — from one instant with queued work to
 * the next, no timers — and accounts for every step: the EndpointSlice and Endpoints writes, the
 * watch events and bytes they send (model or paper mode), and the slices' state. Deterministic:
 * the same scenario and options give the same report, byte for byte.
 */
export function simulate(
  scenario: Scenario,
  options: SimulationOptions = {},
  hooks: SimulationHooks = {},
): SimulationReport {
  const resolved = resolveOptions(scenario, options);
  const engine = simulationEngine(scenario, resolved, options.reconcile);
  const model = resolved.mode === 'model';
  const zones = scenario.cluster.zones.map((zone) => zone.name);
  const state = new SliceStateTracker(zones, resolved.maxEndpointsPerSlice);
  const unbounded =
    model && resolved.endpointsCapacity === 'unbounded'
      ? new UnboundedEndpoints((key) => engine.desiredEndpointsSubsets(key))
      : undefined;
  const paper = model ? undefined : new PaperAccountant(resolved.maxEndpointsPerSlice);
  const largestModel: Record<'slices' | 'endpoints', LargestObject> = {
    slices: { json: 0, protobuf: 0 },
    endpoints: { json: 0, protobuf: 0 },
  };
  const largestPaper = { slices: { bytes: 0 }, endpoints: { bytes: 0 } };
  const series = new SeriesBuilder();
  let steps = 0;
  let truncated = 0;

  for (const [next, changes] of simulationSteps(engine, resolved.untilSeconds)) {
    steps++;
    const counted = next >= resolved.countFromSeconds;
    const watchers = watchersOf(resolved, engine.store.count('Node'));
    const sliceChanges: ObjectChange[] = [];
    const endpointsChanges: ObjectChange[] = [];
    for (const change of changes) {
      if (change.kind === 'EndpointSlice') {
        sliceChanges.push(change);
        state.apply(
          objectKey(change.object),
          change.type === 'DELETED' ? undefined : change.object,
        );
      } else if (change.kind === 'Endpoints') {
        endpointsChanges.push(change);
      } else {
        paper?.observe(change);
      }
    }
    // Steps before countFromSeconds only build the starting state: nothing is sized.
    let slicesCost = emptyKindCost(model);
    let endpointsCost = emptyKindCost(model);
    if (paper) {
      const writes = paper.endStep();
      if (counted) {
        const { slices, endpoints } = largestPaper;
        slicesCost = paperStepCost(writes.endpointSlices, watchers.slices, resolved, slices);
        endpointsCost = paperStepCost(writes.endpoints, watchers.endpoints, resolved, endpoints);
      }
      const objects = paper.objects();
      slicesCost.objects = objects.endpointSlices;
      endpointsCost.objects = objects.endpoints;
    } else {
      const endpoints = unbounded ? unbounded.replace(endpointsChanges) : endpointsChanges;
      if (counted) {
        if (!unbounded) truncated += endpoints.filter(isTruncated).length;
        slicesCost = modelStepCost(sliceChanges, watchers.slices, largestModel.slices);
        endpointsCost = modelStepCost(endpoints, watchers.endpoints, largestModel.endpoints);
      }
      slicesCost.objects = engine.store.count('EndpointSlice');
      endpointsCost.objects = engine.store.count('Endpoints');
    }
    series.add({
      t: next,
      steps: 1,
      watchers: engine.store.count('Node') + resolved.extraWatchers,
      endpointSlices: slicesCost,
      endpoints: endpointsCost,
      state: state.state(),
    });
    hooks.onProgress?.({ simulatedSeconds: next, untilSeconds: resolved.untilSeconds, steps });
  }

  const points = series.finish();
  const largest = model
    ? { endpointSlices: largestModel.slices.json, endpoints: largestModel.endpoints.json }
    : { endpointSlices: largestPaper.slices.bytes, endpoints: largestPaper.endpoints.bytes };
  const warnings = sizeWarnings(
    model
      ? { endpointSlices: largestModel.slices.protobuf, endpoints: largestModel.endpoints.protobuf }
      : largest,
  );
  if (truncated > 0) {
    warnings.push(
      `${truncated} Endpoints writes were truncated to 1000 addresses (endpoints.kubernetes.io/over-capacity: truncated)`,
    );
  }
  warnings.push(...podWarnings(engine));
  if (points.length < steps) {
    warnings.push(
      `the series sums ${steps.toLocaleString('en-US')} steps into ${points.length.toLocaleString('en-US')} points`,
    );
  }
  return {
    schemaVersion: 1,
    mode: resolved.mode,
    scenario: scenario.name,
    options: resolved,
    simulatedSeconds: engine.time,
    steps,
    totals: totalsOf(points, model, largest),
    series: points,
    assumptions: assumptionsFor(resolved, false),
    warnings,
  };
}

/**
 * Pods that waited at any time of the run, not only at its end: a rollout on Nodes without room
 * for old and new Pods at once goes slower than its maxSurge and maxUnavailable say.
 */
function podWarnings(engine: ClusterEngine): string[] {
  const warnings: string[] = [];
  const { pending, withoutAddress } = engine.podWaits();
  if (pending > 0) {
    warnings.push(`${pending} Pods were Pending during the run: no Node had room for them then`);
  }
  const stillPending = engine.store.list('Pod').filter((pod) => !pod.spec?.nodeName).length;
  if (stillPending > 0)
    warnings.push(`${stillPending} Pods are Pending at the end: no Node had room for them`);
  if (withoutAddress > 0) {
    warnings.push(
      `${withoutAddress} Pods got no Pod IP: their Node's 254 addresses were taken (maxPods over 254), so they never became ready`,
    );
  }
  return warnings;
}

function isTruncated(change: ObjectChange): boolean {
  return (
    change.type !== 'DELETED' &&
    change.object.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] !== undefined
  );
}
