import { newPod, newService, waitFor } from '@slicescope/cluster/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import {
  closeAll,
  FAST_INFORMER,
  seed,
  sourceFor,
  startTestCluster,
  type TestCluster,
} from './environment.ts';

let cluster: TestCluster | undefined;
let api: RunningServer | undefined;
afterEach(() => closeAll([], api, cluster));

describe('--namespace: for users who cannot list cluster-wide', () => {
  it('watches only the named namespaces per kind, and says what it cannot see', async () => {
    cluster = await startTestCluster({ server: { bookmarkIntervalMs: 200 } });
    seed(cluster);
    cluster.feed.add('Service', newService('elsewhere', { namespace: 'other' }));
    cluster.feed.add('Pod', newPod('elsewhere', { namespace: 'other' }));
    // This user may not list Nodes (a cluster-scoped kind).
    cluster.server.faults.failRequests({ status: 403, kind: 'Node', durationMs: 60_000 });
    api = await startServer({
      source: sourceFor(cluster.server.url),
      port: 0,
      logger: pino({ level: 'silent' }),
      informer: FAST_INFORMER,
      watch: { namespaces: ['default'] },
    });
    const { model } = api.cluster;
    await waitFor(
      () => model.statuses().filter((status) => status.synced).length === 4,
      'the four namespaced kinds to list',
    );
    expect(cluster.requests.some((url) => url.startsWith('/api/v1/namespaces/default/pods'))).toBe(
      true,
    );
    expect(cluster.requests.some((url) => url.startsWith('/api/v1/pods'))).toBe(false);
    expect([...model.all('Service')].map((s) => s.metadata.namespace)).toEqual([
      'default',
      'default',
    ]);
    const overview = (await (await fetch(`${api.url}/api/v1/overview`)).json()) as {
      ready: boolean;
      source: { namespaces?: string[] };
      informers: {
        kind: string;
        namespace?: string;
        lastError?: { reason: string; message: string };
      }[];
    };
    expect(overview.source.namespaces).toEqual(['default']);
    expect(overview.ready).toBe(false);
    const nodes = overview.informers.find((status) => status.kind === 'Node');
    expect(nodes?.lastError).toMatchObject({ reason: 'forbidden' });
    expect(nodes?.lastError?.message).toMatch(/nodes/);
    expect(overview.informers.find((s) => s.kind === 'Pod')?.namespace).toBe('default');
    const readyz = await fetch(`${api.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.text()).toMatch(/Node: .*403/);
    // The Services it can see are served in full.
    const detail = await fetch(`${api.url}/api/v1/services/default/web`);
    expect(detail.status).toBe(200);
  });
});
