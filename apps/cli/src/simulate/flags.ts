import { formatPath, simulateRequestSchema, type SimulateRequest } from '@slicescope/contract';
import { z } from 'zod';
import { parseFlags } from '../flags.ts';
import { heapMibSchema } from './heap.ts';

/** The longest `--timeout`: a week of wall-clock time. */
export const MAX_TIMEOUT_SECONDS = 604_800;

const TIMEOUT_RULE = `must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`;

/**
 * `--timeout S`: the wall-clock seconds a run may take, in decimal digits with an optional
 * fraction (`0x10` or `1e3` are refused, as for --heap-mib).
 */
const timeoutSecondsSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, TIMEOUT_RULE)
  .transform(Number)
  .pipe(z.number().positive(TIMEOUT_RULE).max(MAX_TIMEOUT_SECONDS, TIMEOUT_RULE));

/** The flags of `slicescope simulate`, as node:util parseArgs reads them. */
export const SIMULATE_OPTIONS = {
  pods: { type: 'string' },
  nodes: { type: 'string' },
  zones: { type: 'string' },
  operation: { type: 'string' },
  'max-endpoints-per-slice': { type: 'string' },
  paper: { type: 'boolean' },
  'paper-bytes-per-endpoint': { type: 'string' },
  'paper-min-object-bytes': { type: 'string' },
  seed: { type: 'string' },
  'batch-period': { type: 'string' },
  'extra-watchers': { type: 'string' },
  consumers: { type: 'string' },
  'endpoints-capacity': { type: 'string' },
  until: { type: 'string' },
  'heap-mib': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Each request field and the flag that sets it, for error messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  'quick.pods': '--pods',
  'quick.nodes': '--nodes',
  'quick.zones': '--zones',
  'quick.operation': '--operation',
  seed: '--seed',
  'options.maxEndpointsPerSlice': '--max-endpoints-per-slice',
  'options.paperBytesPerEndpoint': '--paper-bytes-per-endpoint',
  'options.paperMinObjectBytes': '--paper-min-object-bytes',
  'options.batchPeriodSeconds': '--batch-period',
  'options.extraWatchers': '--extra-watchers',
  'options.consumers': '--consumers',
  'options.endpointsCapacity': '--endpoints-capacity',
  'options.untilSeconds': '--until',
};

export type Output = 'table' | 'json' | 'csv';

export type ParsedFlags =
  | { ok: true; help: true }
  | {
      ok: true;
      help: false;
      /** The scenario argument, or undefined for the quick form. */
      scenario: string | undefined;
      request: SimulateRequest;
      output: Output;
      /** The simulation's heap in MiB, when --heap-mib sets it. */
      heapMib: number | undefined;
      /** The run's wall-clock bound in seconds, when --timeout sets it. */
      timeoutSeconds: number | undefined;
    }
  | { ok: false; error: string };

/** A number when the text is one, so that the schema's range message applies; else the text. */
function numeric(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^-?\d+(\.\d+)?(e\d+)?$/i.test(text.trim()) ? Number(text) : text;
}

const QUICK_FLAGS = ['pods', 'nodes', 'zones', 'operation'] as const;

/** A flag the request does not hold, read by its own schema: its value, or one line naming it. */
function ownFlag<T>(
  flag: string,
  text: string | undefined,
  schema: z.ZodType<T, string>,
): { ok: true; value: T | undefined } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: undefined };
  const parsed = schema.safeParse(text);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'invalid';
  return { ok: false, error: `--${flag}: ${message} (got ${text})` };
}

/**
 * Reads the command line into a simulation request (the same shape POST /api/v1/simulate
 * takes, checked by the same schema) and the output wanted; a problem is one line naming the
 * flag.
 */
export function parseSimulateFlags(args: string[]): ParsedFlags {
  const read = parseFlags(args, SIMULATE_OPTIONS, true);
  if (!read.ok) return { ok: false, error: `${read.error}; see --help` };
  const { values, positionals } = read;
  if (values.help) return { ok: true, help: true };
  if (positionals.length > 1) {
    return { ok: false, error: `one scenario at a time (got ${positionals.join(', ')})` };
  }
  if (values.json && values.csv) return { ok: false, error: '--json and --csv: choose one' };
  const heap = ownFlag('heap-mib', values['heap-mib'] as string | undefined, heapMibSchema());
  if (!heap.ok) return heap;
  const timeout = ownFlag('timeout', values.timeout as string | undefined, timeoutSecondsSchema);
  if (!timeout.ok) return timeout;
  const paper = values.paper === true;
  for (const flag of ['paper-bytes-per-endpoint', 'paper-min-object-bytes'] as const) {
    if (values[flag] !== undefined && !paper)
      return { ok: false, error: `--${flag}: needs --paper` };
  }
  const scenario = positionals[0];
  const quickFlags = QUICK_FLAGS.filter((flag) => values[flag] !== undefined);
  if (scenario !== undefined && quickFlags.length > 0) {
    return { ok: false, error: `--${quickFlags[0]}: not with a scenario (${scenario})` };
  }
  if (scenario === undefined) {
    const missing = QUICK_FLAGS.find((flag) => flag !== 'zones' && values[flag] === undefined);
    if (missing) {
      return {
        ok: false,
        error: `--${missing}: is required (give a scenario, or --pods, --nodes and --operation)`,
      };
    }
  }
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  const options = Object.fromEntries(
    Object.entries({
      mode: paper ? 'paper' : undefined,
      maxEndpointsPerSlice: numeric(text('max-endpoints-per-slice')),
      paperBytesPerEndpoint: numeric(text('paper-bytes-per-endpoint')),
      paperMinObjectBytes: numeric(text('paper-min-object-bytes')),
      batchPeriodSeconds: numeric(text('batch-period')),
      extraWatchers: numeric(text('extra-watchers')),
      consumers: text('consumers'),
      endpointsCapacity: text('endpoints-capacity'),
      untilSeconds: numeric(text('until')),
    }).filter(([, value]) => value !== undefined),
  );
  const candidate = {
    // The scenario is read from its file later; a placeholder stands for it here.
    ...(scenario === undefined
      ? {
          quick: {
            pods: numeric(text('pods')),
            nodes: numeric(text('nodes')),
            ...(values.zones !== undefined && { zones: numeric(text('zones')) }),
            operation: text('operation'),
          },
        }
      : { scenario: {} }),
    ...(values.seed !== undefined && { seed: numeric(text('seed')) }),
    ...(Object.keys(options).length > 0 && { options }),
  };
  const parsed = simulateRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue?.path ?? []);
    return { ok: false, error: `${FLAG_OF[path] ?? path}: ${issue?.message ?? 'invalid'}` };
  }
  const output: Output = values.json ? 'json' : values.csv ? 'csv' : 'table';
  return {
    ok: true,
    help: false,
    scenario,
    request: parsed.data,
    output,
    heapMib: heap.value,
    timeoutSeconds: timeout.value,
  };
}
