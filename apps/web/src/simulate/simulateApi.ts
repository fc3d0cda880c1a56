import {
  SIMULATION_EVENTS,
  apiErrorSchema,
  simulationProgressSchema,
  simulationReportSchema,
  type SimulateRequest,
  type SimulationProgressMessage,
} from '@slicescope/contract';
import type { SimulationReport } from '@slicescope/core';
import type { z } from 'zod';
import { ApiRequestError, retryAfterMs } from '../api/http.ts';
import { appUrl } from '../app/navigation.ts';
import { createSseParser, type ServerSentEvent } from './sse.ts';

export interface StreamOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SimulationProgressMessage) => void;
}

function contractError(what: string, error: z.ZodError): ApiRequestError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return new ApiRequestError(
    200,
    'contract',
    `The api answered the simulation's ${what} in an unexpected shape: ${field}: ${issue?.message ?? 'invalid'}`,
    field,
  );
}

function checked<S extends z.ZodType>(schema: S, what: string, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw contractError(what, parsed.error);
  return parsed.data;
}

/** An error answer (or `error` event) in the api's one error shape. */
function errorOf(
  status: number,
  body: unknown,
  fallback: string,
  headers?: Headers,
): ApiRequestError {
  const retryAfter = retryAfterMs(headers);
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return new ApiRequestError(status, 'http', fallback, undefined, retryAfter);
  const { code, message, field } = parsed.data.error;
  return new ApiRequestError(status, code, message, field, retryAfter);
}

function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiRequestError(200, 'contract', `The simulation's ${what} is not JSON.`);
  }
}

/**
 * Runs a simulation on the api: POST /api/v1/simulate with `Accept: text/event-stream`, reading
 * its `progress` events as they come and resolving with the `report` event. An api error (a bad
 * request, busy, too costly) rejects with an ApiRequestError naming its field; aborting the
 * signal closes the connection, which ends the run on the server.
 */
export async function streamSimulation(
  request: SimulateRequest,
  { signal, onProgress }: StreamOptions = {},
): Promise<SimulationReport> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    credentials: 'same-origin',
    body: JSON.stringify(request),
  };
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(appUrl('/api/v1/simulate'), init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'unreachable', 'The slicescope server cannot be reached.');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw errorOf(
      response.status,
      body,
      `${response.status} ${response.statusText}`,
      response.headers,
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    // A server (or proxy) that answered the plain JSON report instead of a stream.
    return checked(simulationReportSchema, 'report', await response.json());
  }
  if (!response.body) throw new ApiRequestError(200, 'contract', 'The simulation sent no body.');
  return readEvents(response.body, onProgress);
}

/** How long the end of a stream is waited for after its last event. */
export const STREAM_END_WAIT_MS = 1000;

/**
 * Reads on to the end of the stream, which the api sends right after its last event, waiting
 * `STREAM_END_WAIT_MS` at most; resolves with whether it came. A response read to its end is a
 * finished request, where one cancelled after the report shows as failed (ERR_ABORTED) in the
 * browser's network log.
 */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STREAM_END_WAIT_MS);
  });
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), late]);
      if (read === 'late') return false;
      if (read.done) return true;
    }
  } catch {
    // The connection failed or the run was cancelled after the report came: the report stands.
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  onProgress: StreamOptions['onProgress'],
): Promise<SimulationReport> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let outcome: { report: SimulationReport } | { error: ApiRequestError } | undefined;
  const onEvent = (event: ServerSentEvent) => {
    if (outcome) return;
    if (event.event === SIMULATION_EVENTS.progress) {
      onProgress?.(checked(simulationProgressSchema, 'progress', json(event.data, 'progress')));
    } else if (event.event === SIMULATION_EVENTS.report) {
      outcome = { report: checked(simulationReportSchema, 'report', json(event.data, 'report')) };
    } else if (event.event === SIMULATION_EVENTS.error) {
      const body = json(event.data, 'error');
      outcome = { error: errorOf(200, body, 'The simulation failed.') };
    }
  };
  const parser = createSseParser(onEvent);
  let ended = false;
  try {
    while (!outcome) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        parser.push(decoder.decode());
        parser.end();
        break;
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
    if (outcome) ended = await readToEnd(reader);
  } finally {
    // Nothing more is read: closing tells the server too. Not once the stream has ended:
    // Chromium may not have marked the request finished yet, and logs it as aborted.
    if (!ended) await reader.cancel().catch(() => undefined);
  }
  if (!outcome) {
    throw new ApiRequestError(200, 'incomplete', 'The simulation stream ended before its report.');
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.report;
}
