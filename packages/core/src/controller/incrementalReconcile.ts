import type { Endpoint, EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';
import { hintsEnabled } from '../topology/topologyMode.ts';
import { validTrafficDistribution } from '../topology/trafficDistribution.ts';
import type { SliceAction } from './finalize.ts';
import { finishAddressType } from './incrementalFinish.ts';
import { planAddressType } from './incrementalPlan.ts';
import { addSlice, removeSlice, wroteSlice, type HintStage } from './incrementalSliceIndex.ts';
import { emptyState, missingNodeErrors, updatePod, type ServiceState } from './incrementalState.ts';
import { emptySyncMetrics, servicePortTotals } from './metrics.ts';
import {
  getAddressTypesForService,
  reconcile,
  type ReconcileOptions,
  type Reconciliation,
} from './reconcile.ts';
import { ownedBy } from './slices.ts';

/** How the EndpointSlice controller computes a sync: from scratch, or from what changed. */
export type ReconcileMode = 'full' | 'incremental';

/** One sync's inputs for {@link IncrementalReconciler}. */
export interface IncrementalSyncInput {
  service: Service;
  nodes: ReadonlyMap<string, Node>;
  options: ReconcileOptions;
  /** Every Pod the selector matches, with its key; read only when the state is (re)built. */
  allPods: () => Iterable<readonly [string, Pod]>;
  /** Keys of the Pods that changed, appeared or went since the previous sync (more is fine). */
  changedPods: Iterable<string>;
  /** The Pod of a key now; undefined when it is gone or no longer selected. */
  pod: (key: string) => Pod | undefined;
  /** Nodes added, removed or relabelled since the previous sync (more is fine). */
  changedNodes: Iterable<string>;
  /** The slices syncService lists for the Service; read only when the state is (re)built. */
  listSlices: () => readonly EndpointSlice[];
  /**
   * The stored slice of a name, to check that the slices kept are still the stored ones: a slice
   * changed or deleted by someone else is noticed. One added by someone else is not, unless
   * `slicesAddedElsewhere` says so (upstream learns of it from its slice informer).
   */
  storedSlice?: (name: string) => EndpointSlice | undefined;
  /** A slice was added to the Service's listed slices by someone else since the previous sync. */
  slicesAddedElsewhere?: boolean;
}

/**
 * How a sync was computed: `incremental` from the kept state, `rebuilt` with the state built
 * anew first (the first sync, a new Service object or options, slices changed by others), or
 * `full` by the full reconcile, for what the incremental one does not model.
 */
export type SyncPath = 'incremental' | 'rebuilt' | 'full';

export interface IncrementalReconciliation extends Reconciliation {
  path: SyncPath;
  /** Why the state was rebuilt, or why the full reconcile ran. */
  reason?: string;
}

function hintStage(service: Service, options: ReconcileOptions): HintStage {
  const topologyHints = hintsEnabled(service);
  if (options.topologyCache && topologyHints) return { kind: 'topology' };
  const value = service.spec.trafficDistribution;
  if (validTrafficDistribution(value, options.preferSameTrafficDistribution) && !topologyHints) {
    return { kind: 'trafficDistribution', value };
  }
  return { kind: 'remove' };
}

interface Kept {
  state: ServiceState;
  stage: HintStage;
  options: ReconcileOptions;
  /** The calls of the last sync are not committed yet. */
  pending: boolean;
  /** Per address type, the plans' placedPrefix of the last sync. */
  placedPrefix: Map<string, number>[];
  /** The plans' staleOf of the last sync, all address types together. */
  staleOf: Map<Endpoint[], Map<string, Endpoint>>;
}

/**
 * The EndpointSlice reconcile of one Service that keeps its indexes between syncs (existing
 * slices by port mapping, endpoint → slice, desired endpoints by Pod) and looks only at what
 * changed: the Pods and Nodes it is told about, and the slices holding their endpoints. It
 * makes exactly the calls, with the same slices, events, errors and metrics, that
 * {@link reconcile} makes on the same inputs; the property tests hold it to that.
 *
 * After each sync the caller applies the calls and hands the stored results to {@link commit}.
 * The full reconcile runs instead (and the state is rebuilt at the next sync) while the Service
 * is being deleted, or when its listed slices include ones it does not own, ones of an address
 * type it no longer wants, or two endpoints of one Pod in one port mapping: the full reconcile
 * resolves those by slice order and deletes them, and it is simpler to let it. Topology-aware
 * hints are allocated over every slice of the Service at every sync, as upstream does (the
 * allocation is global), so a Service with `topology-mode: Auto` still pays that in full.
 */
export class IncrementalReconciler {
  private kept: Kept | undefined;

  reconcile(input: IncrementalSyncInput): IncrementalReconciliation {
    const rebuildReason = this.staleReason(input);
    if (rebuildReason !== undefined) {
      this.kept = undefined;
      const fullReason = this.rebuild(input);
      if (fullReason !== undefined) return this.full(input, fullReason);
    } else {
      this.update(input);
    }
    const kept = this.kept as Kept;
    kept.pending = true;
    const result = this.sync(kept, input.options);
    return rebuildReason === undefined
      ? { ...result, path: 'incremental' }
      : { ...result, path: 'rebuilt', reason: rebuildReason };
  }

  /** Records the calls of the last sync as the API server stored them (creates with names). */
  commit(actions: readonly SliceAction[]): void {
    const kept = this.kept;
    if (!kept?.pending) return;
    kept.pending = false;
    const { types } = kept.state;
    for (const action of actions) {
      if (action.verb === 'delete') {
        for (const type of types) removeSlice(type, action.name);
        continue;
      }
      const type = types.find((candidate) => candidate.addressType === action.slice.addressType);
      if (!type) {
        this.kept = undefined;
        return;
      }
      const name = action.slice.metadata.name ?? '';
      const known = kept.placedPrefix[types.indexOf(type)]?.get(name);
      // A slice the plan neither packed nor deleted was only rewritten for its hints.
      const prefix = known ?? (type.slices.has(name) ? (action.slice.endpoints?.length ?? 0) : 0);
      const endpoints = action.slice.endpoints ?? [];
      wroteSlice(type, action.slice, prefix, kept.staleOf.get(endpoints));
    }
  }

  /** Why the kept state cannot be used for this sync; undefined when it can. */
  private staleReason(input: IncrementalSyncInput): string | undefined {
    const kept = this.kept;
    if (!kept) return 'no state';
    if (kept.pending) return 'previous calls not committed';
    if (kept.state.service !== input.service) return 'Service changed';
    const { options } = input;
    if (
      kept.options.maxEndpointsPerSlice !== options.maxEndpointsPerSlice ||
      kept.options.preferSameTrafficDistribution !== options.preferSameTrafficDistribution ||
      kept.options.topologyCache !== options.topologyCache
    ) {
      return 'options changed';
    }
    if (input.slicesAddedElsewhere) return 'slices added elsewhere';
    if (input.storedSlice) {
      for (const type of kept.state.types) {
        for (const [name, record] of type.slices) {
          if (input.storedSlice(name) !== record.slice) return 'slices changed elsewhere';
        }
      }
    }
    return undefined;
  }

  /** Builds the state from every Pod and listed slice; returns why it cannot, if it cannot. */
  private rebuild(input: IncrementalSyncInput): string | undefined {
    const { service, options } = input;
    if (service.metadata.deletionTimestamp != null) return 'Service being deleted';
    const addressTypes = getAddressTypesForService(service);
    const slices = input.listSlices();
    for (const slice of slices) {
      if (!addressTypes.includes(slice.addressType)) return 'slices of an unwanted address type';
      if (!ownedBy(slice, service)) return 'slices the Service does not own';
    }
    const state = emptyState(service, addressTypes);
    const stage = hintStage(service, options);
    // Pods first: adding a slice then finds which desired endpoints it already holds.
    for (const [key, pod] of input.allPods()) updatePod(state, key, pod, input.nodes);
    for (const slice of slices) {
      const type = state.types[addressTypes.indexOf(slice.addressType)]!;
      if (!addSlice(type, slice, service, stage)) return 'two endpoints of one Pod';
      type.candidates.add(slice.metadata.name ?? '');
    }
    this.kept = { state, stage, options, pending: false, placedPrefix: [], staleOf: new Map() };
    return undefined;
  }

  /** Applies the Pods and Nodes that changed to the kept state. */
  private update(input: IncrementalSyncInput): void {
    const { state } = this.kept as Kept;
    // Bringing a Pod up to date twice does no harm, so the keys need not be unique.
    for (const key of input.changedPods) updatePod(state, key, input.pod(key), input.nodes);
    const nodes = new Set(input.changedNodes);
    if (nodes.size === 0) return;
    // Node changes are rare (a zone relabelled, a Node added or removed): a scan will do.
    for (const [key, record] of [...state.pods]) {
      if (nodes.has(record.nodeName)) updatePod(state, key, input.pod(key), input.nodes);
    }
  }

  private full(input: IncrementalSyncInput, reason: string): IncrementalReconciliation {
    const pods = [...input.allPods()].map(([, pod]) => pod);
    const result = reconcile(input.service, pods, input.listSlices(), input.nodes, input.options);
    return { ...result, path: 'full', reason };
  }

  /** reconcile's loop over address types, on the kept state. */
  private sync(kept: Kept, options: ReconcileOptions): Reconciliation {
    const { state } = kept;
    const { service } = state;
    const metrics = emptySyncMetrics();
    const result: Reconciliation = { actions: [], errors: [], events: [], metrics };
    kept.placedPrefix = [];
    kept.staleOf = new Map();
    const topologyLabel = options.topologyCache && hintsEnabled(service) ? 'Auto' : 'Disabled';
    const honoured = kept.stage.kind === 'trafficDistribution' ? kept.stage.value : undefined;
    for (const type of state.types) {
      const plan = planAddressType(service, type, options.maxEndpointsPerSlice);
      kept.placedPrefix.push(plan.placedPrefix);
      for (const [endpoints, stale] of plan.staleOf) kept.staleOf.set(endpoints, stale);
      const outcome = finishAddressType(service, type, plan, kept.stage, options);
      result.actions.push(...outcome.actions);
      result.errors.push(...missingNodeErrors(state));
      result.events.push(...outcome.events);
      metrics.addedPerSync += plan.added;
      metrics.removedPerSync += plan.removed;
      Object.assign(
        metrics,
        servicePortTotals(plan.portMappings.values(), options.maxEndpointsPerSlice),
      );
      if (honoured) metrics.slicesChangedPerSyncTrafficDist += outcome.slicesChanged;
      else if (topologyLabel === 'Auto')
        metrics.slicesChangedPerSyncTopology += outcome.slicesChanged;
      else metrics.slicesChangedPerSync += outcome.slicesChanged;
    }
    if (honoured) metrics.servicesCountByTrafficDistribution = { [honoured]: 1 };
    for (const action of result.actions) {
      if (action.verb === 'create') metrics.numCreated++;
      else if (action.verb === 'update') metrics.numUpdated++;
      else metrics.numDeleted++;
    }
    return result;
  }
}
