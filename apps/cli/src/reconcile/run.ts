import {
  applySliceActions,
  explainHints,
  LABEL_SERVICE_NAME,
  proxyView,
  sequentialNames,
  serviceWantsSlices,
  syncMirroredEndpoints,
  syncService,
  syncServiceEndpoints,
  TopologyCache,
  emptySyncMetrics,
  type Endpoints,
  type HintsExplanation,
  type ProxyBehaviour,
  type ProxyView,
  type Reconciliation,
  type SyncMetrics,
} from '@slicescope/core';
import type { ReconcileInput } from './inputSchema.ts';

/** What `slicescope reconcile` adds to each result beyond the calls. */
export interface ReconcileFlags {
  /** `--explain`: add why the Service's slices carry hints or not, per address family. */
  explain?: boolean | undefined;
  /** `--endpoints`: add the v1 Endpoints object; mirror a selector-less Service's Endpoints. */
  endpoints?: boolean | undefined;
  /** `--proxy-view NODE`: the node whose kube-proxy view to add. */
  proxyViewNode?: string | undefined;
  /** `--proxy-version`: which kube-proxy release's rules the view follows. */
  proxyBehaviour?: ProxyBehaviour | undefined;
  /**
   * `--max-endpoints-per-slice`: the controller's flag of that name. It wins over the input's
   * options.maxEndpointsPerSlice, so that saved inputs can be replayed under another setting.
   */
  maxEndpointsPerSlice?: number | undefined;
}

/** The result document of one input, exactly as `slicescope reconcile` prints it. */
export interface ReconcileOutput {
  actions: Reconciliation['actions'];
  error: boolean;
  metrics: SyncMetrics;
  endpoints?: Endpoints | null;
  explanation?: HintsExplanation[];
  proxyView?: ProxyView;
}

export type RunResult =
  | { ok: true; output: ReconcileOutput; errors: string[]; warnings: string[] }
  | { ok: false; error: string };

/** The EndpointSlice controller's sync, with a fresh topology cache that has seen the Nodes. */
function sliceSync(input: ReconcileInput, flags: ReconcileFlags): Reconciliation {
  const { service, pods, nodes, existingSlices, options } = input;
  let topologyCache: TopologyCache | undefined;
  if (options.topologyCache) {
    topologyCache = new TopologyCache();
    topologyCache.setNodes(nodes);
  }
  return syncService(service, pods, nodes, existingSlices, {
    maxEndpointsPerSlice: flags.maxEndpointsPerSlice ?? options.maxEndpointsPerSlice,
    triggerTime: options.triggerTime,
    topologyCache,
    preferSameTrafficDistribution: options.preferSameTrafficDistribution,
  });
}

/** The mirroring controller's metrics that have a namesake among the EndpointSlice controller's. */
const MIRRORING_METRICS = [
  'desiredSlices',
  'actualSlices',
  'desiredEndpoints',
  'addedPerSync',
  'removedPerSync',
  'numCreated',
  'numUpdated',
  'numDeleted',
] as const;

/**
 * The mirroring controller's sync for a selector-less Service whose Endpoints object was given;
 * its metrics under the EndpointSlice controller's names (those it lacks stay 0).
 */
function mirrorSync(input: ReconcileInput, endpoints: Endpoints): Reconciliation {
  const { service, existingSlices } = input;
  const key = { namespace: service.metadata.namespace, name: service.metadata.name };
  const mirroring = syncMirroredEndpoints(key, endpoints, service, existingSlices);
  const metrics = emptySyncMetrics();
  for (const name of MIRRORING_METRICS) metrics[name] = mirroring.metrics[name];
  return { actions: mirroring.actions, errors: [], events: mirroring.events, metrics };
}

/** Runs one sync of the controllers on a parsed input, and what the flags ask for on top. */
export function runReconcile(input: ReconcileInput, flags: ReconcileFlags = {}): RunResult {
  const { service, pods, nodes, existingSlices, options } = input;
  const viewNode =
    flags.proxyViewNode === undefined
      ? undefined
      : nodes.find((node) => node.metadata.name === flags.proxyViewNode);
  if (flags.proxyViewNode !== undefined && !viewNode) {
    return { ok: false, error: `--proxy-view: node "${flags.proxyViewNode}" is not in nodes` };
  }
  const mirrored =
    flags.endpoints &&
    input.endpoints &&
    !serviceWantsSlices(service) &&
    service.spec.type !== 'ExternalName';
  const result = mirrored
    ? mirrorSync(input, input.endpoints as Endpoints)
    : sliceSync(input, flags);
  const output: ReconcileOutput = {
    actions: result.actions,
    error: result.errors.length > 0,
    metrics: result.metrics,
  };
  if (flags.endpoints) {
    const action = syncServiceEndpoints(service, pods, input.endpoints, {
      triggerTime: options.triggerTime,
    });
    // What the Endpoints controller holds after the sync: what it writes, or the unchanged object.
    output.endpoints =
      action === undefined
        ? service.spec.selector == null || service.spec.type === 'ExternalName'
          ? null
          : (input.endpoints ?? null)
        : action.verb === 'delete'
          ? null
          : action.endpoints;
  }
  // The explanation and kube-proxy see the slices as they are once the calls are made.
  const after =
    flags.explain || viewNode
      ? applySliceActions(existingSlices, result.actions, sequentialNames())
      : [];
  if (flags.explain) {
    const own = after.filter(
      (slice) => slice.metadata.labels?.[LABEL_SERVICE_NAME] === service.metadata.name,
    );
    output.explanation = explainHints(service, own, nodes, {
      topologyCache: options.topologyCache,
      preferSameTrafficDistribution: options.preferSameTrafficDistribution,
    });
  }
  if (viewNode) output.proxyView = proxyView(service, after, viewNode, flags.proxyBehaviour);
  return {
    ok: true,
    output,
    errors: result.errors,
    warnings: result.events
      .filter((event) => event.type === 'Warning')
      .map((event) => `${event.reason}: ${event.message}`),
  };
}
