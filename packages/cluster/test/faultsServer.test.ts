import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEndpointSlice, newPod } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { createFeed } from './support/feed.ts';
import { get } from './support/http.ts';
import {
  COLLECTION_PATHS,
  createInformer,
  listPage,
  pagingList,
  restartUntilHealthy,
  statusOf,
  waitInSync,
  type TestInformer,
} from './support/informer.ts';
import { delay, waitFor } from './support/wait.ts';

/**
 * Server-side rows of the reliability matrix (watch-protocol.md §3.2): restarts, HTTP error
 * statuses, expiring lists. The stock client-node 1.4 informer stops for good on these
 * (spec §2.2); each test asserts that, restarts it as a supervisor would, and ends with
 * cache == store.
 */

const PODS = COLLECTION_PATHS.Pod;
let cluster: TestCluster;
const informers: TestInformer[] = [];

beforeEach(async () => {
  cluster = await startTestCluster({ server: { closeTimeoutMs: 500 } });
  for (let i = 0; i < 5; i++) cluster.feed.add('Pod', newPod(`web-${i}`));
});
afterEach(async () => {
  for (const informer of informers.splice(0)) await informer.stop();
  await cluster.server.close();
});

async function started(kind: 'Pod' | 'EndpointSlice' = 'Pod'): Promise<TestInformer> {
  const test = createInformer(cluster.kc, kind);
  informers.push(test);
  await test.start();
  await waitInSync(test, cluster.store, kind);
  return test;
}

/** Every served resourceVersion so far, to check none ever goes backwards. */
function maxServedRv(): number {
  return cluster.store.resourceVersion;
}

describe('R4 restart keeping state and history (mode a)', () => {
  it('the informer errors while the server is down, then resumes from its resourceVersion without relist', async () => {
    const test = await started();
    const restart = cluster.server.faults.restart('resume', { downMs: 300 });
    cluster.feed.modify('Pod', newPod('web-0', { ready: false }));
    await waitFor(() => test.errors.length >= 1, 'the dropped-connection error');
    await restart;
    await restartUntilHealthy(test);
    await waitInSync(test, cluster.store, 'Pod');
    expect(cluster.lists(PODS)).toBe(1);
  });

  it('connection refused at startup: start() resolves, one error, then a supervisor start syncs', async () => {
    const restart = cluster.server.faults.restart('resume', { downMs: 2_000 });
    const test = createInformer(cluster.kc, 'Pod');
    informers.push(test);
    await test.start();
    expect((test.errors[0] as { code?: string }).code).toBe('ECONNREFUSED');
    await restart;
    await restartUntilHealthy(test);
    await waitInSync(test, cluster.store, 'Pod');
  }, 30_000);
});

describe('R5 restart with resourceVersion bump', () => {
  it('(b) compact: the re-watch gets 410, the informer relists, resourceVersions only increase', async () => {
    const test = await started();
    const before = maxServedRv();
    await cluster.server.faults.restart('compact');
    cluster.feed.remove('Pod', newPod('web-2'));
    expect(cluster.store.resourceVersion).toBeGreaterThan(before + 1);
    await waitFor(() => test.errors.length === 1, 'the dropped-connection error');
    await restartUntilHealthy(test);
    await waitInSync(test, cluster.store, 'Pod');
    expect(cluster.lists(PODS)).toBe(2);
    expect(Number(test.informer.latestResourceVersion())).toBeGreaterThan(before);
  });

  it('(c) fresh cluster: new UIDs and vanished objects reach the cache through the relist', async () => {
    const test = await started();
    const before = maxServedRv();
    await cluster.server.faults.restart('fresh');
    const engine = createFeed(cluster.store, 1);
    engine.add('Pod', newPod('web-0', { uid: 'second-life-0' }));
    engine.add('Pod', newPod('api-0', { uid: 'second-life-1' }));
    expect(cluster.store.get('Pod', 'default', 'web-0')?.rv).toBeGreaterThan(before);
    await waitFor(() => test.errors.length === 1, 'the dropped-connection error');
    await restartUntilHealthy(test);
    await waitInSync(test, cluster.store, 'Pod');
    expect(test.state().get('default/web-0')).toMatch(/^second-life-0@/);
    expect(test.events.filter((event) => event.startsWith('delete'))).toHaveLength(4);
  });
});

describe('R8 410 on list', () => {
  it('a continue token that expires between pages makes the paging listFn start over', async () => {
    for (let i = 5; i < 30; i++) cluster.feed.add('Pod', newPod(`web-${i}`));
    const pages = { count: 0, restarts: 0 };
    const expireAfterFirstPage = (count: number): void => {
      if (count !== 1) return;
      cluster.feed.add('Pod', newPod('web-late'));
      cluster.server.faults.compactHistory('Pod');
    };
    const test = createInformer(cluster.kc, 'Pod', {
      listFn: pagingList(cluster.kc, 'Pod', 10, pages, expireAfterFirstPage),
    });
    informers.push(test);
    await test.start();
    await waitInSync(test, cluster.store, 'Pod');
    expect(pages).toEqual({ count: 5, restarts: 1 });
    expect(test.errors).toEqual([]);
  });
});

describe('R10 500 and 503 on list and watch start', () => {
  it('a failing list stops the stock informer; it syncs once the fault window is over', async () => {
    cluster.server.faults.failRequests({ status: 500, kind: 'Pod', verbs: ['list'], count: 2 });
    const test = createInformer(cluster.kc, 'Pod');
    informers.push(test);
    await test.start();
    expect(test.errors.map(statusOf)).toEqual([500]);
    expect(JSON.parse((test.errors[0] as { body: string }).body)).toMatchObject({
      reason: 'InternalError',
      message: 'Internal error occurred: injected fault',
      details: { causes: [{ message: 'injected fault' }] },
    });
    await expectStopped();
    expect(await restartUntilHealthy(test)).toBe(2);
    await waitInSync(test, cluster.store, 'Pod');
  });

  it('a failing watch start (503 for a while) stops it; a later restart resumes without relist', async () => {
    const test = await started();
    const fault = cluster.server.faults.failRequests({
      status: 503,
      kind: 'Pod',
      verbs: ['watch'],
      count: 100,
    });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    cluster.feed.modify('Pod', newPod('web-3', { ready: false }));
    await waitFor(() => test.errors.length === 1, 'the 503');
    expect(statusOf(test.errors[0])).toBe(503);
    await expectStopped();
    expect(fault.remaining).toBe(99);
    fault.clear();
    expect(await restartUntilHealthy(test)).toBe(1);
    await waitInSync(test, cluster.store, 'Pod');
    expect(cluster.lists(PODS)).toBe(1);
  }, 30_000);
});

describe('R11 429 with Retry-After', () => {
  it('carries retryAfterSeconds and the Retry-After header', async () => {
    cluster.server.faults.failRequests({ status: 429, kind: 'Pod', retryAfterSeconds: 2 });
    const res = await get(cluster.server.url, PODS);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 2 },
      code: 429,
    });
  });

  it('list: the ApiException exposes Retry-After; watch: only the status code (spec §2.7)', async () => {
    cluster.server.faults.failRequests({
      status: 429,
      kind: 'Pod',
      verbs: ['list'],
      retryAfterSeconds: 1,
    });
    await expect(listPage(cluster.kc, 'Pod')).rejects.toMatchObject({
      code: 429,
      headers: { 'retry-after': '1' },
    });

    const test = await started();
    const lists = cluster.lists(PODS);
    cluster.server.faults.failRequests({
      status: 429,
      kind: 'Pod',
      verbs: ['watch'],
      retryAfterSeconds: 1,
    });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => test.errors.length === 1, 'the 429');
    expect(statusOf(test.errors[0])).toBe(429);
    await expectStopped();
    await delay(100); // a supervisor waits Retry-After (shortened here) and re-watches: no relist
    await restartUntilHealthy(test);
    cluster.feed.add('Pod', newPod('web-9'));
    await waitInSync(test, cluster.store, 'Pod');
    expect(cluster.lists(PODS)).toBe(lists);
  });
});

describe('R12 401 and 403 for a while', () => {
  it('403 on one kind: that informer stops, the other keeps streaming, both end in sync', async () => {
    cluster.feed.add('EndpointSlice', newEndpointSlice('web-abc'));
    const pods = await started('Pod');
    const slices = await started('EndpointSlice');
    const fault = cluster.server.faults.failRequests({
      status: 403,
      kind: 'EndpointSlice',
      count: 100,
    });
    cluster.server.faults.endWatches();
    await waitFor(() => slices.errors.length === 1, 'the 403');
    expect(statusOf(slices.errors[0])).toBe(403);
    cluster.feed.modify('Pod', newPod('web-1', { ready: false }));
    cluster.feed.add('EndpointSlice', newEndpointSlice('web-def'));
    await waitInSync(pods, cluster.store, 'Pod');
    const denied = await get(
      cluster.server.url,
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
    );
    expect(denied.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:slicescope:slicescope" cannot list resource "endpointslices" in API group "discovery.k8s.io" in the namespace "default"',
      reason: 'Forbidden',
      details: { group: 'discovery.k8s.io', kind: 'endpointslices' },
      code: 403,
    });
    expect(fault.remaining).toBe(98); // the re-watch and the list above
    fault.clear(); // RBAC restored
    expect(await restartUntilHealthy(slices)).toBe(1);
    await waitInSync(slices, cluster.store, 'EndpointSlice');
    expect(pods.errors).toEqual([]);
  }, 30_000);

  it('401 on the list: the ApiException has code 401; a restart after the token is fixed syncs', async () => {
    cluster.server.faults.failRequests({ status: 401, count: 1 });
    const test = createInformer(cluster.kc, 'Pod');
    informers.push(test);
    await test.start();
    expect(test.errors.map(statusOf)).toEqual([401]);
    await expectStopped();
    await restartUntilHealthy(test);
    await waitInSync(test, cluster.store, 'Pod');
  });
});

/** Asserts the stock informer stopped for good: no request for a while after its error. */
async function expectStopped(): Promise<void> {
  const requests = cluster.requests.length;
  await delay(150);
  expect(cluster.requests.length).toBe(requests);
}
