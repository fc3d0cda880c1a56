import { z } from 'zod';
import {
  informerStatusSchema,
  nodeSummarySchema,
  serviceSummarySchema,
  sliceViewSchema,
} from './views.ts';

/**
 * The server-sent stream of one dashboard tab: a `snapshot` of everything the tab follows, then
 * `delta`s, each the latest state of what changed in one batching window (null = gone). Every
 * message has an `id` (`<epoch>-<seq>`); a browser that reconnects sends the last one back as
 * Last-Event-ID and gets the missed deltas, or a new snapshot when they are no longer kept.
 */

const entries = <T extends z.ZodType>(value: T) => z.record(z.string(), value);
const changes = <T extends z.ZodType>(value: T) => z.record(z.string(), value.nullable());

export const streamStateSchema = z.object({
  informers: entries(informerStatusSchema),
  services: entries(serviceSummarySchema),
  nodes: entries(nodeSummarySchema),
  /** Slices of the Services the tab follows (`?service=`), by namespace/name. */
  slices: entries(sliceViewSchema),
});
export type StreamState = z.infer<typeof streamStateSchema>;

export const streamChangesSchema = z.object({
  informers: changes(informerStatusSchema).optional(),
  services: changes(serviceSummarySchema).optional(),
  nodes: changes(nodeSummarySchema).optional(),
  slices: changes(sliceViewSchema).optional(),
});
export type StreamChanges = z.infer<typeof streamChangesSchema>;

export const streamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), state: streamStateSchema }),
  z.object({ type: z.literal('delta'), changes: streamChangesSchema }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;

/** The SSE event names the stream uses (the `event:` field). */
export const STREAM_EVENTS = ['snapshot', 'delta'] as const;

export function emptyStreamState(): StreamState {
  return { informers: {}, services: {}, nodes: {}, slices: {} };
}

type Section = keyof StreamState;
const SECTIONS: readonly Section[] = ['informers', 'services', 'nodes', 'slices'];

function foldSection<T>(
  current: Record<string, T>,
  delta: Record<string, T | null> | undefined,
): Record<string, T> {
  if (delta === undefined) return current;
  const next = { ...current };
  for (const [key, value] of Object.entries(delta)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * Folds one stream message into the state a tab holds: a snapshot replaces it, a delta overwrites
 * or removes the entries it names. Pure: the given state is not modified.
 */
export function foldStream(state: StreamState, message: StreamMessage): StreamState {
  if (message.type === 'snapshot') return message.state;
  const next = { ...state };
  for (const section of SECTIONS) {
    (next as Record<Section, unknown>)[section] = foldSection(
      state[section] as Record<string, unknown>,
      message.changes[section] as Record<string, unknown> | undefined,
    );
  }
  return next;
}
