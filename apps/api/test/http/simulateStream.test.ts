import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  apiErrorSchema,
  loadShippedScenario,
  simulationProgressSchema,
  simulationReportSchema,
} from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, type TestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

/** Long simulations: streamed progress, cancellation, the one-at-a-time rule and the budget. */

const SIMULATE = '/api/v1/simulate';
/** A model run of a few seconds: long enough for progress events and for a client to leave. */
const SLOW = { quick: { pods: 3_000, nodes: 300, operation: 'rollout' } };
/** Far longer than any test waits. */
const SLOWEST = { quick: { pods: 20_000, nodes: 5_000, operation: 'rollout' } };

interface Event {
  event: string;
  data: string;
}

/** The events of a whole text/event-stream body. */
function parseEvents(text: string): Event[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const field = (name: string) =>
        lines
          .filter((line) => line.startsWith(`${name}: `))
          .map((line) => line.slice(name.length + 2));
      return { event: field('event')[0] ?? 'message', data: field('data').join('\n') };
    });
}

/** POSTs with `Accept: text/event-stream` over a real socket; resolves at the first event. */
function openStream(port: number, body: unknown): Promise<{ first: string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: SIMULATE,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      },
      (response) => {
        response.once('data', (chunk: Buffer) =>
          resolve({ first: chunk.toString('utf8'), close: () => outgoing.destroy() }),
        );
      },
    );
    outgoing.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    outgoing.end(JSON.stringify(body));
  });
}

async function waitUntilIdle(test: TestDeps, withinMs: number): Promise<number> {
  const started = Date.now();
  while (test.deps.simulator.busy()) {
    if (Date.now() - started > withinMs) throw new Error(`still busy after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('POST /api/v1/simulate as server-sent events', () => {
  const test = createTestDeps();
  const app = createApp(test.deps);
  afterAll(() => test.close());

  it(
    'streams progress events, then the report it would answer as JSON',
    { timeout: 120_000 },
    async () => {
      const streamed = await request(app)
        .post(SIMULATE)
        .set('Accept', 'text/event-stream')
        .send(SLOW)
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => done(null, text));
        })
        .expect(200);
      expect(streamed.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseEvents(streamed.body as string);
      const progress = events.filter((event) => event.event === 'progress');
      expect(progress.length).toBeGreaterThan(0);
      const seconds = progress.map(
        (event) => simulationProgressSchema.parse(JSON.parse(event.data)).simulatedSeconds,
      );
      expect([...seconds].sort((a, b) => a - b)).toEqual(seconds);
      expect(events.at(-1)!.event).toBe('report');
      expect(events.filter((event) => event.event === 'report')).toHaveLength(1);
      const report = simulationReportSchema.parse(JSON.parse(events.at(-1)!.data));
      const plain = await request(app).post(SIMULATE).send(SLOW).expect(200);
      expect(report).toEqual(plain.body);
    },
  );

  it('validates before streaming: a bad body is a JSON 400', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Accept', 'text/event-stream')
      .send({ quick: { pods: -1, nodes: 1, operation: 'create' } });
    expectApiError(response, 400, { field: 'body.quick.pods' });
  });
});

describe('cancelling a simulation', () => {
  const test = createTestDeps({ config: { maxSimulatePods: 50_000 } });
  let server: ReturnType<ReturnType<typeof createApp>['listen']>;
  let port = 0;
  beforeAll(async () => {
    server = createApp(test.deps).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    test.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it(
    'a client that goes away ends its run at once, and the next one runs',
    { timeout: 60_000 },
    async () => {
      const stream = await openStream(port, SLOWEST);
      expect(stream.first).toMatch(/^event: progress\n/);
      expect(test.deps.simulator.busy()).toBe(true);
      stream.close();
      // The run would take many seconds; its worker is terminated instead.
      expect(await waitUntilIdle(test, 2_000)).toBeLessThan(2_000);
      const next = await fetch(`http://127.0.0.1:${port}${SIMULATE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ quick: { pods: 10, nodes: 2, operation: 'create' } }),
      });
      expect(next.status).toBe(200);
    },
  );

  it('so does a client waiting for JSON', { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const pending = fetch(`http://127.0.0.1:${port}${SIMULATE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SLOWEST),
      signal: controller.signal,
    }).catch(() => undefined);
    const started = Date.now();
    while (!test.deps.simulator.busy() && Date.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await pending;
    expect(await waitUntilIdle(test, 2_000)).toBeLessThan(2_000);
  });
});

describe('POST /api/v1/simulate under load', () => {
  it('answers the quick form in paper mode at once while a run holds the worker', async () => {
    const busy = createTestDeps();
    const busyApp = createApp(busy.deps);
    const server = busyApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const stream = await openStream(port, SLOWEST);
    try {
      expect(busy.deps.simulator.busy()).toBe(true);
      const quick = { pods: 20_000, nodes: 5_000, operation: 'update-one' };
      const paper = await request(busyApp)
        .post(SIMULATE)
        .send({ quick, options: { mode: 'paper' } });
      expect(paper.status, paper.text).toBe(200);
      expect(simulationReportSchema.parse(paper.body).totals.endpoints.bytes).toBe(10e9);
      // Streamed too: the report at once.
      const streamed = await request(busyApp)
        .post(SIMULATE)
        .set('Accept', 'text/event-stream')
        .send({ quick, options: { mode: 'paper' } })
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => done(null, text));
        });
      expect(parseEvents(streamed.body as string).map((event) => event.event)).toEqual(['report']);
      // The engine's runs still wait their turn, a paper snapshot (replayed on it) included.
      const model = await request(busyApp).post(SIMULATE).send({ quick: SLOW.quick });
      expectApiError(model, 429, { code: 'busy' });
      const snapshot = await request(busyApp)
        .post(`${SIMULATE}/snapshot`)
        .send({
          quick: { pods: 10, nodes: 2, operation: 'create' },
          options: { mode: 'paper' },
          snapshot: { atSeconds: 1 },
        });
      expectApiError(snapshot, 429, { code: 'busy' });
    } finally {
      stream.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await busy.close();
    }
  });

  it('refuses a second simulation while one runs (429), and ends one over its time budget (422)', async () => {
    const slow = createTestDeps({ simulateTimeoutMs: 150 });
    const slowApp = createApp(slow.deps);
    try {
      // The demo scenario takes seconds: it outlives the 150 ms budget.
      const demo = loadShippedScenario('demo');
      const [first, second] = await Promise.all([
        request(slowApp).post(SIMULATE).send({ scenario: demo }),
        new Promise<request.Response>((resolve) =>
          setTimeout(() => resolve(request(slowApp).post(SIMULATE).send({ scenario: demo })), 20),
        ),
      ]);
      expectApiError(first, 422, {
        code: 'too-costly',
        field: 'body.scenario',
        message: /over this server's budget/,
      });
      expectApiError(second, 429, { code: 'busy', message: /another simulation is running/ });
      expect(second.headers['retry-after']).toBe('5');
      // Streamed, the budget ends the stream with an error event in the one error shape.
      const streamed = await request(slowApp)
        .post(SIMULATE)
        .set('Accept', 'text/event-stream')
        .send({ quick: SLOW.quick })
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => done(null, text));
        });
      const last = parseEvents(streamed.body as string).at(-1)!;
      expect(last.event).toBe('error');
      expect(apiErrorSchema.parse(JSON.parse(last.data)).error).toMatchObject({
        code: 'too-costly',
        field: 'body.quick',
      });
      // The worker was replaced: the next small simulation runs normally.
      const after = await request(slowApp)
        .post(SIMULATE)
        .send({ scenario: loadShippedScenario('small') });
      expect(after.status, after.text).toBe(200);
    } finally {
      slow.close();
    }
  }, 60_000);

  it('ends a simulation that outgrows the worker heap (422) and runs the next', async () => {
    const small = createTestDeps({ simulateHeapMb: 48 });
    const smallApp = createApp(small.deps);
    try {
      const quick = { pods: 20_000, nodes: 1_000, zones: 3, operation: 'rollout' };
      const response = await request(smallApp).post(SIMULATE).send({ quick });
      expectApiError(response, 422, {
        code: 'too-costly',
        field: 'body.quick',
        message: /more than this server's 48 MiB of memory for simulations; simulate fewer Pods/,
      });
      // The worker was replaced: a small simulation fits.
      const after = await request(smallApp)
        .post(SIMULATE)
        .send({ quick: { ...quick, pods: 100 } });
      expect(after.status, after.text).toBe(200);
    } finally {
      small.close();
    }
  }, 60_000);
});
