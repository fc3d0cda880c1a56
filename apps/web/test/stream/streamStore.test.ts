import {
  emptyStreamState,
  foldStream,
  type StreamMessage,
  type StreamState,
} from '@slicescope/contract';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStreamStore } from '../../src/stream/streamStore.ts';
import { nodeSummary, serviceSummary } from '../support/render.tsx';

/** An EventSource the test drives: it records the URL and lets the test send events. */
class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  send(type: string, data: unknown): void {
    this.readyState = 1;
    this.dispatchEvent(
      new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }),
    );
  }
  fail(closed = false): void {
    this.readyState = closed ? 2 : 0;
    this.dispatchEvent(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

function setup() {
  const sources: FakeSource[] = [];
  const frames: (() => void)[] = [];
  const published: StreamState[] = [];
  const store = createStreamStore({
    url: (services) => `/stream?${services.map((s) => `service=${s}`).join('&')}`,
    publish: (state) => published.push(state),
    createEventSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source as unknown as EventSource;
    },
    requestFrame: (callback) => frames.push(callback),
    now: () => 1000,
    resyncedMs: 50,
    reopenMs: 20,
  });
  const runFrames = () => {
    for (const frame of frames.splice(0)) frame();
  };
  return { store, sources, frames, published, runFrames };
}

const snapshot = (): StreamState => ({
  ...emptyStreamState(),
  services: { 'shop/web': serviceSummary('shop', 'web', { endpoints: 3 }) },
  nodes: { a1: nodeSummary('a1', 'a') },
});

afterEach(() => vi.useRealTimers());

describe('the stream store', () => {
  it('opens one stream, reconnecting only when the followed Services change', () => {
    const { store, sources } = setup();
    store.follow([]);
    store.follow([]);
    expect(sources.map((s) => s.url)).toEqual(['/stream?']);
    store.follow(['shop/web', 'shop/api']);
    store.follow(['shop/api', 'shop/web', 'shop/web']);
    expect(sources.map((s) => s.url)).toEqual([
      '/stream?',
      '/stream?service=shop/api&service=shop/web',
    ]);
    expect(sources[0]?.closed).toBe(true);
  });

  it('says whose slices the state holds once the snapshot of the new followed set has come', () => {
    const { store, sources } = setup();
    store.follow(['shop/web']);
    sources[0]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    expect(store.connection().covered).toEqual(['shop/web']);
    store.follow(['shop/api']);
    expect(store.connection().covered).toEqual(['shop/web']);
    sources[1]!.send('delta', { type: 'delta', changes: {} });
    expect(store.connection().covered).toEqual(['shop/web']);
    sources[1]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    expect(store.connection().covered).toEqual(['shop/api']);
  });

  it('publishes the first snapshot with the live status, before any view hears of it', () => {
    const { store, sources, published } = setup();
    const seen: [string, number][] = [];
    store.subscribe(() =>
      seen.push([store.connection().status, Object.keys(published.at(-1)?.services ?? {}).length]),
    );
    store.follow([]);
    sources[0]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    expect(seen[0]).toEqual(['live', 1]);
    sources[0]!.fail();
    sources[0]!.send('snapshot', { type: 'snapshot', state: emptyStreamState() });
    expect(seen.find(([status]) => status === 'resynced')).toEqual(['resynced', 0]);
  });

  it('folds every message but publishes at most once per animation frame', () => {
    const { store, sources, published, runFrames, frames } = setup();
    store.follow([]);
    const source = sources[0]!;
    source.send('snapshot', { type: 'snapshot', state: snapshot() });
    expect(published).toHaveLength(1);
    source.send('delta', {
      type: 'delta',
      changes: { services: { 'shop/web': serviceSummary('shop', 'web', { endpoints: 4 }) } },
    });
    source.send('delta', {
      type: 'delta',
      changes: { nodes: { a1: null, b1: nodeSummary('b1', 'b') } },
    });
    expect(frames).toHaveLength(1);
    expect(published).toHaveLength(1);
    runFrames();
    expect(published).toHaveLength(2);
    expect(published[1]?.services['shop/web']?.endpoints).toBe(4);
    expect(Object.keys(published[1]?.nodes ?? {})).toEqual(['b1']);
  });

  it('ends up where the contract reducer does, for any message sequence', () => {
    const summary = fc.record({ endpoints: fc.nat(50), churn: fc.nat(5) });
    const delta = fc.dictionary(
      fc.constantFrom('shop/web', 'shop/api', 'data/db'),
      fc.option(summary, { nil: null }),
    );
    const message = fc.oneof(
      delta.map((services): StreamMessage => ({
        type: 'delta',
        changes: {
          services: Object.fromEntries(
            Object.entries(services).map(([key, value]) => {
              const [namespace = '', name = ''] = key.split('/');
              return [key, value === null ? null : serviceSummary(namespace, name, value)];
            }),
          ),
        },
      })),
      fc.constant<StreamMessage>({ type: 'snapshot', state: snapshot() }),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 20 }), (messages) => {
        const { store, sources, runFrames } = setup();
        store.follow([]);
        for (const each of messages) {
          sources[0]!.send(each.type, each);
        }
        runFrames();
        expect(store.state()).toEqual(messages.reduce(foldStream, emptyStreamState()));
      }),
    );
  });

  it('reports connecting, live, dropped, then resynced when the stream comes back', () => {
    vi.useFakeTimers();
    const { store, sources } = setup();
    const seen: string[] = [];
    store.subscribe(() => {
      const { status } = store.connection();
      if (seen.at(-1) !== status) seen.push(status);
    });
    store.follow([]);
    expect(store.connection().status).toBe('connecting');
    sources[0]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    sources[0]!.fail();
    sources[0]!.send('delta', { type: 'delta', changes: {} });
    vi.advanceTimersByTime(60);
    expect(seen).toEqual(['live', 'dropped', 'resynced', 'live']);
  });

  it('ignores a message that breaks the contract, counting it, and keeps the state', () => {
    const { store, sources, runFrames } = setup();
    store.follow([]);
    sources[0]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    sources[0]!.send('delta', {
      type: 'delta',
      changes: { services: { 'shop/web': { endpoints: 'many' } } },
    });
    expect(store.connection().lastProblem).toMatch(/services\.shop\/web/);
    sources[0]!.send('delta', '{not json');
    sources[0]!.send('delta', { type: 'snapshot', state: snapshot() });
    runFrames();
    expect(store.state().services['shop/web']?.endpoints).toBe(3);
    expect(store.connection().rejected).toBe(3);
    expect(store.connection().lastProblem).toBe(
      'A delta did not match the contract (type: snapshot sent as delta).',
    );
  });

  it('opens a new stream when the browser gives up on one (e.g. refused with 401)', () => {
    vi.useFakeTimers();
    const { store, sources } = setup();
    store.follow([]);
    sources[0]!.send('snapshot', { type: 'snapshot', state: snapshot() });
    sources[0]!.fail(true);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(25);
    expect(sources).toHaveLength(2);
    expect(sources[1]?.url).toBe(sources[0]?.url);
    store.close();
    expect(sources[1]?.closed).toBe(true);
  });
});
