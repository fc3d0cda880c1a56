import {
  delay,
  newPod,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '@slicescope/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathOf, rvOf, startInformer, stopAll, waitOneWatch, waitSynced } from './harness.ts';

// Stop/start races (watch-protocol.md §3.2 R23, trap T1): exactly one upstream watch per kind,
// and a stopped informer never revives by itself.

let cluster: TestCluster;
const POD_PATH = pathOf('Pod');

beforeEach(async () => {
  cluster = await startTestCluster();
  for (const name of ['a', 'b']) cluster.feed.add('Pod', newPod(name));
});
afterEach(async () => {
  await stopAll();
  await cluster.server.close();
});

describe('R23: stop and start', () => {
  it('stop during back-off cancels the retry: no request after stop, phase stopped', async () => {
    const fault = cluster.server.faults.failRequests({
      status: 500,
      kind: 'Pod',
      durationMs: 60_000,
    });
    const started = startInformer(cluster.kc, 'Pod', { backoffInitialMs: 200, backoffMaxMs: 200 });
    await waitFor(() => started.informer.status().phase === 'backoff', 'back-off');
    await started.informer.stop();
    const sent = [started.requests.length, cluster.requests.length];
    fault.clear();
    await delay(300);

    expect([started.requests.length, cluster.requests.length]).toEqual(sent);
    expect(started.informer.status()).toMatchObject({ phase: 'stopped', synced: false });
    expect(started.informer.status().retryAt).toBeUndefined();
    expect(started.sink.statuses.at(-1)?.phase).toBe('stopped');
  });

  it('start twice: still one list and one watch', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    started.informer.start();
    await waitSynced(started, cluster.store, 'Pod');
    started.informer.start();
    await delay(100);
    expect([started.lists(), started.watches()]).toEqual([1, 1]);
    expect([cluster.lists(POD_PATH), cluster.watches(POD_PATH)]).toEqual([1, 1]);
    expect(cluster.server.faults.watchCount('Pod')).toBe(1);
  });

  it('stop then start at once: one watch, resumed from the last RV without a relist', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    const before = started.informer.status().resourceVersion;
    for (let round = 0; round < 5; round++) {
      const stopping = started.informer.stop();
      started.informer.start();
      await stopping;
    }
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.10.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    await delay(100);

    expect(cluster.server.faults.watchCount('Pod')).toBe(1);
    expect(started.lists()).toBe(1);
    const watches = started.requests.filter((request) => request.verb === 'watch');
    expect(watches.slice(1).every((request) => rvOf(request) === before)).toBe(true);
    expect(started.informer.status().phase).toBe('watching');
  });

  it('after stop nothing more: the watch is closed and faults do not wake it', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    const stoppedAt = performance.now();
    await started.informer.stop();
    expect(performance.now() - stoppedAt).toBeLessThan(500);
    await waitFor(() => cluster.server.faults.watchCount('Pod') === 0, 'the watch to close');
    const sent = started.requests.length;

    cluster.feed.modify('Pod', newPod('b', { ip: '10.0.11.1' }));
    cluster.server.faults.injectWatchError({ code: 410 });
    await delay(300);
    expect(started.requests.length).toBe(sent);
    expect(cluster.watches(POD_PATH)).toBe(1);
    expect(started.informer.status().phase).toBe('stopped');
    expect(started.sink.counts.applied).toBe(0);

    // An explicit start() is the only way back: it resumes and catches up.
    started.informer.start();
    await waitSynced(started, cluster.store, 'Pod');
    expect(started.lists()).toBe(1);
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('reports each phase with counters: starting → listing → watching → stopped', async () => {
    const started = startInformer(cluster.kc, 'Pod', { progressStatusMs: 60_000 });
    await waitSynced(started, cluster.store, 'Pod');
    cluster.feed.modify('Pod', newPod('b', { ip: '10.0.12.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    await started.informer.stop();
    expect(started.sink.statuses.map((status) => status.phase)).toEqual([
      'starting',
      'listing',
      'listing',
      'watching',
      'stopped',
    ]);
    expect(started.informer.status()).toMatchObject({
      kind: 'Pod',
      synced: true,
      lists: 1,
      watches: 1,
      events: 1,
      resourceVersion: String(cluster.store.resourceVersion),
    });
    const since = started.sink.statuses.map((status) => status.since);
    expect([...since].sort((x, y) => x - y)).toEqual(since);
  });

  it('republishes its counters and resourceVersion while watching, at most every progressStatusMs', async () => {
    let clock = 0;
    const started = startInformer(cluster.kc, 'Pod', {
      now: () => clock,
      progressStatusMs: 60_000,
    });
    await waitSynced(started, cluster.store, 'Pod');
    await waitFor(() => started.sink.statuses.at(-1)?.phase === 'watching', 'watching');
    const before = started.sink.statuses.length;
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.13.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    // Within the interval of the last status: counted, not yet published.
    expect(started.sink.statuses).toHaveLength(before);
    clock += 60_000;
    cluster.feed.modify('Pod', newPod('b', { ip: '10.0.13.2' }));
    await waitSynced(started, cluster.store, 'Pod');
    expect(started.sink.statuses).toHaveLength(before + 1);
    expect(started.sink.statuses.at(-1)).toMatchObject({
      phase: 'watching',
      events: 2,
      resourceVersion: String(cluster.store.resourceVersion),
    });
  });

  it('publishes the last events of a burst once the interval is up, with no event after them', async () => {
    // The informer's clock stands still: only the publish owed to the burst can go out.
    const started = startInformer(cluster.kc, 'Pod', { now: () => 0, progressStatusMs: 50 });
    await waitSynced(started, cluster.store, 'Pod');
    await waitFor(() => started.sink.statuses.at(-1)?.phase === 'watching', 'watching');
    for (const ip of ['10.0.14.1', '10.0.14.2', '10.0.14.3']) {
      cluster.feed.modify('Pod', newPod('a', { ip }));
    }
    await waitFor(
      () => started.sink.statuses.at(-1)?.events === 3,
      'the status of the whole burst',
    );
    expect(started.sink.statuses.at(-1)?.resourceVersion).toBe(
      String(cluster.store.resourceVersion),
    );
  });
});
