import type { SimulationProgressMessage } from '@slicescope/contract';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, postJson } from '../../src/api/http.ts';
import { asksAgain, BUSY_WAIT_MS, busyWaitMs } from '../../src/simulate/runner.ts';
import { STREAM_END_WAIT_MS, streamSimulation } from '../../src/simulate/simulateApi.ts';
import { apiError, fakeSimulateApi, progress } from './fakeApi.ts';
import { kepRollout } from './reports.ts';

const REQUEST = { quick: { pods: 20000, nodes: 5000, operation: 'rollout' as const } };

describe('a simulation over server-sent events', () => {
  it('posts the request, reports progress as it comes and resolves with the report', async () => {
    const api = fakeSimulateApi([
      { stream: [progress(11), progress(300), { event: 'report', data: kepRollout() }] },
    ]);
    const seen: SimulationProgressMessage[] = [];
    const cancel = vi.spyOn(ReadableStreamDefaultReader.prototype, 'cancel');
    const report = await streamSimulation(REQUEST, { onProgress: (p) => seen.push(p) }).finally(
      () => cancel.mockRestore(),
    );
    expect(report).toEqual(kepRollout());
    expect(seen.map((p) => p.simulatedSeconds)).toEqual([11, 300]);
    expect(api.bodies).toEqual([REQUEST]);
    expect(api.accepts).toEqual(['text/event-stream']);
    // Read to its end, not cancelled: the browser logs a finished request, not a failed one.
    expect(api.cancelled).toEqual([false]);
    // Nor cancelled once ended, which Chromium may still log as aborted.
    expect(cancel).not.toHaveBeenCalled();
  });

  it('waits a moment for the end of the stream after the report, then closes it', async () => {
    const api = fakeSimulateApi([
      { stream: [{ event: 'report', data: kepRollout() }], hold: true },
    ]);
    const started = performance.now();
    await expect(streamSimulation(REQUEST)).resolves.toEqual(kepRollout());
    expect(performance.now() - started).toBeGreaterThanOrEqual(STREAM_END_WAIT_MS - 50);
    expect(api.cancelled).toEqual([true]);
  });

  it('keeps a report that came whole when the connection fails before the end', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const event = `event: report\ndata: ${JSON.stringify(kepRollout())}\n\n`;
        controller.enqueue(new TextEncoder().encode(event));
        setTimeout(() => controller.error(new TypeError('network error')), 10);
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })),
    );
    await expect(streamSimulation(REQUEST)).resolves.toEqual(kepRollout());
  });

  it('rejects with the api error of an `error` event, naming its field', async () => {
    fakeSimulateApi([
      {
        stream: [
          progress(5),
          {
            event: 'error',
            data: {
              error: { code: 'too-costly', message: 'body.quick: over 30 s', field: 'body.quick' },
            },
          },
        ],
      },
    ]);
    const error = await streamSimulation(REQUEST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'too-costly', field: 'body.quick' });
  });

  it('rejects with the JSON error of a refused request', async () => {
    fakeSimulateApi([
      apiError(413, 'too-large', 'body.quick.pods: 30000 Pods at peak', 'body.quick.pods'),
    ]);
    await expect(streamSimulation(REQUEST)).rejects.toMatchObject({
      status: 413,
      code: 'too-large',
      field: 'body.quick.pods',
    });
  });

  it('says how long the api asks a busy client to wait (Retry-After)', async () => {
    const busy = (headers: Record<string, string>) =>
      new Response(
        JSON.stringify({ error: { code: 'busy', message: 'another simulation is running' } }),
        { status: 429, headers: { 'content-type': 'application/json', ...headers } },
      );
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => busy({ 'retry-after': '5' })),
    );
    await expect(streamSimulation(REQUEST)).rejects.toMatchObject({
      code: 'busy',
      retryAfterMs: 5000,
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => busy({})),
    );
    const error = await streamSimulation(REQUEST).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'busy', retryAfterMs: undefined });
    // The topology's replay (a plain JSON POST) hears it too.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => busy({ 'retry-after': '7' })),
    );
    await expect(postJson('/simulate/snapshot', {}, undefined)).rejects.toMatchObject({
      code: 'busy',
      retryAfterMs: 7000,
    });
  });

  it('waits for a busy server within bounds, whatever its Retry-After says', () => {
    const busyFor = (retryAfterMs: number | undefined) =>
      new ApiRequestError(429, 'busy', 'another simulation is running', undefined, retryAfterMs);
    expect(busyWaitMs(busyFor(5000))).toBe(5000);
    expect(busyWaitMs(busyFor(undefined))).toBe(BUSY_WAIT_MS);
    // Not at once, forever; not an hour without a word.
    expect(busyWaitMs(busyFor(0))).toBe(1000);
    expect(busyWaitMs(busyFor(3_600_000))).toBe(30_000);
    expect(asksAgain(1_000, busyFor(0), 30)).toBe(false);
  });

  it('takes a plain JSON report too', async () => {
    fakeSimulateApi([{ status: 200, json: kepRollout() }]);
    await expect(streamSimulation(REQUEST)).resolves.toEqual(kepRollout());
  });

  it('says so when the stream ends without a report, or the report breaks the contract', async () => {
    fakeSimulateApi([{ stream: [progress(1)] }]);
    await expect(streamSimulation(REQUEST)).rejects.toMatchObject({ code: 'incomplete' });
    fakeSimulateApi([{ stream: [{ event: 'report', data: { mode: 'paper' } }] }]);
    await expect(streamSimulation(REQUEST)).rejects.toMatchObject({ code: 'contract' });
  });

  it('stops reading when aborted', async () => {
    const api = fakeSimulateApi([{ stream: [progress(1)], hold: true }]);
    const controller = new AbortController();
    const seen: number[] = [];
    const running = streamSimulation(REQUEST, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.simulatedSeconds);
        controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1]);
    expect(api.signals[0]?.aborted).toBe(true);
  });
});
