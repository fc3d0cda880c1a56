import {
  applySliceActions,
  proxyView,
  sequentialNames,
  syncService,
  TopologyCache,
  type ProxyBehaviour,
  type ProxyView,
  type Reconciliation,
} from '@slicescope/core';
import type { ReconcileInput } from './inputSchema.ts';

/** What `slicescope reconcile` adds to each result beyond the calls. */
export interface ReconcileFlags {
  /** `--proxy-view NODE`: the node whose kube-proxy view to add. */
  proxyViewNode?: string | undefined;
  /** `--proxy-version`: which kube-proxy release's rules the view follows. */
  proxyBehaviour?: ProxyBehaviour | undefined;
}

/** The result document of one input, exactly as `slicescope reconcile` prints it. */
export interface ReconcileOutput {
  actions: Reconciliation['actions'];
  error: boolean;
  metrics: Reconciliation['metrics'];
  proxyView?: ProxyView;
}

export type RunResult =
  { ok: true; output: ReconcileOutput; errors: string[] } | { ok: false; error: string };

/** Runs one sync of the controller on a parsed input, and what the flags ask for on top. */
export function runReconcile(input: ReconcileInput, flags: ReconcileFlags = {}): RunResult {
  const { service, pods, nodes, existingSlices, options } = input;
  const viewNode =
    flags.proxyViewNode === undefined
      ? undefined
      : nodes.find((node) => node.metadata.name === flags.proxyViewNode);
  if (flags.proxyViewNode !== undefined && !viewNode) {
    return { ok: false, error: `--proxy-view: node "${flags.proxyViewNode}" is not in nodes` };
  }
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
  const output: ReconcileOutput = {
    actions: result.actions,
    error: result.errors.length > 0,
    metrics: result.metrics,
  };
  if (viewNode) {
    // kube-proxy sees the slices as they are once the calls are made.
    const after = applySliceActions(existingSlices, result.actions, sequentialNames());
    output.proxyView = proxyView(service, after, viewNode, flags.proxyBehaviour);
  }
  return { ok: true, output, errors: result.errors };
}
