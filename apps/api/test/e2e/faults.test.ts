import { createServer } from 'node:net';
import { newEndpointSlice, newPod, newService, waitFor } from '@slicescope/cluster/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { waitTabsConverge } from './convergence.ts';
import {
  closeAll,
  seed,
  startApi,
  startTestCluster,
  waitModelEqualsCluster,
  type TestCluster,
} from './environment.ts';
import { SseReader } from './sseReader.ts';

const SLICES = '/apis/discovery.k8s.io/v1/endpointslices';
let cluster: TestCluster | undefined;
let api: RunningServer | undefined;
const readers: SseReader[] = [];

afterEach(async () => {
  await closeAll(readers, api, cluster);
  api = undefined;
  cluster = undefined;
});

async function setUp(): Promise<{ cluster: TestCluster; api: RunningServer }> {
  cluster = await startTestCluster({ server: { bookmarkIntervalMs: 200 } });
  seed(cluster);
  api = await startApi(cluster.server.url);
  await waitFor(() => api?.cluster.ready() === true, 'the api to be ready');
  return { cluster, api };
}

async function tab(
  services: string[] = [],
  headers: Record<string, string> = {},
): Promise<SseReader> {
  const query = services.map((service) => `service=${encodeURIComponent(service)}`).join('&');
  const reader = await new SseReader(`${api?.url}/api/v1/stream?${query}`, headers).open();
  readers.push(reader);
  return reader;
}

/** Changes of every kind the dashboard follows. */
function churn(c: TestCluster, round: number): void {
  c.feed.add('Pod', newPod(`extra-${round}`, { labels: { app: 'web' } }));
  c.feed.modify(
    'EndpointSlice',
    newEndpointSlice('web-0', { service: 'web', ips: [`10.1.0.${100 + round}`, '10.1.0.1'] }),
  );
  c.feed.add('Service', newService(`new-${round}`));
}

describe('the api through the fault matrix (model == cluster, every tab == model)', () => {
  it('serves a snapshot, then deltas, to tabs following different Services', async () => {
    const { cluster: c, api: a } = await setUp();
    const all = await tab();
    const web = await tab(['default/web']);
    await waitTabsConverge(a, [
      { reader: all, services: [] },
      { reader: web, services: ['default/web'] },
    ]);
    expect(Object.keys(web.state.slices).sort()).toEqual(['default/web-0', 'default/web-1']);
    expect(all.state.slices).toEqual({});
    churn(c, 1);
    c.feed.remove('EndpointSlice', newEndpointSlice('web-1', { service: 'web' }));
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [
      { reader: all, services: [] },
      { reader: web, services: ['default/web'] },
    ]);
    expect(Object.keys(web.state.slices)).toEqual(['default/web-0']);
    expect(web.state.services['default/new-1']).toMatchObject({ name: 'new-1', endpoints: 0 });
    expect(web.events[0]?.event).toBe('snapshot');
    expect(web.events.slice(1).every((event) => event.event === 'delta')).toBe(true);
  });

  it('R1: a watch cut mid-event is resumed from the last resourceVersion, without relisting', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/web']);
    expect(c.server.faults.cutWatches({ afterBytes: 10 })).toBeGreaterThan(0);
    churn(c, 2);
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
    expect(c.lists(SLICES)).toBe(1);
  });

  it('R7: a 410 in the watch makes the informer relist; objects gone meanwhile are deleted', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/web']);
    c.server.faults.compactHistory('EndpointSlice');
    c.server.faults.injectWatchError({ kind: 'EndpointSlice', code: 410 });
    c.feed.remove('EndpointSlice', newEndpointSlice('web-0', { service: 'web' }));
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
    expect(c.lists(SLICES)).toBe(2);
    expect(Object.keys(reader.state.slices)).toEqual(['default/web-1']);
  });

  it('R5: a restart that bumps resourceVersions and compacts history ends in a relist', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/api']);
    const restart = c.server.faults.restart('compact', { downMs: 200 });
    churn(c, 3);
    await restart;
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: ['default/api'] }]);
    expect(c.lists(SLICES)).toBeGreaterThanOrEqual(2);
  });

  it('R10/R11: 503 and 429 answers are waited out; the informers come back by themselves', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab();
    const unavailable = c.server.faults.failRequests({ status: 503, durationMs: 300 });
    c.server.faults.cutWatches();
    churn(c, 4);
    await waitModelEqualsCluster(a, c);
    unavailable.clear();
    c.server.faults.failRequests({ status: 429, count: 3, retryAfterSeconds: 1 });
    c.server.faults.endWatches();
    churn(c, 5);
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: [] }]);
    expect(c.server.faults.watchCount()).toBe(5);
  });

  it('R12: a 403 on one kind is shown on that kind while the others keep streaming', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab();
    const forbidden = c.server.faults.failRequests({
      status: 403,
      kind: 'EndpointSlice',
      durationMs: 60_000,
    });
    c.server.faults.cutWatches({ kind: 'EndpointSlice' });
    await waitFor(
      () => reader.state.informers['EndpointSlice/']?.lastError?.reason === 'forbidden',
      'the tab to show the slices forbidden',
    );
    const overview = (await (await fetch(`${a.url}/api/v1/overview`)).json()) as {
      informers: { kind: string; lastError?: { message: string } }[];
    };
    const slices = overview.informers.find((status) => status.kind === 'EndpointSlice');
    expect(slices?.lastError?.message).toMatch(/endpointslices/);
    expect(JSON.stringify(overview)).not.toMatch(/Bearer|system:serviceaccount/);
    c.feed.add('Service', newService('still-streaming'));
    await waitFor(
      () => reader.state.services['default/still-streaming'] !== undefined,
      'services to keep streaming',
    );
    forbidden.clear();
    churn(c, 6);
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: [] }]);
    expect(reader.state.informers['EndpointSlice/']?.phase).toBe('watching');
  });

  it('R12: a revoked token (401 on every kind) is shown, retried slowly, and recovers', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/web']);
    const revoked = c.server.faults.failRequests({ status: 401, durationMs: 60_000 });
    c.server.faults.cutWatches();
    await waitFor(
      () =>
        Object.values(reader.state.informers).every(
          (status) => status.lastError?.reason === 'unauthorized',
        ),
      'every kind to show unauthorized',
    );
    const requestsWhileRevoked = c.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Slow retry: at most one attempt per kind per authRetryMs (150 ms), not a hot loop.
    expect(c.requests.length - requestsWhileRevoked).toBeLessThanOrEqual(5 * 3);
    revoked.clear();
    churn(c, 9);
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
  });

  it('R14/R15: replayed events change nothing; an older event than held triggers a relist', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/web']);
    churn(c, 7);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
    const deltasBefore = reader.events.length;
    const listsBefore = c.lists(SLICES);
    c.server.faults.replayEvents({ kind: 'EndpointSlice', count: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.hub.flush();
    expect(reader.events.length - deltasBefore).toBe(0);
    expect(c.lists(SLICES)).toBe(listsBefore);
    // A replay of older events than the model holds (a contract violation) forces a relist.
    c.feed.modify(
      'EndpointSlice',
      newEndpointSlice('web-0', { service: 'web', ips: ['10.1.0.250'] }),
    );
    c.feed.modify(
      'EndpointSlice',
      newEndpointSlice('web-0', { service: 'web', ips: ['10.1.0.251'] }),
    );
    await waitModelEqualsCluster(a, c);
    c.server.faults.replayEvents({ kind: 'EndpointSlice', count: 2 });
    await waitFor(() => c!.lists(SLICES) > listsBefore, 'a relist after the out-of-order event');
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
  });

  it('R19: a burst of 10,000 Pod and 2,000 slice changes ends with model and tabs equal', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab(['default/web']);
    c.server.faults.burst({ kind: 'Pod', count: 10_000 });
    c.server.faults.burst({ kind: 'EndpointSlice', count: 2_000 });
    await waitModelEqualsCluster(a, c, 20_000);
    await waitTabsConverge(a, [{ reader, services: ['default/web'] }], 20_000);
    // Coalesced: far fewer messages than changes.
    expect(reader.events.length).toBeLessThan(500);
  });

  it('R21: 50 tabs converge, and none is left registered after they close', async () => {
    const { cluster: c, api: a } = await setUp();
    const tabs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => tab(i % 2 === 0 ? ['default/web'] : ['default/api'])),
    );
    churn(c, 8);
    await waitModelEqualsCluster(a, c);
    await waitTabsConverge(
      a,
      tabs.map((reader, i) => ({
        reader,
        services: [i % 2 === 0 ? 'default/web' : 'default/api'],
      })),
    );
    expect(a.hub.clientCount()).toBe(50);
    for (const reader of readers.splice(0)) await reader.close();
    await waitFor(() => a.hub.clientCount() === 0, 'every stream to be released');
  });
});

describe('the api starting before the cluster answers', () => {
  it('R13: connection refused at start: not ready, says why, then syncs once the cluster is up', async () => {
    const port = await freePort();
    api = await startApi(`http://127.0.0.1:${port}`);
    const readyz = await fetch(`${api.url}/readyz`);
    expect(readyz.status).toBe(503);
    await waitFor(
      () => api!.cluster.model.statuses().some((status) => status.lastError !== undefined),
      'an error in the status',
    );
    cluster = await startTestCluster({ server: { port, bookmarkIntervalMs: 200 } });
    seed(cluster);
    await waitFor(() => api?.cluster.ready() === true, 'the api to be ready', { timeoutMs: 8000 });
    await waitModelEqualsCluster(api, cluster);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const reader = await new SseReader(`${api.url}/api/v1/stream?service=default/web`).open();
    readers.push(reader);
    await waitTabsConverge(api, [{ reader, services: ['default/web'] }]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
