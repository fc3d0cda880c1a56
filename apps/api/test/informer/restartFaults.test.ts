import { KubeConfig } from '@kubernetes/client-node';
import {
  createClusterStore,
  kubeconfigYaml,
  startClusterServer,
  type ClusterServer,
} from '@slicescope/cluster';
import {
  BUILD,
  createFeed,
  newPod,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '@slicescope/cluster/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { pathOf, rvOf, startInformer, stopAll, waitOneWatch, waitSynced } from './harness.ts';

// Server restarts and unreachable servers (watch-protocol.md §3.2 R4–R6, R13).

const servers: ClusterServer[] = [];
afterEach(async () => {
  await stopAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function cluster(): Promise<TestCluster> {
  const started = await startTestCluster();
  servers.push(started.server);
  for (const name of ['a', 'b', 'c']) started.feed.add('EndpointSlice', BUILD.EndpointSlice(name));
  return started;
}

function kubeConfigFor(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml({ url, insecureSkipTlsVerify: true }));
  return kc;
}

describe('server restarts', () => {
  it('R4: restart keeping history: backs off while down, resumes the watch without a relist', async () => {
    const { kc, server, store, feed, lists } = await cluster();
    const started = startInformer(kc, 'EndpointSlice');
    await waitSynced(started, store, 'EndpointSlice');
    const before = started.informer.status().resourceVersion;
    const sent = started.requests.length;

    await server.faults.restart('resume', { downMs: 300 });
    feed.modify('EndpointSlice', BUILD.EndpointSlice('b', 2));
    await waitSynced(started, store, 'EndpointSlice');

    const during = started.requests.slice(sent);
    expect(during.every((request) => request.verb === 'watch' && rvOf(request) === before)).toBe(
      true,
    );
    // P4: FAST back-off (10, 20, 40, 40 … ms) over 300 ms down is about ten attempts, not hundreds.
    expect(during.length).toBeGreaterThan(2);
    expect(during.length).toBeLessThan(30);
    expect([started.lists(), lists(pathOf('EndpointSlice'))]).toEqual([1, 1]);
    expect(started.sink.reasons()).toEqual(['network']);
    expect(
      started.sink.statuses.some((s) => /connection refused$/.test(s.lastError?.message ?? '')),
    ).toBe(true);
    await waitOneWatch(server, 'EndpointSlice');
  });

  it('R5: restart with compaction: 410 ⇒ relist, vanished objects are deleted', async () => {
    const { kc, server, store, feed } = await cluster();
    const started = startInformer(kc, 'EndpointSlice');
    await waitSynced(started, store, 'EndpointSlice');

    await server.faults.restart('compact');
    feed.remove('EndpointSlice', BUILD.EndpointSlice('a'));
    feed.add('EndpointSlice', BUILD.EndpointSlice('d'));
    await waitFor(() => started.lists() === 2, 'a relist');
    await waitSynced(started, store, 'EndpointSlice');

    expect(started.sink.state().has('default/a')).toBe(false);
    expect(started.sink.reasons()).toContain('expired');
    expect(started.lists()).toBe(2);
    await waitOneWatch(server, 'EndpointSlice');
  });

  it('R5: fresh cluster (new UIDs): relist replaces everything', async () => {
    const { kc, server, store, feed } = await cluster();
    const started = startInformer(kc, 'EndpointSlice');
    await waitSynced(started, store, 'EndpointSlice');

    await server.faults.restart('fresh');
    feed.add('EndpointSlice', BUILD.EndpointSlice('a', 3, 'uid-a-2'));
    feed.add('EndpointSlice', BUILD.EndpointSlice('e'));
    await waitSynced(started, store, 'EndpointSlice');

    expect(started.sink.state().get('default/a')).toMatch(/^uid-a-2@/);
    expect([...started.sink.state().keys()].sort()).toEqual(['default/a', 'default/e']);
    expect(started.lists()).toBe(2);
    await waitOneWatch(server, 'EndpointSlice');
  });

  it('R6: a cluster whose resourceVersions went backwards is relisted, not waited on, and noted', async () => {
    const first = await startTestCluster();
    servers.push(first.server);
    for (let i = 0; i < 20; i++) first.feed.add('Pod', newPod(`p${i}`));
    const started = startInformer(first.kc, 'Pod', { inactivityMs: 150 });
    await waitSynced(started, first.store, 'Pod');
    const port = first.server.port;
    await first.server.close();

    // A new cluster on the same address whose counter starts again from 1.
    const store = createClusterStore();
    const second = await startClusterServer({ store, port, bookmarkIntervalMs: 40 });
    servers.push(second);
    const feed = createFeed(store);
    feed.add('Pod', newPod('x'));
    await waitSynced(started, store, 'Pod');

    expect(started.lists()).toBe(2);
    const status = started.informer.status();
    expect(status.lastError?.reason).toBe('rv-regressed');
    expect(status.lastError?.message).toBe(
      "listed pods cluster-wide at resourceVersion 1, below 20 seen before: the cluster's history was reset",
    );
    expect(status.resourceVersion).toBe('1');
    expect(started.sink.reasons()).toContain('inactive');
  });
});

describe('R13: unreachable at start', () => {
  it('retries with capped back-off while the connection is refused, then syncs', async () => {
    const store = createClusterStore();
    const probe = await startClusterServer({ store });
    const port = probe.port;
    await probe.close();
    const started = startInformer(kubeConfigFor(`http://127.0.0.1:${port}`), 'Service');

    await waitFor(
      () => started.requests.length >= 4 && started.informer.status().phase === 'backoff',
      'a few attempts, then a back-off',
    );
    const status = started.informer.status();
    expect(status).toMatchObject({ phase: 'backoff', synced: false, resourceVersion: '' });
    expect(status.lastError).toEqual({
      reason: 'network',
      message: 'cannot list services cluster-wide: connection refused',
    });
    expect(status.retryAt).toBeGreaterThanOrEqual(status.since);

    createFeed(store).add('Service', BUILD.Service('web'));
    const attempts = started.requests.length;
    const server = await startClusterServer({ store, port });
    servers.push(server);
    await waitSynced(started, store, 'Service');
    expect(attempts).toBeLessThan(20);
    expect(started.informer.status()).toMatchObject({ synced: true, lists: 1, phase: 'watching' });
    expect(started.informer.status().lastError).toBeUndefined();
    await waitOneWatch(server, 'Service');
  });
});
