import { vi } from 'vitest';
import type { SimulationLimits } from '@slicescope/contract';
import { formatSse } from '../../src/simulate/sse.ts';

/** A fake POST /api/v1/simulate: streamed answers through a ReadableStream body. */

export interface SentEvent {
  event: 'progress' | 'report' | 'error';
  data: unknown;
}

export type Answer =
  /** A stream of these events, cut into small chunks; `hold` keeps it open after them. */
  | { stream: SentEvent[]; hold?: boolean }
  /** A JSON answer (an error in the api's shape, or the report without a stream). */
  | { status: number; json: unknown };

export interface FakeSimulateApi {
  /** The bodies POSTed, parsed. */
  bodies: unknown[];
  /** The Accept header of each request. */
  accepts: (string | null)[];
  /** Signals of the requests, to see that a cancel aborted them. */
  signals: (AbortSignal | undefined)[];
  /** The bodies POSTed to /api/v1/simulate/snapshot, parsed. */
  snapshotBodies: unknown[];
  /** Per streamed answer, whether the client cancelled it rather than read it to its end. */
  cancelled: boolean[];
}

const jsonResponse = (status: number, json: unknown): Response =>
  new Response(JSON.stringify(json), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const encoder = new TextEncoder();

function streamOf(
  events: SentEvent[],
  hold: boolean,
  signal: AbortSignal | undefined,
  onCancel: () => void,
): ReadableStream {
  const text = events.map(({ event, data }) => formatSse(event, JSON.stringify(data))).join('');
  // Once cancelled, errored or closed, the stream takes nothing more.
  let ended = false;
  return new ReadableStream<Uint8Array>({
    cancel: () => {
      ended = true;
      onCancel();
    },
    start(controller) {
      // Chunks of 7 bytes: events and even UTF-8 characters arrive split.
      const bytes = encoder.encode(text);
      for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
      // The end comes after the last event, as from a server: a client that stops reading at
      // the report cancels a stream still open.
      const end = (close: () => void) => {
        if (ended) return;
        ended = true;
        close();
      };
      if (!hold) setTimeout(() => end(() => controller.close()), 0);
      signal?.addEventListener('abort', () =>
        end(() => controller.error(new DOMException('The operation was aborted.', 'AbortError'))),
      );
    },
  });
}

/** What the api answers at GET /api/v1/simulate/limits by default. */
export const DEFAULT_LIMITS: SimulationLimits = {
  maxBodyBytes: 1024 * 1024,
  maxPods: 25_000,
  budgetSeconds: 30,
  heapMib: 2048,
};

/**
 * Stubs fetch: each POST to /api/v1/simulate takes the next answer (the last one repeats), and
 * each POST to /api/v1/simulate/snapshot the next of `snapshots` ({status, json}); GET
 * /api/v1/simulate/limits answers `limits` (null: 404, as an older server).
 */
export function fakeSimulateApi(
  answers: Answer[],
  snapshots: { status: number; json: unknown }[] = [],
  limits: SimulationLimits | null = DEFAULT_LIMITS,
): FakeSimulateApi {
  const api: FakeSimulateApi = {
    bodies: [],
    accepts: [],
    signals: [],
    snapshotBodies: [],
    cancelled: [],
  };
  let next = 0;
  let nextSnapshot = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/api/v1/simulate/snapshot') && init?.method === 'POST') {
        api.snapshotBodies.push(JSON.parse(String(init.body)));
        const answer = snapshots[Math.min(nextSnapshot++, snapshots.length - 1)];
        return answer ? jsonResponse(answer.status, answer.json) : jsonResponse(404, {});
      }
      if (url.endsWith('/api/v1/simulate/limits') && limits) return jsonResponse(200, limits);
      if (!url.endsWith('/api/v1/simulate') || init?.method !== 'POST') {
        return jsonResponse(404, { error: { code: 'not-found', message: url } });
      }
      const signal = init.signal ?? undefined;
      if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      api.bodies.push(JSON.parse(String(init.body)));
      api.accepts.push(new Headers(init.headers).get('accept'));
      api.signals.push(signal);
      const answer = answers[Math.min(next, answers.length - 1)]!;
      next += 1;
      if ('json' in answer) return jsonResponse(answer.status, answer.json);
      const index = api.cancelled.push(false) - 1;
      const onCancel = () => void (api.cancelled[index] = true);
      return new Response(streamOf(answer.stream, answer.hold ?? false, signal, onCancel), {
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      });
    }),
  );
  return api;
}

export const progress = (simulatedSeconds: number, untilSeconds = 610): SentEvent => ({
  event: 'progress',
  data: { simulatedSeconds, untilSeconds, steps: simulatedSeconds, elapsedMs: 100 },
});

export const apiError = (status: number, code: string, message: string, field?: string) => ({
  status,
  json: { error: { code, message, ...(field !== undefined && { field }) } },
});
