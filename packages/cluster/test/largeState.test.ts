import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPod } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { openWatch, type WatchReader } from './support/http.ts';
import { COLLECTION_PATHS, createInformer, waitInSync } from './support/informer.ts';
import { waitFor } from './support/wait.ts';

/**
 * Watches whose catch-up (initial state or replayed history) is far larger than a socket takes
 * at once: it is sent with back-pressure, whole, and only live events count against the
 * pending-lines limit (the cacher closes watchers only when they fall behind on live events).
 */

const PODS = 5_000;
const PATH = COLLECTION_PATHS.Pod;
let cluster: TestCluster;

beforeEach(async () => {
  cluster = await startTestCluster({
    store: { historySize: 2 * PODS },
    server: { slowWatcherBudgetMs: 2_000 },
  });
  cluster.feed.batch(
    Array.from({ length: PODS }, (_, i) => ['ADDED', 'Pod', newPod(`pod-${i}`)] as const),
  );
});
afterEach(() => cluster.server.close());

/** Waits for `count` lines, or for the stream to close first (then the caller's checks fail). */
function received(watch: WatchReader, count: number): Promise<void> {
  return waitFor(
    () => watch.lines.length >= count || watch.state !== 'open',
    `${count} watch lines (have ${watch.lines.length})`,
    { timeoutMs: 20_000 },
  );
}

const names = (events: { object: { metadata: { name: string } } }[]): Set<string> =>
  new Set(events.map((event) => event.object.metadata.name));

describe(`a catch-up of ${PODS} Pods`, { timeout: 30_000 }, () => {
  it('a watch from resourceVersion 0 receives every ADDED, then a change made meanwhile', async () => {
    const watch = await openWatch(cluster.server.url, `${PATH}?watch=true&resourceVersion=0`);
    cluster.feed.add('Pod', newPod('late'));
    await received(watch, PODS + 1);
    const events = watch.events();
    expect([watch.state, events.length]).toEqual(['open', PODS + 1]);
    expect(events.every((event) => event.type === 'ADDED')).toBe(true);
    expect(names(events.slice(0, PODS)).size).toBe(PODS);
    expect(events[PODS]?.object.metadata.name).toBe('late');
    watch.close();
  });

  it('a streaming list receives every object, then the initial-events-end BOOKMARK', async () => {
    const watch = await openWatch(
      cluster.server.url,
      `${PATH}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=`,
    );
    await received(watch, PODS + 1);
    const events = watch.events();
    expect(names(events.slice(0, PODS)).size).toBe(PODS);
    expect(events[PODS]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: {
          resourceVersion: String(PODS),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
    watch.close();
  });

  it('the client-node informer syncs, and resumes over a replay of as many changes in one watch', async () => {
    const test = createInformer(cluster.kc, 'Pod');
    await test.start();
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    await test.stop();
    cluster.server.faults.burst({ kind: 'Pod', count: PODS });
    await test.start();
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    await test.stop();
    expect([cluster.lists(PATH), cluster.watches(PATH), test.errors]).toEqual([1, 2, []]);
  });

  it('a client that stops reading during the catch-up is still closed within the budget', async () => {
    const big = 'x'.repeat(8 * 1024);
    cluster.feed.batch(
      Array.from({ length: PODS }, (_, i) => {
        const pod = newPod(`pod-${i}`);
        return ['MODIFIED', 'Pod', { ...pod, metadata: { ...pod.metadata, annotations: { big } } }];
      }),
    );
    const stuck = connect(cluster.server.port, '127.0.0.1');
    stuck.write(`GET ${PATH}?watch=true&resourceVersion=0 HTTP/1.1\r\nHost: x\r\n\r\n`);
    stuck.pause();
    await waitFor(() => cluster.server.faults.watchCount('Pod') === 1, 'the watch');
    await waitFor(() => cluster.server.faults.watchCount('Pod') === 0, 'the watch to be closed', {
      timeoutMs: 20_000,
    });
    stuck.destroy();
  });
});
