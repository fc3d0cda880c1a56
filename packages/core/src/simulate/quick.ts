import type { Scenario } from '../engine/scenario.ts';
import { operationCost, sliceCount, type Operation } from '../cost/fanout.ts';
import { paperObjectSizer } from '../cost/paper.ts';
import { assumptionsFor } from './assumptions.ts';
import { MAX_MODEL_PODS_PER_NODE } from './limits.ts';
import { resolveOptions } from './options.ts';
import { simulate, type SimulationHooks } from './run.ts';
import { emptyKindCost } from './series.ts';
import { serviceScenario, shortcutZones, type ShortcutEvent } from './shortcuts.ts';
import { costRatio, sizeWarnings } from './totals.ts';
import type {
  KindCost,
  QuickOperation,
  QuickSimulation,
  SeriesPoint,
  SimulationOptions,
  SimulationReport,
  SliceState,
} from './types.ts';

/** The second at which the quick form's operation happens, after the starting state at 0. */
export const QUICK_OPERATION_AT = 1;

const FORMULAS: Readonly<Record<QuickOperation, Operation>> = {
  create: 'serviceCreation',
  'update-one': 'singleEndpointUpdate',
  rollout: 'rollingUpdate',
};

function withDefaults(quick: QuickSimulation): Required<QuickSimulation> {
  return { ...quick, zones: Math.min(quick.zones ?? 3, quick.nodes) };
}

/**
 * The quick form as a scenario: Service `web` over P settled, ready Pods on N Nodes; at second 1
 * it is created (`create`), one of its Pods fails its readiness probe (`update-one`), or its
 * workload rolls out (`rollout`, maxSurge and maxUnavailable 25 %).
 */
export function quickScenario(quick: QuickSimulation) {
  const q = withDefaults(quick);
  const at = QUICK_OPERATION_AT;
  const event: ShortcutEvent =
    q.operation === 'create'
      ? { at, type: 'createService' }
      : q.operation === 'update-one'
        ? { at, type: 'updateOne', forSeconds: 3600 }
        : { at, type: 'rollingUpdate' };
  return serviceScenario({
    name: `quick-${q.operation}`,
    pods: q.pods,
    nodes: q.nodes,
    zones: q.zones,
    events: [event],
  });
}

/**
 * Paper-mode state of a Service's P endpoints packed into slices of B, spread over the zones:
 * `notReady` of them not ready (update-one's Pod that failed its readiness probe); without
 * endpoints, its placeholder slice, as the objects counted say. Before `create`, no Service.
 */
function paperState(
  service: { pods: number; notReady: number } | undefined,
  b: number,
  zones: readonly string[],
): SliceState {
  const pods = service?.pods ?? 0;
  const notReady = service?.notReady ?? 0;
  const slices = service ? sliceCount(pods, b) : 0;
  return {
    slices,
    endpoints: pods,
    fill: slices === 0 ? 0 : pods / (slices * b),
    byCondition: { ready: pods - notReady, servingTerminating: 0, terminating: 0, notReady },
    servicesWithHints: 0,
    zones: zones.map((zone, z) => ({
      zone,
      endpoints: Math.floor(pods / zones.length) + (z < pods % zones.length ? 1 : 0),
      hinted: 0,
    })),
  };
}

/** KEP-0752's formulas for the quick form: no engine, exact to the published arithmetic. */
function quickPaper(q: Required<QuickSimulation>, options: SimulationOptions): SimulationReport {
  const scenario = quickScenario(q);
  const resolved = {
    ...resolveOptions(scenario, options),
    mode: 'paper' as const,
    countFromSeconds: QUICK_OPERATION_AT,
    untilSeconds: QUICK_OPERATION_AT,
  };
  const b = resolved.maxEndpointsPerSlice;
  const sizer = paperObjectSizer({
    bytesPerEndpoint: resolved.paperBytesPerEndpoint,
    minimumObjectBytes: resolved.paperMinObjectBytes,
  });
  const reads = (kind: 'endpoints' | 'endpointSlices'): boolean =>
    resolved.consumers === 'both' || resolved.consumers === kind;
  const costOf = (kind: 'endpoints' | 'endpointSlices'): KindCost => {
    const cost = operationCost(FORMULAS[q.operation], {
      endpoints: q.pods,
      watchers: reads(kind)
        ? { nodes: q.nodes, extraWatchers: resolved.extraWatchers }
        : { nodes: 0 },
      layout:
        kind === 'endpoints'
          ? { kind: 'Endpoints' }
          : { kind: 'EndpointSlices', maxEndpointsPerSlice: b },
      objectBytes: sizer,
    });
    const verb = q.operation === 'create' ? 'create' : 'update';
    return {
      objects: kind === 'endpoints' ? 1 : sliceCount(q.pods, b),
      writes: cost.writes,
      writesByVerb: { create: 0, update: 0, delete: 0, [verb]: cost.writes },
      watchEvents: cost.events,
      bytes: cost.bytes,
    };
  };
  const zones = shortcutZones(q.nodes, q.zones, q.pods).map((zone) => zone.name);
  const before = q.operation === 'create' ? 0 : 1;
  const watchers = q.nodes + resolved.extraWatchers;
  const start: SeriesPoint = {
    t: 0,
    steps: 1,
    watchers,
    endpointSlices: { ...emptyKindCost(false), objects: before && sliceCount(q.pods, b) },
    endpoints: { ...emptyKindCost(false), objects: before },
    state: paperState(before ? { pods: q.pods, notReady: 0 } : undefined, b, zones),
  };
  const endpointSlices = costOf('endpointSlices');
  const endpoints = costOf('endpoints');
  const operation: SeriesPoint = {
    t: QUICK_OPERATION_AT,
    steps: 1,
    watchers,
    endpointSlices,
    endpoints,
    state: paperState(
      { pods: q.pods, notReady: q.operation === 'update-one' ? Math.min(1, q.pods) : 0 },
      b,
      zones,
    ),
  };
  const largest = { endpointSlices: sizer(Math.min(q.pods, b)), endpoints: sizer(q.pods) };
  return {
    schemaVersion: 1,
    mode: 'paper',
    scenario: scenario.name,
    quick: q,
    options: resolved,
    simulatedSeconds: QUICK_OPERATION_AT,
    steps: 2,
    totals: {
      endpointSlices: { ...endpointSlices, largestObjectBytes: largest.endpointSlices },
      endpoints: { ...endpoints, largestObjectBytes: largest.endpoints },
      ratio: costRatio(endpointSlices, endpoints),
    },
    series: [start, operation],
    assumptions: assumptionsFor(resolved, true),
    warnings: sizeWarnings(largest),
  };
}

/**
 * The quick form (a stable contract): one operation on one Service. Paper mode applies
 * KEP-0752's formulas; model mode runs the scenario of {@link quickScenario} on the engine and
 * counts from the operation on, so the starting state costs nothing.
 */
export function simulateQuick(
  quick: QuickSimulation,
  options: SimulationOptions = {},
  hooks: SimulationHooks = {},
): SimulationReport {
  const q = withDefaults(quick);
  if (options.mode === 'paper') return quickPaper(q, options);
  const run = quickEngineRun(q, options);
  const report = simulate(run.scenario, run.options, hooks);
  const { schemaVersion, mode, scenario: name, ...rest } = report;
  return { schemaVersion, mode, scenario: name, quick: q, ...rest };
}

/**
 * The engine run the quick form stands for in model mode: {@link quickScenario}, counted from the
 * operation on. Its snapshots (simulationSnapshot) replay exactly this run.
 */
export function quickEngineRun(
  quick: QuickSimulation,
  options: SimulationOptions,
): { scenario: Scenario; options: SimulationOptions } {
  const q = withDefaults(quick);
  if (q.pods > q.nodes * MAX_MODEL_PODS_PER_NODE) {
    // The callers' schemas refuse this first, naming the field; this keeps the engine from
    // silently placing fewer Pods than asked.
    throw new RangeError(
      `pods: ${q.pods} Pods on ${q.nodes} Nodes is over ${MAX_MODEL_PODS_PER_NODE} per Node, the most the engine places`,
    );
  }
  const batch = options.batchPeriodSeconds ?? 0;
  // The quick form fixes when its run starts counting and stops.
  const { untilSeconds: _until, countFromSeconds: _from, settled: _settled, ...fixed } = options;
  return {
    scenario: quickScenario(q),
    options: {
      ...fixed,
      mode: 'model',
      settled: true,
      countFromSeconds: QUICK_OPERATION_AT,
      // One endpoint changes: the run ends with its sync, before the Pod is ready again.
      ...(q.operation === 'update-one' && { untilSeconds: QUICK_OPERATION_AT + batch }),
    },
  };
}
