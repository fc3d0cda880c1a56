import type { SimulationSnapshotView } from '@slicescope/contract';
import {
  simulate,
  simulateQuick,
  simulationSnapshot,
  type QuickSimulation,
  type Scenario,
  type SimulationHooks,
  type SimulationOptions,
  type SimulationReport,
  type SnapshotTarget,
} from '@slicescope/core';
import { snapshotView } from './snapshotView.ts';

/**
 * One simulation to run: a scenario, or the quick form, with its options (seed included); with a
 * `snapshot` target, the run is replayed up to that point and the cluster then is the result.
 */
export type SimulationJob = (
  | { scenario: Scenario; options: SimulationOptions }
  | { quick: QuickSimulation; options: SimulationOptions }
) & { snapshot?: SnapshotTarget };

export type JobResult =
  | { kind: 'report'; report: SimulationReport }
  | { kind: 'snapshot'; snapshot: SimulationSnapshotView };

export function runJob(job: SimulationJob, hooks: SimulationHooks = {}): JobResult {
  if (job.snapshot) {
    const input = 'quick' in job ? { quick: job.quick } : { scenario: job.scenario };
    const snapshot = simulationSnapshot(input, job.options, job.snapshot);
    return { kind: 'snapshot', snapshot: snapshotView(snapshot) };
  }
  const report =
    'quick' in job
      ? simulateQuick(job.quick, job.options, hooks)
      : simulate(job.scenario, job.options, hooks);
  return { kind: 'report', report };
}

/**
 * Whether the job is arithmetic rather than a run of the engine: the quick form in paper mode,
 * not replayed for a snapshot (KEP-0752's formulas, done in well under a millisecond). It needs
 * neither the worker nor its budgets, so it never waits for another run.
 */
export function isArithmetic(job: SimulationJob): boolean {
  return 'quick' in job && job.options.mode === 'paper' && job.snapshot === undefined;
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
