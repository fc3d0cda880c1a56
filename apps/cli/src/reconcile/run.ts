import { syncService, TopologyCache, type Reconciliation } from '@slicescope/core';
import type { ReconcileInput } from './inputSchema.ts';

/** The result document of one input, exactly as `slicescope reconcile` prints it. */
export interface ReconcileOutput {
  actions: Reconciliation['actions'];
  error: boolean;
  metrics: Reconciliation['metrics'];
}

/** Runs one sync of the controller on a parsed input. */
export function runReconcile(input: ReconcileInput): { output: ReconcileOutput; errors: string[] } {
  const { service, pods, nodes, existingSlices, options } = input;
  // A fresh topology cache, as kube-controller-manager's after it has seen these Nodes.
  let topologyCache: TopologyCache | undefined;
  if (options.topologyCache) {
    topologyCache = new TopologyCache();
    topologyCache.setNodes(nodes);
  }
  const result = syncService(service, pods, nodes, existingSlices, {
    maxEndpointsPerSlice: options.maxEndpointsPerSlice,
    triggerTime: options.triggerTime,
    topologyCache,
    preferSameTrafficDistribution: options.preferSameTrafficDistribution,
  });
  return {
    output: { actions: result.actions, error: result.errors.length > 0, metrics: result.metrics },
    errors: result.errors,
  };
}
