import {
  simulate,
  simulateQuick,
  type QuickSimulation,
  type Scenario,
  type SimulationHooks,
  type SimulationOptions,
  type SimulationReport,
} from '@slicescope/core';

/** One simulation to run: a scenario, or the quick form, with its options (seed included). */
export type SimulationJob =
  | { scenario: Scenario; options: SimulationOptions }
  | { quick: QuickSimulation; options: SimulationOptions };

export function runJob(job: SimulationJob, hooks: SimulationHooks = {}): SimulationReport {
  return 'quick' in job
    ? simulateQuick(job.quick, job.options, hooks)
    : simulate(job.scenario, job.options, hooks);
}

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
