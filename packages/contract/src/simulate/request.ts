import {
  MAX_EXTRA_WATCHERS,
  MAX_MAX_ENDPOINTS_PER_SLICE,
  MAX_MODEL_PODS_PER_NODE,
  MAX_PAPER_BYTES_PER_ENDPOINT,
  MAX_PAPER_MIN_OBJECT_BYTES,
  MAX_SIMULATED_SECONDS,
  MAX_SIMULATION_NODES,
  MAX_SIMULATION_PODS,
  MAX_SIMULATION_ZONES,
  MIN_MAX_ENDPOINTS_PER_SLICE,
  type QuickSimulation,
  type SimulationOptions,
} from '@slicescope/core';
import { z } from 'zod';
import { boolean, expects, integer, name, oneOf, seconds, strict } from '../scenario/fields.ts';
import {
  DNS1035_LABEL_RULE,
  DNS1123_LABEL_RULE,
  isDns1035Label,
  isDns1123Label,
} from '../scenario/names.ts';
import { checkZonesWithinNodes, serviceShortcutSchema } from './shortcut.ts';

/**
 * The body of POST /api/v1/simulate, and what `slicescope simulate` builds from its flags: one
 * of a scenario (an object, or JSON/YAML text), the quick form, or a service shortcut, with the
 * simulation's options. docs/simulate.md documents every field.
 */

/** The simulation options a request may set (the seed is the request's own `seed`). */
export const simulationOptionsSchema = strict({
  mode: oneOf(['paper', 'model']).optional(),
  maxEndpointsPerSlice: integer(
    MIN_MAX_ENDPOINTS_PER_SLICE,
    MAX_MAX_ENDPOINTS_PER_SLICE,
  ).optional(),
  batchPeriodSeconds: seconds(0, MAX_SIMULATED_SECONDS).optional(),
  extraWatchers: integer(0, MAX_EXTRA_WATCHERS).optional(),
  consumers: oneOf(['both', 'endpoints', 'endpointSlices']).optional(),
  paperBytesPerEndpoint: integer(1, MAX_PAPER_BYTES_PER_ENDPOINT).optional(),
  paperMinObjectBytes: integer(0, MAX_PAPER_MIN_OBJECT_BYTES).optional(),
  endpointsCapacity: oneOf(['unbounded', 'truncated']).optional(),
  settled: boolean().optional(),
  countFromSeconds: seconds(0, MAX_SIMULATED_SECONDS).optional(),
  untilSeconds: seconds(0, MAX_SIMULATED_SECONDS).optional(),
}) satisfies z.ZodType<Omit<SimulationOptions, 'seed'>>;

export const QUICK_OPERATIONS = ['create', 'update-one', 'rollout'] as const;

/** The quick form: one Service of P ready Pods on N Nodes and one operation on it. */
export const quickSimulationSchema = strict({
  pods: integer(0, MAX_SIMULATION_PODS),
  nodes: integer(1, MAX_SIMULATION_NODES),
  zones: integer(1, MAX_SIMULATION_ZONES).optional(),
  operation: oneOf(QUICK_OPERATIONS),
}).superRefine(
  // Against a valid number of nodes only: a bad one has its own error.
  checkZonesWithinNodes,
) satisfies z.ZodType<QuickSimulation>;

const seedSchema = integer(0, 2 ** 31 - 1);

/**
 * A scenario object, passed on as sent for the scenario's own validation: a record would copy
 * it key by key, and a `"__proto__"` key would become the copy's prototype (or vanish) instead
 * of the unknown field it is.
 */
const scenarioDocument = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
);

const requestObjectSchema = strict({
  /** A scenario as an object, or its JSON/YAML text (docs/scenarios.md). */
  scenario: z
    .union([z.string(), scenarioDocument], {
      error: expects('must be a scenario object or its JSON/YAML text'),
    })
    .optional(),
  format: oneOf(['json', 'yaml']).optional(),
  quick: quickSimulationSchema.optional(),
  service: serviceShortcutSchema.optional(),
  seed: seedSchema.optional(),
  options: simulationOptionsSchema.optional(),
});

export type SimulateRequest = z.infer<typeof requestObjectSchema>;

/** The options the quick form sets itself (docs/simulate.md): a request cannot. */
const QUICK_FIXED_OPTIONS = ['settled', 'countFromSeconds', 'untilSeconds'] as const;
/** The options of paper mode only. */
const PAPER_OPTIONS = ['paperBytesPerEndpoint', 'paperMinObjectBytes'] as const;

/**
 * The options of a request that say nothing to the run, or nothing countable: refused rather
 * than silently ignored.
 */
function checkOptions(request: SimulateRequest, context: z.RefinementCtx): void {
  const { options = {} } = request;
  const issue = (key: keyof typeof options, message: string): void =>
    context.addIssue({ code: 'custom', path: ['options', key], message });
  if (request.quick) {
    const fixed = QUICK_FIXED_OPTIONS.find((key) => options[key] !== undefined);
    if (fixed) issue(fixed, 'not with the quick form, which sets it itself');
  }
  if (options.mode !== 'paper') {
    const paper = PAPER_OPTIONS.find((key) => options[key] !== undefined);
    if (paper) issue(paper, 'applies only in paper mode (mode: paper, --paper)');
  }
  const { countFromSeconds, untilSeconds } = options;
  if (
    countFromSeconds !== undefined &&
    untilSeconds !== undefined &&
    countFromSeconds > untilSeconds
  ) {
    issue(
      'countFromSeconds',
      `must be at most untilSeconds, ${untilSeconds} (got ${countFromSeconds}): nothing would be counted`,
    );
  }
}

/**
 * A request has exactly one of `scenario`, `quick` or `service`, and no option it would ignore.
 * The quick form on the engine (model mode, or always for `onEngine: true`) has Nodes of at most
 * {@link MAX_MODEL_PODS_PER_NODE} Pods each.
 */
function checkRequest(
  request: SimulateRequest,
  context: z.RefinementCtx,
  onEngine: boolean | 'in model mode',
): void {
  const given = (['scenario', 'quick', 'service'] as const).filter(
    (key) => request[key] !== undefined,
  );
  if (given.length !== 1) {
    context.addIssue({
      code: 'custom',
      path: [given[1] ?? 'scenario'],
      message:
        given.length === 0
          ? 'is required: give a scenario, the quick form (quick) or a service shortcut (service)'
          : `give one of scenario, quick and service, not both ${given.join(' and ')}`,
    });
    return;
  }
  if (request.format !== undefined && typeof request.scenario !== 'string') {
    context.addIssue({
      code: 'custom',
      path: ['format'],
      message: 'applies only to a scenario given as text',
    });
  }
  checkOptions(request, context);
  const { quick, options } = request;
  const engine = onEngine === 'in model mode' ? (options?.mode ?? 'model') === 'model' : onEngine;
  // Against a valid number of nodes only (as above).
  if (quick && engine && quick.nodes >= 1 && quick.pods > quick.nodes * MAX_MODEL_PODS_PER_NODE) {
    // A paper run replayed on the engine (its topology) is paper mode already.
    const paperInstead = options?.mode !== 'paper';
    context.addIssue({
      code: 'custom',
      path: ['quick', 'pods'],
      message: `${quick.pods} Pods on ${quick.nodes} Nodes is over ${MAX_MODEL_PODS_PER_NODE} per Node, the most the engine places (a Node's /24 Pod range has 254 addresses); ${paperInstead ? 'add Nodes or use paper mode' : 'add Nodes'}`,
    });
  }
}

/** A request to run: the quick form runs on the engine in model mode only. */
export const simulateRequestSchema = requestObjectSchema.superRefine((request, context) =>
  checkRequest(request, context, 'in model mode'),
);

/**
 * Which point of a run to draw: the simulated second (a series point's `t`) and, optionally, the
 * Service (by default the one with the most endpoints then).
 */
export const snapshotTargetSchema = strict({
  atSeconds: seconds(0, MAX_SIMULATED_SECONDS),
  namespace: name(DNS1123_LABEL_RULE, isDns1123Label).optional(),
  name: name(DNS1035_LABEL_RULE, isDns1035Label).optional(),
}).superRefine((target, context) => {
  if ((target.namespace === undefined) !== (target.name === undefined)) {
    context.addIssue({
      code: 'custom',
      path: [target.name === undefined ? 'name' : 'namespace'],
      message: 'give the Service by both namespace and name, or neither',
    });
  }
});

/**
 * The body of POST /api/v1/simulate/snapshot: a simulation as for /simulate, and the point of its
 * run to draw. The quick form is replayed on the engine in either mode, so its Pods per Node are
 * bounded in paper mode too.
 */
export const snapshotRequestSchema = requestObjectSchema
  .extend({ snapshot: snapshotTargetSchema })
  .superRefine((request, context) => checkRequest(request, context, true));

export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;
