import { ClusterEngine, type ObjectChange, type Scenario } from '@slicescope/core';

/**
 * A scenario's cluster as it stands once settled (every workload's Pods running, the controllers'
 * objects written), built by the engine, and how long that took: the starting state of benches.
 */
export function settledCluster(scenario: Scenario): {
  engine: ClusterEngine;
  changes: ObjectChange[];
  buildMs: number;
} {
  const start = performance.now();
  const engine = new ClusterEngine(scenario, {
    seed: 1,
    startTime: Date.UTC(2026, 0, 1),
    settled: true,
  });
  const changes = engine.advanceTo(0);
  return { engine, changes, buildMs: performance.now() - start };
}
