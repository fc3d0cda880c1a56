import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  foldStream,
  streamMessageSchema,
  type StreamMessage,
  type StreamState,
} from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import {
  API_PODS,
  createTestDeps,
  rawPod,
  rawSlice,
  WEB_PODS,
  webSlice,
} from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';
import { openSse, type SseEvent, type SseReader } from '../support/sse.ts';

const test = createTestDeps();
const app = createApp(test.deps);
let server: Server;
let base = '';
const open: SseReader[] = [];

beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const reader of open) reader.close();
  test.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function connect(query: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const reader = await openSse(`${base}/api/v1/stream${query}`, headers);
  open.push(reader);
  return reader;
}

function message(event: SseEvent, type: StreamMessage['type']): StreamMessage {
  expect(event.event).toBe(type);
  const parsed = streamMessageSchema.parse(JSON.parse(event.data));
  expect(parsed.type).toBe(type);
  return parsed;
}

/** The hub's state for a tab, as it would travel (JSON drops undefined fields). */
const expected = (services: readonly string[]): StreamState =>
  JSON.parse(JSON.stringify(test.hub.state(services))) as StreamState;

/** The current sequence number, as the ids carry it (`test-<seq>`). */
const seqOf = (event: SseEvent): number => Number(/^test-(\d+)$/.exec(event.id ?? '')?.[1]);

describe('GET /api/v1/stream', () => {
  it('sends a snapshot of the followed Services, then deltas that fold into the same state', async () => {
    const reader = await connect('?service=shop/web');
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(reader.headers.get('cache-control')).toContain('no-store');
    expect(reader.headers.get('x-accel-buffering')).toBe('no');
    expect(reader.headers.get('access-control-allow-origin')).toBeNull();

    const first = await reader.next();
    expect(reader.retry()).toBe(2000);
    const snapshot = message(first, 'snapshot');
    if (snapshot.type !== 'snapshot') return;
    expect(Object.keys(snapshot.state.slices)).toEqual(['shop/web-abc12']);
    expect(Object.keys(snapshot.state.services).sort()).toEqual([
      'data/db',
      'shop/api',
      'shop/empty',
      'shop/web',
    ]);
    expect(Object.keys(snapshot.state.nodes)).toHaveLength(4);
    expect(snapshot.state).toEqual(expected(['shop/web']));
    let state = snapshot.state;
    let seq = seqOf(first);
    expect(seq).toBeGreaterThan(0);
    // Every delta carries the next sequence number.
    const nextDelta = async (): Promise<StreamMessage> => {
      const event = await reader.next();
      seq += 1;
      expect(event.id).toBe(`test-${seq}`);
      return message(event, 'delta');
    };

    // A followed slice loses an endpoint: the slice, its Service's row and the Node change.
    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS.slice(0, 2), test.nextRv()));
    test.hub.flush();
    const delta = await nextDelta();
    if (delta.type !== 'delta') return;
    expect(delta.changes.slices?.['shop/web-abc12']?.endpoints).toHaveLength(2);
    expect(delta.changes.services?.['shop/web']?.endpoints).toBe(2);
    expect(delta.changes.nodes?.['node-b1']?.endpoints).toBe(2);
    state = foldStream(state, delta);
    expect(state).toEqual(expected(['shop/web']));

    // Another Service's slice: its row comes, its slices do not.
    test.sinks.EndpointSlice.event(
      'MODIFIED',
      rawSlice('shop', 'api', 'api-x1', API_PODS.slice(0, 1), test.nextRv()),
    );
    test.hub.flush();
    const other = await nextDelta();
    if (other.type !== 'delta') return;
    expect(other.changes.services?.['shop/api']).toBeDefined();
    expect(other.changes.slices).toBeUndefined();
    state = foldStream(state, other);

    // A new slice of the followed Service, then relabelled away from it: it comes, then goes.
    const extra = rawSlice('shop', 'web', 'web-zz9', [WEB_PODS[2]!], test.nextRv());
    test.sinks.EndpointSlice.event('ADDED', extra);
    test.hub.flush();
    const added = await nextDelta();
    state = foldStream(state, added);
    expect(Object.keys(state.slices).sort()).toEqual(['shop/web-abc12', 'shop/web-zz9']);
    const relabelled = rawSlice('shop', 'api', 'web-zz9', [WEB_PODS[2]!], test.nextRv());
    test.sinks.EndpointSlice.event('MODIFIED', relabelled);
    test.hub.flush();
    const moved = await nextDelta();
    if (moved.type !== 'delta') return;
    expect(moved.changes.slices).toEqual({ 'shop/web-zz9': null });
    state = foldStream(state, moved);
    expect(state).toEqual(expected(['shop/web']));

    test.sinks.EndpointSlice.event('DELETED', {
      ...relabelled,
      metadata: { ...relabelled.metadata, resourceVersion: test.nextRv() },
    });
    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS, test.nextRv()));
    test.hub.flush();
    state = foldStream(state, await nextDelta());
    expect(state).toEqual(expected(['shop/web']));

    // A Pod change alone concerns no tab: no batch, no event.
    test.sinks.Pod.event('MODIFIED', rawPod('shop', 'web', WEB_PODS[0]!, test.nextRv()));
    test.hub.flush();
    expect(await reader.quiet(100)).toBe(true);
    reader.close();
  });

  it('resumes with Last-Event-ID: only the missed deltas, then the live ones', async () => {
    const first = await connect('?service=shop/web');
    const start = await first.next();
    let state = message(start, 'snapshot').type === 'snapshot' ? expected(['shop/web']) : null;
    first.close();

    const seq = seqOf(start);
    for (const pods of [WEB_PODS.slice(1), WEB_PODS]) {
      test.sinks.EndpointSlice.event('MODIFIED', webSlice(pods, test.nextRv()));
      test.hub.flush();
    }

    const resumed = await connect('?service=shop/web', { 'Last-Event-ID': `test-${seq}` });
    const missed = [await resumed.next(), await resumed.next()];
    expect(missed.map((event) => event.id)).toEqual([`test-${seq + 1}`, `test-${seq + 2}`]);
    for (const event of missed) state = foldStream(state!, message(event, 'delta'));
    expect(state).toEqual(expected(['shop/web']));
    expect(await resumed.quiet(100)).toBe(true);

    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS.slice(0, 1), test.nextRv()));
    test.hub.flush();
    const live = await resumed.next();
    expect(live.id).toBe(`test-${seq + 3}`);
    state = foldStream(state!, message(live, 'delta'));
    expect(state).toEqual(expected(['shop/web']));
    resumed.close();

    // Only the header resumes (EventSource's own reconnects); a query parameter is refused.
    const byQuery = await request(app).get(`/api/v1/stream?service=shop/web&lastEventId=test-1`);
    expectApiError(byQuery, 400, { field: 'query.lastEventId' });
    // Up to date: nothing to send until the next change.
    const current = await connect('?service=shop/web', { 'Last-Event-ID': `test-${seq + 3}` });
    expect(await current.quiet(100)).toBe(true);
    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS, test.nextRv()));
    test.hub.flush();
    expect((await current.next()).id).toBe(`test-${seq + 4}`);
    current.close();
  });

  it.each(['other-1', 'test-999999', 'test-', 'garbage', 'test-1-2'])(
    'sends a snapshot for the unknown id %s',
    async (id) => {
      const reader = await connect('?service=shop/web', { 'Last-Event-ID': id });
      const event = await reader.next();
      expect(message(event, 'snapshot')).toEqual({
        type: 'snapshot',
        state: expected(['shop/web']),
      });
      reader.close();
    },
  );

  it('follows nothing without ?service= and up to 8 Services', async () => {
    const none = await connect('');
    const snapshot = message(await none.next(), 'snapshot');
    if (snapshot.type === 'snapshot') expect(snapshot.state.slices).toEqual({});
    none.close();

    const services = ['shop/web', 'shop/api', 'data/db', 'shop/empty', 'a/b', 'c/d', 'e/f', 'g/h'];
    const eight = await connect(`?${services.map((service) => `service=${service}`).join('&')}`);
    const state = message(await eight.next(), 'snapshot');
    if (state.type === 'snapshot') {
      expect(Object.keys(state.state.slices).sort()).toEqual([
        'data/db-q7',
        'shop/api-x1',
        'shop/api-x2',
        'shop/web-abc12',
      ]);
    }
    eight.close();
  });

  it('counts its clients in the metrics', async () => {
    const reader = await connect('?service=shop/web');
    await reader.next();
    const gauge = async (): Promise<string | undefined> =>
      (await request(app).get('/metrics')).text
        .split('\n')
        .find((line) => line.startsWith('slicescope_sse_clients '));
    expect(await gauge()).toBe(`slicescope_sse_clients ${test.hub.clientCount()}`);
    expect(test.hub.clientCount()).toBeGreaterThanOrEqual(1);
    const before = test.hub.clientCount();
    reader.close();
    await expect.poll(() => test.hub.clientCount()).toBe(before - 1);
  });

  it.each([
    [Array.from({ length: 9 }, (_, i) => `service=shop/s${i}`).join('&'), 'query.service'],
    ['service=shop', 'query.service'],
    ['service=shop/web/x', 'query.service'],
    ['service=Shop/web', 'query.service'],
    ['service[a]=shop/web', 'query.service'],
    [`service=shop/${'a'.repeat(200)}`, 'query.service'],
    [`lastEventId=test-1`, 'query.lastEventId'],
    ['services=shop/web', 'query.services'],
  ])('answers 400 for ?%s, naming %s', async (query, field) => {
    const response = await request(app).get(`/api/v1/stream?${query}`);
    expectApiError(response, 400, { code: 'invalid-request', field });
  });

  it('names the limit when a stream follows too many Services', async () => {
    const query = Array.from({ length: 9 }, (_, i) => `service=shop/s${i}`).join('&');
    expectApiError(await request(app).get(`/api/v1/stream?${query}`), 400, {
      message: /at most 8 services/,
    });
  });
});
