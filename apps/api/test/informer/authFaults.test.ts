import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import {
  BUILD,
  delay,
  newPod,
  newService,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '@slicescope/cluster/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createInformers, type InformerGroup } from '../../src/informer/supervisor.ts';
import {
  createTestSink,
  FAST,
  pathOf,
  startInformer,
  stopAll,
  waitOneWatch,
  waitSynced,
  type TestSink,
} from './harness.ts';

// 401/403 (R12) and credentials that fail mid-life (T5): clear per-kind status, slow retry,
// other kinds unaffected, recovery without a crash or an unhandled rejection.

let cluster: TestCluster;
let group: InformerGroup | undefined;
let dir: string | undefined;
afterEach(async () => {
  await group?.stop();
  group = undefined;
  await stopAll();
  await cluster.server.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('R12: 401 and 403', () => {
  it('403 for Pods only: Pods report forbidden and retry slowly, Services keep streaming', async () => {
    cluster = await startTestCluster();
    cluster.feed.add('Pod', newPod('a'));
    cluster.feed.add('Service', newService('web'));
    const sinks = new Map<string, TestSink>();
    let podRequests = 0;
    group = createInformers(
      [
        { kind: 'Pod', path: pathOf('Pod') },
        { kind: 'Service', path: pathOf('Service') },
      ],
      {
        kubeConfig: cluster.kc,
        ...FAST,
        sinkFor: (target) => {
          const sink = createTestSink();
          sinks.set(target.kind, sink);
          return sink;
        },
        onRequest: (request) => {
          if (request.url.startsWith(pathOf('Pod'))) podRequests += 1;
        },
      },
    );
    group.start();
    const [pods, services] = [sinks.get('Pod') as TestSink, sinks.get('Service') as TestSink];
    await waitFor(
      () => group?.statuses().every((s) => s.phase === 'watching') === true,
      'both watching',
    );

    const fault = cluster.server.faults.failRequests({
      status: 403,
      kind: 'Pod',
      durationMs: 60_000,
    });
    cluster.server.faults.endWatches({ kind: 'Pod' });
    await waitFor(() => group?.statuses()[0]?.lastError?.reason === 'forbidden', 'forbidden');
    const before = podRequests;
    cluster.feed.modify('Service', newService('web', { selector: { app: 'api' } }));
    cluster.feed.add('Pod', newPod('b'));
    await waitFor(
      () => services.state().get('default/web')?.endsWith('@3') === true,
      'Service update',
    );
    await delay(350);

    const [pod, service] = group.statuses();
    expect(pod).toMatchObject({ kind: 'Pod', phase: 'backoff', synced: true });
    expect(pod?.lastError).toEqual({
      reason: 'forbidden',
      code: 403,
      message: 'cannot watch pods cluster-wide: 403 Forbidden',
    });
    expect(service).toMatchObject({ kind: 'Service', phase: 'watching' });
    expect(service?.lastError).toBeUndefined();
    // Slow retry: authRetryMs is 100 ms, so about 4 attempts in 350 ms, never a hot loop.
    expect(podRequests - before).toBeGreaterThanOrEqual(2);
    expect(podRequests - before).toBeLessThanOrEqual(5);
    expect(pods.state().has('default/a')).toBe(true); // data kept

    fault.clear();
    await waitFor(() => pods.state().has('default/b'), 'Pods to recover');
    expect(group.statuses()[0]?.lastError).toBeUndefined();
    expect(cluster.lists(pathOf('Pod'))).toBe(1);
    await waitOneWatch(cluster.server, 'Pod');
    await waitOneWatch(cluster.server, 'Service');
  });

  it('401 on the first lists: unauthorized, retried every authRetryMs, then syncs', async () => {
    cluster = await startTestCluster();
    cluster.feed.add('Service', newService('web'));
    cluster.server.faults.failRequests({ status: 401, kind: 'Service', verbs: ['list'], count: 2 });
    const started = startInformer(cluster.kc, 'Service');
    await waitSynced(started, cluster.store, 'Service');

    expect(started.sink.statuses.find((s) => s.lastError)?.lastError).toEqual({
      reason: 'unauthorized',
      code: 401,
      message: 'cannot list services cluster-wide: 401 Unauthorized',
    });
    const times = started.requests.filter((r) => r.verb === 'list').map((r) => r.at);
    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(95);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(95);
  });
});

describe('credentials', () => {
  const TOKEN = 'token-0123456789';

  function execKubeConfig(url: string, script: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
      users: [
        {
          name: 'u',
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: process.execPath,
            args: [script],
            interactiveMode: 'Never',
          },
        },
      ],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    return kc;
  }

  it('an exec plugin failing mid-life: reason credentials, no unhandled rejection, recovers', async () => {
    cluster = await startTestCluster({ server: { token: TOKEN } });
    for (const name of ['a', 'b']) cluster.feed.add('EndpointSlice', BUILD.EndpointSlice(name));
    dir = mkdtempSync(join(tmpdir(), 'slicescope-exec-'));
    const failFlag = join(dir, 'fail');
    const script = join(dir, 'plugin.cjs');
    // No expirationTimestamp: client-node runs the plugin again for every request.
    writeFileSync(
      script,
      `const fs = require('node:fs');
if (fs.existsSync(${JSON.stringify(failFlag)})) {
  process.stderr.write('plugin broke; leaked-secret-xyz\\n');
  process.exit(1);
}
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1',
  kind: 'ExecCredential', status: { token: ${JSON.stringify(TOKEN)} } }));
`,
    );
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const started = startInformer(execKubeConfig(cluster.server.url, script), 'EndpointSlice');
      await waitSynced(started, cluster.store, 'EndpointSlice');

      writeFileSync(failFlag, '');
      cluster.server.faults.endWatches({ kind: 'EndpointSlice' });
      await waitFor(
        () => started.informer.status().lastError?.reason === 'credentials',
        'credentials',
      );
      const status = started.informer.status();
      expect(status.phase).toBe('backoff');
      expect(status.lastError?.message).toBe(
        'cannot watch endpointslices cluster-wide: could not get credentials',
      );
      expect(JSON.stringify(started.sink.statuses)).not.toMatch(/leaked-secret|token-0123/);

      rmSync(failFlag);
      cluster.feed.modify('EndpointSlice', BUILD.EndpointSlice('a', 2));
      await waitSynced(started, cluster.store, 'EndpointSlice');
      expect(started.lists()).toBe(1);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('a token file that is missing at start: reason credentials until it appears', async () => {
    cluster = await startTestCluster({ server: { token: TOKEN } });
    cluster.feed.add('Node', BUILD.Node('n1'));
    dir = mkdtempSync(join(tmpdir(), 'slicescope-token-'));
    const tokenFile = join(dir, 'token');
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'c', server: cluster.server.url, skipTLSVerify: true },
      { name: 'u', authProvider: { name: 'tokenFile', config: { tokenFile } } },
    );
    const started = startInformer(kc, 'Node');
    await waitFor(
      () => started.informer.status().lastError?.reason === 'credentials',
      'credentials',
    );
    expect(started.informer.status().lastError?.message).toBe(
      'cannot list nodes cluster-wide: could not get credentials (ENOENT)',
    );
    expect(cluster.requests).toEqual([]);

    writeFileSync(tokenFile, TOKEN);
    await waitSynced(started, cluster.store, 'Node');
    expect(cluster.lists(pathOf('Node'))).toBe(1);
  });
});
