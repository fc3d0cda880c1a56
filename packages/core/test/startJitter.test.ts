import { describe, expect, test } from 'vitest';
import { ClusterEngine, serviceScenario, type Scenario } from '../src/index.ts';
import { isPodReady as isReady } from '../src/controller/pods.ts';

const START = Date.UTC(2026, 0, 1);

/** When each Pod first became ready, in scenario seconds, and the writes per kind after `from`. */
function run(scenario: Scenario, seed: number, settled: boolean, from = 0) {
  const engine = new ClusterEngine(scenario, { seed, startTime: START, settled });
  const readyAt = new Map<string, number>();
  const writes = { Endpoints: 0, EndpointSlice: 0 };
  for (let next = engine.nextTime(); next !== undefined && next < 1_000; next = engine.nextTime()) {
    for (const change of engine.advanceTo(next)) {
      if (change.kind === 'Pod' && isReady(change.object)) {
        const name = change.object.metadata.name ?? '';
        if (!readyAt.has(name)) readyAt.set(name, engine.time);
      }
      if (engine.time >= from && (change.kind === 'Endpoints' || change.kind === 'EndpointSlice'))
        writes[change.kind]++;
    }
  }
  return { engine, readyAt, writes };
}

const workload = (startJitterSeconds?: number): Scenario => ({
  name: 'jitter',
  cluster: {
    zones: [{ name: 'z', nodes: 4 }],
    services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
    workloads: [
      {
        name: 'web',
        replicas: 30,
        labels: { app: 'web' },
        startSeconds: 5,
        ...(startJitterSeconds !== undefined && { startJitterSeconds }),
      },
    ],
  },
});

describe('Pod start-up jitter', () => {
  test('each Pod becomes ready between start-up and start-up plus the jitter, to the millisecond', () => {
    const { readyAt } = run(workload(10), 3, false);
    const times = [...readyAt.values()];
    expect(times).toHaveLength(30);
    // Created at 0, an IP 1 s later, then 5 s of start-up and up to 10 s more.
    for (const time of times) {
      expect(time).toBeGreaterThanOrEqual(6);
      expect(time).toBeLessThanOrEqual(16);
      expect(Math.abs(time * 1000 - Math.round(time * 1000))).toBeLessThan(1e-6);
    }
    expect(new Set(times).size).toBeGreaterThan(20);
  });

  test('without jitter every Pod of a batch is ready at once; with it the seed decides when', () => {
    expect(new Set(run(workload(), 3, false).readyAt.values())).toEqual(new Set([6]));
    const first = [...run(workload(10), 3, false).readyAt.values()];
    expect([...run(workload(10), 3, false).readyAt.values()]).toEqual(first);
    expect([...run(workload(10), 4, false).readyAt.values()]).not.toEqual(first);
  });

  test('a jittered rollout writes Endpoints once per Pod change, a lockstep one once per batch', () => {
    const rollout = (startJitterSeconds?: number) =>
      serviceScenario({
        pods: 200,
        nodes: 20,
        ...(startJitterSeconds !== undefined && { startJitterSeconds }),
        events: [{ at: 10, type: 'rollingUpdate' }],
      });
    const lockstep = run(rollout(), 1, true, 10);
    const jittered = run(rollout(20), 1, true, 10);
    // Lockstep: a handful of syncs, each taking a quarter of the Pods in or out.
    expect(lockstep.writes.Endpoints).toBeLessThan(20);
    // Jittered: 200 Pods replaced, each ready at its own time (and its old Pod leaving then).
    expect(jittered.writes.Endpoints).toBeGreaterThan(200);
    for (const { engine } of [lockstep, jittered]) {
      const pods = engine.store.list('Pod');
      expect(pods).toHaveLength(200);
      expect(pods.every(isReady)).toBe(true);
      expect(new Set(pods.map((pod) => pod.metadata.labels?.['pod-template-hash'])).size).toBe(1);
    }
  });
});
