import type { SimulationProgress, SimulationReport } from '@slicescope/core';
import { z } from 'zod';

/**
 * The simulator's report on the wire (core's SimulationReport): what POST /api/v1/simulate
 * answers, what `slicescope simulate --json` prints and what the web page reads.
 */

const count = z.number().int().nonnegative();
const bytes = z.number().nonnegative();

const writesByVerbSchema = z.strictObject({ create: count, update: count, delete: count });

export const kindCostSchema = z.strictObject({
  objects: count,
  writes: count,
  writesByVerb: writesByVerbSchema,
  watchEvents: count,
  bytes,
  bytesProtobuf: bytes.optional(),
});

const totalKindSchema = kindCostSchema.extend({ largestObjectBytes: bytes });

const zoneStateSchema = z.strictObject({ zone: z.string(), endpoints: count, hinted: count });

export const sliceStateSchema = z.strictObject({
  slices: count,
  endpoints: count,
  fill: z.number().min(0),
  byCondition: z.strictObject({
    ready: count,
    servingTerminating: count,
    terminating: count,
    notReady: count,
  }),
  servicesWithHints: count,
  zones: z.array(zoneStateSchema),
});

export const seriesPointSchema = z.strictObject({
  t: z.number().nonnegative(),
  steps: count,
  watchers: count,
  endpointSlices: kindCostSchema,
  endpoints: kindCostSchema,
  state: sliceStateSchema,
});

const ratio = z.number().nonnegative().nullable();

export const resolvedOptionsSchema = z.strictObject({
  mode: z.enum(['paper', 'model']),
  seed: z.number().int(),
  maxEndpointsPerSlice: count,
  batchPeriodSeconds: z.number().nonnegative(),
  extraWatchers: count,
  consumers: z.enum(['both', 'endpoints', 'endpointSlices']),
  paperBytesPerEndpoint: z.number().nonnegative(),
  paperMinObjectBytes: z.number().nonnegative(),
  endpointsCapacity: z.enum(['unbounded', 'truncated']),
  settled: z.boolean(),
  countFromSeconds: z.number().nonnegative(),
  untilSeconds: z.number().nonnegative(),
});

export const simulationReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  mode: z.enum(['paper', 'model']),
  scenario: z.string(),
  quick: z
    .strictObject({
      pods: count,
      nodes: count,
      zones: count,
      operation: z.enum(['create', 'update-one', 'rollout']),
    })
    .optional(),
  options: resolvedOptionsSchema,
  simulatedSeconds: z.number().nonnegative(),
  steps: count,
  totals: z.strictObject({
    endpointSlices: totalKindSchema,
    endpoints: totalKindSchema,
    ratio: z.strictObject({
      writes: ratio,
      watchEvents: ratio,
      bytes: ratio,
      bytesProtobuf: ratio.optional(),
    }),
  }),
  series: z.array(seriesPointSchema),
  assumptions: z.strictObject({
    objects: z.string(),
    writes: z.string(),
    watchEvents: z.string(),
    bytes: z.string(),
    bytesProtobuf: z.string().optional(),
    endpoints: z.string(),
    state: z.string(),
    timing: z.string(),
  }),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<SimulationReport>;

/** The server-sent events of a streamed simulation: `progress` events, then `report` or `error`. */
export const SIMULATION_EVENTS = {
  progress: 'progress',
  report: 'report',
  error: 'error',
} as const;

export const simulationProgressSchema = z.strictObject({
  simulatedSeconds: z.number().nonnegative(),
  untilSeconds: z.number().nonnegative(),
  steps: count,
  /** Wall-clock milliseconds since the run started. */
  elapsedMs: z.number().nonnegative(),
}) satisfies z.ZodType<SimulationProgress & { elapsedMs: number }>;

export type SimulationProgressMessage = z.infer<typeof simulationProgressSchema>;
