import type { Scenario } from '@slicescope/core';
import { describe, expect, test } from 'vitest';
import { startLiveCluster } from '../src/index.ts';

const scenario: Scenario = {
  name: 'live',
  cluster: {
    zones: [{ name: 'z', nodes: 2 }],
    services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
    workloads: [{ name: 'web', replicas: 3, labels: { app: 'web' }, startSeconds: 1 }],
  },
  events: [{ at: 5, type: 'rollout', workload: 'web' }],
};

async function listRv(url: string, path: string): Promise<{ rv: number; items: number }> {
  const body = (await (await fetch(`${url}${path}`)).json()) as {
    metadata: { resourceVersion: string };
    items: unknown[];
  };
  return { rv: Number(body.metadata.resourceVersion), items: body.items.length };
}

describe('startLiveCluster', () => {
  test('serves the settled scenario, and a later cluster never serves a lower resourceVersion', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const first = await startLiveCluster({ scenario, now: () => clock, tickMs: 10 });
    const before = await listRv(first.url, '/api/v1/pods');
    expect(before.items).toBe(3);
    await first.close();
    clock += 1_000;
    const second = await startLiveCluster({ scenario, now: () => clock, tickMs: 10 });
    expect((await listRv(second.url, '/api/v1/pods')).rv).toBeGreaterThan(before.rv);
    await second.close();
  });

  test('a fresh restart starts the scenario over, above every resourceVersion served before', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const cluster = await startLiveCluster({ scenario, now: () => clock, tickMs: 10 });
    clock += 20_000; // the rollout at 5 s has run
    cluster.apply({ type: 'scale', workload: 'web', replicas: 4 });
    const before = await listRv(cluster.url, '/apis/discovery.k8s.io/v1/endpointslices');
    cluster.restart('fresh');
    clock += 1_000;
    cluster.apply({ type: 'scale', workload: 'web', replicas: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cluster.error).toBeUndefined();
    const after = await listRv(cluster.url, '/api/v1/pods');
    expect(after.rv).toBeGreaterThan(before.rv);
    expect(after.items).toBe(5);
    await cluster.close();
  });

  test('objects are stamped in wall-clock time when the scenario runs faster', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const cluster = await startLiveCluster({ scenario, now: () => clock, tickMs: 10, speed: 100 });
    clock += 100; // 10 scenario seconds: the rollout at 5 s has started
    cluster.apply({ type: 'scale', workload: 'web', replicas: 3 });
    const pods = (await (await fetch(`${cluster.url}/api/v1/pods`)).json()) as {
      items: { metadata: { creationTimestamp: string } }[];
    };
    const newest = pods.items
      .map((pod) => Date.parse(pod.metadata.creationTimestamp))
      .sort()
      .at(-1);
    expect(newest).toBeLessThanOrEqual(clock);
    await cluster.close();
  });
});
