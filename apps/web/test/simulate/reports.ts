import { simulateQuick, type SimulationReport } from '@slicescope/core';

/** Real reports of the simulator, made once per test file. */

let kep: SimulationReport | undefined;
let model: SimulationReport | undefined;

/** KEP-0752 Sample Case 1, rolling update, paper mode (scale-facts.md §1.1). */
export function kepRollout(): SimulationReport {
  kep ??= simulateQuick({ pods: 20000, nodes: 5000, operation: 'rollout' }, { mode: 'paper' });
  return kep;
}

/** A small rollout in model mode: several steps, JSON and protobuf bytes. */
export function modelRollout(): SimulationReport {
  model ??= simulateQuick({ pods: 60, nodes: 6, zones: 3, operation: 'rollout' });
  return model;
}
