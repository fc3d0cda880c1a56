import {
  delay,
  newPod,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '@slicescope/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathOf, rvOf, startInformer, stopAll, waitOneWatch, waitSynced } from './harness.ts';

// Faults inside an open watch stream (watch-protocol.md §3.2 R1–R3, R14–R16, R19), against the
// embedded cluster over loopback. Every test ends with the sink equal to the store (P1).

let cluster: TestCluster;
const PODS = ['a', 'b', 'c'];

async function setUp(options: Parameters<typeof startTestCluster>[0] = {}): Promise<void> {
  cluster = await startTestCluster(options);
  for (const name of PODS) cluster.feed.add('Pod', newPod(name));
}

afterEach(async () => {
  await stopAll();
  await cluster.server.close();
});

describe('stream faults', () => {
  beforeEach(() => setUp());

  it('R1: a watch cut inside an event resumes from the last complete RV and applies the event once', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    const before = started.informer.status().resourceVersion;

    expect(cluster.server.faults.cutWatches({ kind: 'Pod' })).toBe(1);
    cluster.feed.modify('Pod', newPod('b', { ip: '10.0.0.8' })); // this line is cut halfway
    await waitSynced(started, cluster.store, 'Pod');

    const rv = cluster.store.get('Pod', 'default', 'b')?.rv;
    expect(
      started.sink.applied.filter((event) => event === `MODIFIED default/b@${rv}`),
    ).toHaveLength(1);
    expect(started.watches()).toBe(2);
    expect(rvOf(started.requests.at(-1))).toBe(before);
    expect([started.lists(), cluster.lists(pathOf('Pod'))]).toEqual([1, 1]);
    expect(started.sink.reasons()).toEqual(['network']);
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('R2: a clean end after a partial line re-watches from the last RV, no relist, no error', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.0.7' }));
    await waitSynced(started, cluster.store, 'Pod');
    const before = started.informer.status().resourceVersion;

    expect(cluster.server.faults.endWatches({ kind: 'Pod', partialLine: true })).toBe(1);
    await waitFor(() => started.watches() === 2, 'a second watch');
    cluster.feed.remove('Pod', newPod('c'));
    await waitSynced(started, cluster.store, 'Pod');

    expect(rvOf(started.requests.at(-1))).toBe(before);
    expect(started.lists()).toBe(1);
    expect(started.sink.reasons()).toEqual([]);
    expect(started.sink.statuses.map((status) => status.phase)).not.toContain('backoff');
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('a watch that keeps ending at once without events backs off instead of hot-looping', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    for (let ended = 1; ended <= 4; ended++) {
      await waitFor(() => started.watches() === ended, `watch ${ended}`);
      await waitOneWatch(cluster.server, 'Pod');
      expect(cluster.server.faults.endWatches({ kind: 'Pod' })).toBe(1);
    }
    await waitFor(() => started.watches() === 5, 'watch 5');
    const status = started.informer.status();
    const backoffs = started.sink.statuses.filter((each) => each.phase === 'backoff');
    expect(backoffs.length).toBeGreaterThanOrEqual(4);
    expect(backoffs[0]?.lastError?.message).toMatch(
      /^cannot watch pods cluster-wide: the watch ended after \d+ ms without events$/,
    );
    // FAST back-off with jitter 0.5: 10, 20, 40, 40 ms between the re-watches.
    const times = started.requests.filter((r) => r.verb === 'watch').map((r) => r.at);
    expect((times[4] as number) - (times[3] as number)).toBeGreaterThanOrEqual(30);
    expect(status.lists).toBe(1);
    await waitSynced(started, cluster.store, 'Pod');
  });

  it('R14: replayed events are duplicates: ignored, no relist, the RV does not go back', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    for (const name of PODS) cluster.feed.modify('Pod', newPod(name, { ip: '10.0.1.1' }));
    await waitSynced(started, cluster.store, 'Pod');

    expect(cluster.server.faults.replayEvents({ kind: 'Pod', count: 3 })).toBe(1);
    await waitFor(() => started.sink.counts.duplicate === 3, 'three duplicates');
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.1.2' }));
    await waitSynced(started, cluster.store, 'Pod');

    expect(started.informer.status().resourceVersion).toBe(String(cluster.store.resourceVersion));
    expect([started.lists(), started.watches(), started.sink.counts.stale]).toEqual([1, 1, 0]);
    expect(started.sink.reasons()).toEqual([]);
  });

  it('R15: an out-of-order (stale) event is detected and repaired by a relist', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.2.1' }));
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.2.2' }));
    await waitSynced(started, cluster.store, 'Pod');

    // Replays a@n then a@n+1 while the sink holds a@n+1: the first is stale.
    cluster.server.faults.replayEvents({ kind: 'Pod', count: 2 });
    await waitFor(() => started.lists() === 2, 'a relist');
    cluster.feed.add('Pod', newPod('d'));
    await waitSynced(started, cluster.store, 'Pod');

    expect(started.sink.counts.stale).toBe(1);
    expect(started.sink.reasons()).toEqual(['out-of-order']);
    expect(cluster.lists(pathOf('Pod'))).toBe(2);
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('R16: a malformed line breaks the stream: re-watch from the last good RV, nothing skipped', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    const before = started.informer.status().resourceVersion;

    expect(cluster.server.faults.malformedLine({ kind: 'Pod' })).toBe(1);
    cluster.feed.modify('Pod', newPod('b', { ip: '10.0.3.1' })); // right after the garbage
    await waitFor(() => started.watches() === 2, 'a second watch');
    await waitSynced(started, cluster.store, 'Pod');

    expect(rvOf(started.requests.at(-1))).toBe(before);
    expect(started.sink.reasons()).toEqual(['malformed']);
    expect(started.sink.counts.applied).toBe(1);
    expect(started.lists()).toBe(1);
    await waitOneWatch(cluster.server, 'Pod');
  });
});

describe('R3: black-holed watch', () => {
  beforeEach(() => setUp({ server: { bookmarkIntervalMs: 40 } }));

  it('is abandoned after inactivityMs and re-watched; bookmarks keep a quiet watch alive', async () => {
    const started = startInformer(cluster.kc, 'Pod', { inactivityMs: 200 });
    await waitSynced(started, cluster.store, 'Pod');
    await delay(400); // quiet, but bookmarks arrive every 40 ms
    expect(started.watches()).toBe(1);

    expect(cluster.server.faults.stallWatches({ kind: 'Pod' })).toBe(1);
    const stalledAt = performance.now();
    cluster.feed.modify('Pod', newPod('c', { ip: '10.0.4.1' })); // never sent on the stalled stream
    await waitFor(() => started.watches() === 2, 'a second watch');
    const rewatchedAt = started.requests.at(-1)?.at as number;
    await waitSynced(started, cluster.store, 'Pod');

    expect(rewatchedAt - stalledAt).toBeGreaterThanOrEqual(150);
    expect(rewatchedAt - stalledAt).toBeLessThan(1500);
    expect(started.sink.reasons()).toEqual(['inactive']);
    expect(started.lists()).toBe(1);
    await waitOneWatch(cluster.server, 'Pod');
  });
});

describe('R19: burst', () => {
  beforeEach(() =>
    setUp({
      store: { historySize: 20_000 },
      server: { maxPendingWatchEvents: 20_000, slowWatcherBudgetMs: 10_000 },
    }),
  );

  it('applies 10k MODIFIED events in one stream, each exactly once', async () => {
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    expect(cluster.server.faults.burst({ kind: 'Pod', count: 10_000 })).toHaveLength(10_000);
    await waitSynced(started, cluster.store, 'Pod', 15_000);

    expect(started.sink.counts).toEqual({ applied: 10_000, duplicate: 0, stale: 0, replaced: 1 });
    expect(started.informer.status().events).toBe(10_000);
    expect([started.lists(), started.watches()]).toEqual([1, 1]);
    await waitOneWatch(cluster.server, 'Pod');
  });
});
