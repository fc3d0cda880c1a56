import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPod } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { openWatch } from './support/http.ts';
import {
  COLLECTION_PATHS,
  createInformer,
  restartUntilHealthy,
  storeState,
  waitInSync,
  type TestInformer,
} from './support/informer.ts';
import { delay, waitFor } from './support/wait.ts';

/**
 * Watch-stream rows of the reliability matrix (watch-protocol.md §3.2) against the real
 * client-node 1.4 informer. Where the stock informer stops for good (spec §2.2), each test first
 * asserts that, then restarts it as a supervisor would; every test ends with cache == store.
 */

const PODS = COLLECTION_PATHS.Pod;
let cluster: TestCluster;
let test: TestInformer;

beforeEach(async () => {
  cluster = await startTestCluster({ server: { closeTimeoutMs: 500 } });
  for (let i = 0; i < 5; i++) cluster.feed.add('Pod', newPod(`web-${i}`));
  test = createInformer(cluster.kc, 'Pod');
  await test.start();
  await waitInSync(test, cluster.store, 'Pod');
});
afterEach(async () => {
  await test.stop();
  await cluster.server.close();
});

/** Asserts the stock informer stopped for good: no request for a while after its error. */
async function expectStopped(): Promise<void> {
  const requests = cluster.requests.length;
  await delay(150);
  expect(cluster.requests.length).toBe(requests);
}

describe('R1 watch stream cut mid-event', () => {
  it.each([
    ['halfway through the next line', undefined],
    ['after 40 bytes', 40],
  ])(
    'drops the partial line; the stock informer errors and stops; a restart resumes without relist (%s)',
    async (_, afterBytes) => {
      expect(cluster.server.faults.cutWatches({ kind: 'Pod', afterBytes })).toBe(1);
      cluster.feed.modify('Pod', newPod('web-1', { ready: false }));
      await waitFor(() => test.errors.length === 1, 'the informer error');
      expect(test.state().get('default/web-1')).toBe('pod-default-web-1@2');
      await expectStopped();

      await restartUntilHealthy(test);
      await waitInSync(test, cluster.store, 'Pod');
      expect(test.events.filter((event) => event.startsWith('update default/web-1'))).toEqual([
        'update default/web-1 6',
      ]);
      expect(cluster.lists(PODS)).toBe(1);
    },
  );
});

describe('R2 clean end mid-stream', () => {
  it('re-watches from the last resourceVersion at once, no error, no relist (also after a partial line)', async () => {
    expect(cluster.server.faults.endWatches({ kind: 'Pod' })).toBe(1);
    await waitFor(() => cluster.watches(PODS) === 2, 'a second watch');
    expect(cluster.server.faults.endWatches({ kind: 'Pod', partialLine: true })).toBe(1);
    await waitFor(() => cluster.watches(PODS) === 3, 'a third watch');
    cluster.feed.remove('Pod', newPod('web-4'));
    await waitInSync(test, cluster.store, 'Pod');
    expect([test.errors, cluster.lists(PODS)]).toEqual([[], 1]);
    expect(cluster.requests.at(-1)).toContain('resourceVersion=5');
  });
});

describe('R3 black-holed watch', () => {
  it('the stock 1.4 informer hangs (no error, no reconnect); a supervisor watchdog restart recovers', async () => {
    expect(cluster.server.faults.stallWatches({ kind: 'Pod' })).toBe(1);
    cluster.feed.add('Pod', newPod('web-5'));
    await delay(200);
    expect(test.state().has('default/web-5')).toBe(false);
    expect([test.errors, cluster.watches(PODS)]).toEqual([[], 1]);

    await test.stop();
    await test.start();
    await waitInSync(test, cluster.store, 'Pod');
    expect(cluster.lists(PODS)).toBe(1);
  });
});

describe('R7 410 on the watch', () => {
  it('(i) HTTP 410 on the watch request: relist, no error', async () => {
    cluster.server.faults.failRequests({ status: 410, kind: 'Pod', verbs: ['watch'] });
    cluster.feed.remove('Pod', newPod('web-0'));
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => cluster.lists(PODS) === 2, 'a relist');
    await waitInSync(test, cluster.store, 'Pod');
    expect(test.errors).toEqual([]);
  });

  it('(ii) in-band ERROR 410 then close: relist, no error', async () => {
    expect(cluster.server.faults.injectWatchError({ kind: 'Pod', code: 410 })).toBe(1);
    await waitFor(() => cluster.lists(PODS) === 2, 'a relist');
    cluster.feed.add('Pod', newPod('web-9'));
    await waitInSync(test, cluster.store, 'Pod');
    expect(test.errors).toEqual([]);
  });

  it('(iii) in-band ERROR 410 without close: the stock informer keeps consuming and never relists', async () => {
    cluster.server.faults.injectWatchError({ kind: 'Pod', code: 410, keepOpen: true });
    cluster.feed.modify('Pod', newPod('web-2', { ready: false }));
    await waitInSync(test, cluster.store, 'Pod');
    await delay(100);
    expect([cluster.lists(PODS), cluster.watches(PODS)]).toEqual([1, 1]);
    expect(test.informer.latestResourceVersion()).toBe('6');
  });
});

describe('R10 in-band ERROR 500', () => {
  it('is ignored; the following clean close re-watches from the last resourceVersion', async () => {
    cluster.server.faults.injectWatchError({ kind: 'Pod', code: 500 });
    await waitFor(() => cluster.watches(PODS) === 2, 'a re-watch');
    cluster.feed.modify('Pod', newPod('web-3', { ready: false }));
    await waitInSync(test, cluster.store, 'Pod');
    expect([test.errors, cluster.lists(PODS)]).toEqual([[], 1]);
  });
});

describe('R14 duplicates and replays', () => {
  beforeEach(async () => {
    cluster.feed.modify('Pod', newPod('web-0', { ready: false }));
    cluster.feed.remove('Pod', newPod('web-1'));
    await waitInSync(test, cluster.store, 'Pod');
  });

  it('the same events again (same resourceVersion, DELETED of a gone object) change nothing', async () => {
    const events = test.events.length;
    expect(cluster.server.faults.replayEvents({ kind: 'Pod', count: 2 })).toBe(1);
    cluster.feed.add('Pod', newPod('web-6'));
    await waitInSync(test, cluster.store, 'Pod');
    expect(test.events.slice(events)).toEqual(['add default/web-6 8']);
  });

  it('a replay of older events regresses the stock cache until the newest arrive again', async () => {
    const events = test.events.length;
    cluster.server.faults.replayEvents({ kind: 'Pod', count: 7 });
    await waitFor(() => test.events.length === events + 4, 'the replayed events');
    await waitInSync(test, cluster.store, 'Pod');
    // The stock informer compares resourceVersions only for equality (spec §2.3), so replayed
    // older states surface as updates/adds; deduplication by (uid, rv) is the backend's job.
    expect(test.events.slice(events)).toEqual([
      'update default/web-0 1',
      'add default/web-1 2',
      'update default/web-0 6',
      'delete default/web-1 7',
    ]);
  });
});

describe('R16 malformed line', () => {
  it('the stock informer silently skips it and keeps going (spec §2.3): no error, no re-watch', async () => {
    expect(cluster.server.faults.malformedLine({ kind: 'Pod' })).toBe(1);
    expect(cluster.server.faults.malformedLine({ kind: 'Pod', text: 'not json at all' })).toBe(1);
    cluster.feed.modify('Pod', newPod('web-4', { ready: false }));
    await waitInSync(test, cluster.store, 'Pod');
    expect([test.errors, cluster.watches(PODS)]).toEqual([[], 1]);
  });

  it('is written as sent, between valid events', async () => {
    const watch = await openWatch(cluster.server.url, `${PODS}?watch=true&resourceVersion=5`);
    cluster.server.faults.malformedLine({ kind: 'Pod' });
    cluster.feed.add('Pod', newPod('web-7'));
    await watch.waitForLines(2);
    expect(watch.lines[0]).toBe('{"type":"MODIFIED","object":{"kind":"Pod","metadata":');
    expect(JSON.parse(watch.lines[1] ?? '')).toMatchObject({ type: 'ADDED' });
    watch.close();
  });
});

describe('R19 burst of 10k events', () => {
  /** A cluster with these store and server options, 100 Pods and an informer in sync with it. */
  async function restartWith(options: Parameters<typeof startTestCluster>[0]): Promise<void> {
    await test.stop();
    await cluster.server.close();
    cluster = await startTestCluster(options);
    for (let i = 0; i < 100; i++) cluster.feed.add('Pod', newPod(`web-${i}`));
    test = createInformer(cluster.kc, 'Pod');
    await test.start();
    await waitInSync(test, cluster.store, 'Pod');
  }

  it('with a fixed 1000-event window: overflows the per-watcher queue (closed like the cacher closes slow watchers), the re-watch gets 410, the informer relists and ends in sync', async () => {
    await restartWith({ store: { historySize: 1000 }, server: { maxPendingWatchEvents: 1000 } });
    const events = cluster.server.faults.burst({ kind: 'Pod', count: 10_000 });
    expect(events).toHaveLength(10_000);
    expect(events.at(-1)?.rv).toBe(10_100);
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    expect(storeState(cluster.store, 'Pod').size).toBe(100);
    expect([test.errors, cluster.lists(PODS)]).toEqual([[], 2]);
    cluster.feed.modify('Pod', newPod('web-0'));
    expect(cluster.store.resourceVersion).toBe(10_101);
  });

  it('with the watch cache sizing (the default): a watcher closed for the burst resumes from the grown window, without a relist', async () => {
    await restartWith({ server: { maxPendingWatchEvents: 1000 } });
    cluster.server.faults.burst({ kind: 'Pod', count: 10_000 });
    // 100 events doubled while fresh: 12,800 now hold the whole burst.
    expect(cluster.store.floor('Pod')).toBe(0);
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    expect([test.errors, cluster.lists(PODS), cluster.watches(PODS)]).toEqual([[], 1, 2]);
  });

  it('with the defaults: is streamed whole to the informer, no close, no relist', async () => {
    await restartWith({});
    cluster.server.faults.burst({ kind: 'Pod', count: 10_000 });
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    expect([test.errors, cluster.lists(PODS), cluster.watches(PODS)]).toEqual([[], 1, 1]);
  });
});
