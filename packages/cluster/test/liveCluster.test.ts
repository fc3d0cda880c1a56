import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
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
  test('a large instant runs a bounded number of engine tasks per turn of the event loop, to the same state', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const turnByTurn = await startLiveCluster({ scenario, now: () => clock, tasksPerTurn: 1 });
    const atOnce = await startLiveCluster({ scenario, now: () => clock });
    clock += 2_000;
    for (const cluster of [turnByTurn, atOnce]) {
      cluster.apply({ type: 'scale', workload: 'web', replicas: 40 });
    }
    // One turn took one task of the scale-up; the rest follows turn by turn, and a request
    // is answered in between.
    expect(turnByTurn.store.resourceVersion).toBeLessThan(atOnce.store.resourceVersion);
    const during = await listRv(turnByTurn.url, '/api/v1/pods');
    expect(during.rv).toBeLessThan(atOnce.store.resourceVersion);
    for (let turn = 0; turn < 1_000 && turnByTurn.engine.isDue(2); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(turnByTurn.engine.isDue(2)).toBe(false);
    const served = async (url: string) =>
      (await (await fetch(`${url}/apis/discovery.k8s.io/v1/endpointslices`)).json()) as {
        items: { metadata: { resourceVersion: string }; endpoints: unknown[] }[];
      };
    const [cut, whole] = await Promise.all([served(turnByTurn.url), served(atOnce.url)]);
    expect(cut.items.map((slice) => slice.endpoints)).toEqual(
      whole.items.map((slice) => slice.endpoints),
    );
    expect(turnByTurn.store.resourceVersion - turnByTurn.store.rvOffset).toBe(
      atOnce.store.resourceVersion - atOnce.store.rvOffset,
    );
    await Promise.all([turnByTurn.close(), atOnce.close()]);
  });
  /**
   * A live cluster (clock 2 s in) behind a Pod watch that does not read, fed a burst of more
   * than its socket takes, and asked to scale up: the engine is held back by the watch.
   */
  async function heldBack(slowWatcherBudgetMs: number) {
    let clock = Date.UTC(2026, 0, 1);
    const cluster = await startLiveCluster({
      scenario,
      now: () => clock,
      tickMs: 10,
      maxWatchBacklog: 100,
      server: { slowWatcherBudgetMs },
    });
    const stuck = connect(cluster.server.port, '127.0.0.1');
    stuck.write('GET /api/v1/pods?watch=true&resourceVersion=0 HTTP/1.1\r\nHost: x\r\n\r\n');
    stuck.pause();
    for (let wait = 0; wait < 100 && cluster.server.faults.watchCount('Pod') === 0; wait++) {
      await delay(10);
    }
    cluster.server.faults.burst({ kind: 'Pod', count: 20_000 });
    expect(cluster.server.watchBacklog()).toBeGreaterThan(100);
    clock += 2_000;
    cluster.apply({ type: 'scale', workload: 'web', replicas: 6 });
    await delay(50);
    expect([cluster.engine.isDue(2), cluster.server.faults.watchCount('Pod')]).toEqual([true, 1]);
    return {
      cluster,
      passMs: (ms: number) => (clock += ms),
      /** Waits (bounded) for the scale-up to have run. */
      async ranOn() {
        for (let wait = 0; wait < 300 && cluster.engine.isDue(2); wait++) await delay(10);
        expect([cluster.engine.isDue(2), cluster.server.watchBacklog()]).toEqual([false, 0]);
        stuck.destroy();
      },
    };
  }

  test('the engine waits while a watch holds back more events than allowed, and goes on once it is closed', async () => {
    const { cluster, ranOn } = await heldBack(1_000);
    await delay(100);
    expect(cluster.engine.isDue(2)).toBe(true);
    // Closed by its own stream after the budget, the watch holds nothing back: the scale-up runs.
    await ranOn();
    expect(cluster.store.snapshot('Pod').items).toHaveLength(6);
    await cluster.close();
  });

  test('a watch that holds the engine back longer than the slow-watcher budget is ended, and the scenario goes on', async () => {
    const { cluster, passMs, ranOn } = await heldBack(60_000);
    passMs(60_000); // the budget is over on the cluster's clock: the watch furthest behind ends
    await ranOn();
    await cluster.close();
  });

  test('refuses a turn of no tasks and a negative backlog, by name', async () => {
    await expect(startLiveCluster({ scenario, tasksPerTurn: 0 })).rejects.toThrow(
      'tasksPerTurn 0 is not a whole number ≥ 1',
    );
    await expect(startLiveCluster({ scenario, maxWatchBacklog: -1 })).rejects.toThrow(
      'maxWatchBacklog -1 is not a whole number ≥ 0',
    );
  });
});
