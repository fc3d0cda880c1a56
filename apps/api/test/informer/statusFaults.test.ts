import { newPod, startTestCluster, waitFor, type TestCluster } from '@slicescope/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathOf, rvOf, startInformer, stopAll, waitOneWatch, waitSynced } from './harness.ts';

// Error answers: 410 (HTTP and in-band), expired continue tokens, 5xx, 429 (watch-protocol.md
// §3.2 R7, R8, R10, R11). The sink must end equal to the store and relist only when needed.

let cluster: TestCluster;
const POD_PATH = pathOf('Pod');

beforeEach(async () => {
  cluster = await startTestCluster();
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) cluster.feed.add('Pod', newPod(name));
});
afterEach(async () => {
  await stopAll();
  await cluster.server.close();
});

async function synced(): Promise<ReturnType<typeof startInformer>> {
  const started = startInformer(cluster.kc, 'Pod');
  await waitSynced(started, cluster.store, 'Pod');
  return started;
}

describe('R7: 410 on the watch relists', () => {
  it('(i) HTTP 410 when re-watching', async () => {
    const started = await synced();
    cluster.feed.modify('Pod', newPod('a', { ip: '10.0.5.1' }));
    cluster.server.faults.failRequests({ status: 410, kind: 'Pod', verbs: ['watch'] });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => started.lists() === 2, 'a relist');
    cluster.feed.remove('Pod', newPod('b'));
    await waitSynced(started, cluster.store, 'Pod');
    expect(started.sink.reasons()).toEqual(['expired']);
    expect(cluster.lists(POD_PATH)).toBe(2);
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('(ii) in-band ERROR 410, then the server closes', async () => {
    const started = await synced();
    expect(cluster.server.faults.injectWatchError({ kind: 'Pod', code: 410 })).toBe(1);
    await waitFor(() => started.lists() === 2, 'a relist');
    cluster.feed.add('Pod', newPod('g'));
    await waitSynced(started, cluster.store, 'Pod');
    expect(started.sink.statuses.find((s) => s.lastError)?.lastError).toEqual({
      reason: 'expired',
      code: 410,
      message: 'cannot watch pods cluster-wide: 410 Gone (Expired)',
    });
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('(iii) in-band ERROR 410 on a stream the server keeps open: treated as its end', async () => {
    const started = await synced();
    cluster.server.faults.injectWatchError({ kind: 'Pod', code: 410, keepOpen: true });
    await waitFor(() => started.lists() === 2, 'a relist');
    await waitSynced(started, cluster.store, 'Pod');
    await waitOneWatch(cluster.server, 'Pod'); // the old stream was closed by the informer
    expect(started.watches()).toBe(2);
  });
});

it('R8: a continue token that expires mid-list restarts the list from page 1', async () => {
  let compacted = false;
  const started = startInformer(cluster.kc, 'Pod', {
    pageSize: 2,
    onRequest(request) {
      if (!compacted && request.url.includes('continue=')) {
        compacted = true;
        cluster.feed.modify('Pod', newPod('e', { ip: '10.0.6.1' }));
        cluster.server.faults.compactHistory('Pod');
      }
    },
  });
  await waitSynced(started, cluster.store, 'Pod');

  const lists = started.requests.filter((request) => request.verb === 'list');
  const tokens = lists.map((request) =>
    new URL(request.url, 'http://x').searchParams.get('continue'),
  );
  // page 1, page 2 (410), page 1 again, 2, 3: the 410's inconsistent token is never used.
  expect(tokens.map((token) => token !== null)).toEqual([false, true, false, true, true]);
  const tokenRvs = tokens
    .filter((token) => token !== null)
    .map((token) => JSON.parse(Buffer.from(token, 'base64url').toString()).rv);
  // The first list was at 6; after the compaction at 7 the restarted list is at 7 (never -1).
  expect(tokenRvs).toEqual([6, 7, 7]);
  expect(cluster.lists(POD_PATH)).toBe(5);
  expect(started.sink.counts.replaced).toBe(1);
  expect(rvOf(started.requests.at(-1))).toBe('7');
  expect(started.sink.reasons()).toEqual([]);
});

describe('R10: server errors', () => {
  it('500 on the list: backs off and lists again', async () => {
    cluster.server.faults.failRequests({ status: 500, kind: 'Pod', verbs: ['list'], count: 2 });
    const started = startInformer(cluster.kc, 'Pod');
    await waitSynced(started, cluster.store, 'Pod');
    expect(cluster.lists(POD_PATH)).toBe(3);
    expect(started.sink.reasons()).toEqual(['server-error']);
    expect(started.sink.statuses.find((s) => s.lastError)?.lastError?.message).toBe(
      'cannot list pods cluster-wide: 500 Internal Server Error (InternalError)',
    );
    expect(started.sink.statuses.filter((s) => s.phase === 'backoff')).toHaveLength(2);
  });

  it('503 on re-watches for a while: bounded retries from the same RV, no relist', async () => {
    const started = await synced();
    const before = started.informer.status().resourceVersion;
    const sent = started.requests.length;
    cluster.server.faults.failRequests({
      status: 503,
      kind: 'Pod',
      verbs: ['watch'],
      durationMs: 300,
    });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => started.sink.reasons().includes('server-error'), 'a 503');
    cluster.feed.modify('Pod', newPod('c', { ip: '10.0.7.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    const during = started.requests.slice(sent);
    expect(during.every((request) => request.verb === 'watch' && rvOf(request) === before)).toBe(
      true,
    );
    expect(during.length).toBeGreaterThan(2);
    expect(during.length).toBeLessThan(30);
    expect(cluster.lists(POD_PATH)).toBe(1);
    await waitOneWatch(cluster.server, 'Pod');
  });

  it('in-band ERROR 500: re-watch from the last RV, no relist', async () => {
    const started = await synced();
    const before = started.informer.status().resourceVersion;
    cluster.server.faults.injectWatchError({ kind: 'Pod', code: 500 });
    await waitFor(() => started.watches() === 2, 'a second watch');
    cluster.feed.modify('Pod', newPod('d', { ip: '10.0.8.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    expect(rvOf(started.requests.at(-1))).toBe(before);
    expect(started.sink.reasons()).toEqual(['server-error']);
    expect(started.lists()).toBe(1);
  });
});

describe('R11: 429 with Retry-After', () => {
  it('HTTP 429 on a re-watch: next attempt not before Retry-After, no relist', async () => {
    const started = await synced();
    cluster.server.faults.failRequests({
      status: 429,
      kind: 'Pod',
      verbs: ['watch'],
      retryAfterSeconds: 1,
    });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => started.informer.status().lastError?.reason === 'throttled', 'a 429');
    const status = started.informer.status();
    expect(status.phase).toBe('backoff');
    expect((status.retryAt as number) - status.since).toBeGreaterThanOrEqual(999);
    await waitFor(() => started.watches() === 3, 'the watch after the 429', { timeoutMs: 3000 });
    const [, throttled, next] = started.requests.filter((request) => request.verb === 'watch');
    expect((next?.at as number) - (throttled?.at as number)).toBeGreaterThanOrEqual(990);
    await waitSynced(started, cluster.store, 'Pod');
    expect(cluster.lists(POD_PATH)).toBe(1);
  });

  it('in-band ERROR 429: waits its retryAfterSeconds, then re-watches without relisting', async () => {
    const started = await synced();
    const injectedAt = performance.now();
    cluster.server.faults.injectWatchError({ kind: 'Pod', code: 429, retryAfterSeconds: 1 });
    await waitFor(() => started.watches() === 2, 'the watch after the 429', { timeoutMs: 3000 });
    expect((started.requests.at(-1)?.at as number) - injectedAt).toBeGreaterThanOrEqual(990);
    cluster.feed.modify('Pod', newPod('f', { ip: '10.0.9.1' }));
    await waitSynced(started, cluster.store, 'Pod');
    expect(started.sink.reasons()).toEqual(['throttled']);
    expect(started.lists()).toBe(1);
  });
});
