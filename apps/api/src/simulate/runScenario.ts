import { ClusterEngine, type ObjectKind, type Scenario } from '@slicescope/core';

export interface SimulationCounts {
  scenario: string;
  seed: number;
  simulatedSeconds: number;
  /** Object writes by kind and watch event type: what every watcher of that kind receives. */
  changes: Record<ObjectKind, { ADDED: number; MODIFIED: number; DELETED: number }>;
  /** Objects of each kind at the end. */
  objects: Record<ObjectKind, number>;
}

const KINDS: readonly ObjectKind[] = ['Node', 'Service', 'Pod', 'EndpointSlice', 'Endpoints'];
/** After the last event, the cluster gets this long to settle (rollouts, grace periods). */
const SETTLE_SECONDS = 600;

/** The most Pods a scenario asks for at any moment: the largest replica total over its events. */
export function peakPods(scenario: Scenario): number {
  const replicas = new Map<string, number>();
  for (const workload of scenario.cluster.workloads ?? []) {
    replicas.set(`${workload.namespace ?? 'default'}/${workload.name}`, workload.replicas);
  }
  const total = (): number => [...replicas.values()].reduce((sum, count) => sum + count, 0);
  let peak = total();
  for (const event of [...(scenario.events ?? [])].sort((a, b) => a.at - b.at)) {
    if (event.type !== 'scale') continue;
    replicas.set(`${event.namespace ?? 'default'}/${event.workload}`, event.replicas);
    peak = Math.max(peak, total());
  }
  return peak;
}

/**
 * Runs a scenario (for at most `maxSeconds` simulated seconds: a repeating scenario is cut there) on the engine from start to settled, as fast as it goes, and counts every object
 * write. The what-if simulator (issue 7) builds its costs and time series on this.
 */
export function runScenario(
  scenario: Scenario,
  seed: number,
  maxSeconds: number,
): SimulationCounts {
  const engine = new ClusterEngine(scenario, { seed, startTime: 0 });
  const lastEvent = Math.max(0, ...(scenario.events ?? []).map((event) => event.at));
  const end = Math.min(maxSeconds, lastEvent + SETTLE_SECONDS);
  const changes = Object.fromEntries(
    KINDS.map((kind) => [kind, { ADDED: 0, MODIFIED: 0, DELETED: 0 }]),
  ) as SimulationCounts['changes'];
  for (let time = 0; time <= end; time += 10) {
    for (const change of engine.advanceTo(Math.min(time, end))) changes[change.kind][change.type]++;
  }
  const objects = Object.fromEntries(
    KINDS.map((kind) => [kind, engine.store.list(kind).length]),
  ) as SimulationCounts['objects'];
  return { scenario: scenario.name, seed, simulatedSeconds: end, changes, objects };
}
