import type { AddressType, EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';
import type { SliceAction } from '../controller/finalize.ts';
import { IncrementalReconciler, type SyncPath } from '../controller/incrementalReconcile.ts';
import { IncrementalTriggerTimes } from '../controller/incrementalTriggerTime.ts';
import { LABEL_TOPOLOGY_ZONE } from '../model/constants.ts';
import {
  getAddressTypesForService,
  reconcile,
  type ReconcileOptions,
} from '../controller/reconcile.ts';
import { OrderedPodEndpoints } from '../controller/orderedPodEndpoints.ts';
import { reconcileOneMapping, type SharedPortMapping } from '../controller/reconcileOneMapping.ts';
import { podIndependentPorts, portMapKey } from '../controller/ports.ts';
import { isListedSliceOf } from '../controller/syncService.ts';
import { formatRfc3339Nano } from './goTime.ts';

/** How the EndpointSlice syncs of an engine run were computed. */
export interface ReconcileStats {
  /** Syncs by how they were computed (see SyncPath). */
  paths: Record<SyncPath, number>;
  /** Rebuilds and full reconciles by reason. */
  reasons: Record<string, number>;
}

/** What one sync reads from and writes to the engine. */
export interface SliceSyncIO {
  /** The Pods the Service selects, by key. */
  pods: ReadonlyMap<string, Pod>;
  /** Scans the namespace for the slices syncService lists. */
  listSlices: () => EndpointSlice[];
  /** The stored slice of a name in the Service's namespace. */
  storedSlice: (name: string) => EndpointSlice | undefined;
  /** Applies the calls; returns them with the objects as stored (created ones named). */
  apply: (actions: readonly SliceAction[]) => SliceAction[];
}

/** Node changes kept before a Service that has not synced since is rebuilt instead. */
const NODE_LOG_LIMIT = 100_000;

/**
 * What the syncs of a small Service keep for reconcileOneMapping, per Service object (the
 * engine replaces a Service on every change).
 */
interface OneMappingState {
  service: Service;
  /** The Service's one address type. */
  addressType: AddressType;
  /**
   * The endpoint ports all its Pods get, undefined when a port is named or the Service has two
   * address types. Slices written with them carry that very array, so the next sync tells
   * their port mapping without building its key.
   */
  mapping: SharedPortMapping | undefined;
  /** Its Pods' endpoints as of its last sync, while they can be kept up to date. */
  pods: OrderedPodEndpoints | undefined;
}

/** Why a sync of a small Service runs the full reconcile. */
const SMALL_SERVICE = 'small Service (Pods for at most two slices)';

/**
 * The EndpointSlice controller's incremental mode inside the engine: one
 * {@link IncrementalReconciler} per Service, fed with the Pods the engine reports changed for it
 * and the Nodes whose zone or existence changed, with trigger times tracked from the same
 * changes. The engine calls `podChanged` for every Pod write that can matter to a Service (the
 * one it does not report, a Pending Pod bound to a Node, changes no endpoint, port mapping or
 * trigger time).
 *
 * A Service whose Pods fit in two slices is reconciled in full: nearly every change touches
 * every one of its slices, so keeping indexes would cost more than it saves. It switches to the
 * incremental reconcile above two slices' worth of Pods and back at one slice's worth or less.
 * Both give the same calls; the trigger times are tracked across the switch.
 */
export class IncrementalSliceSync {
  private readonly reconcilers = new Map<string, IncrementalReconciler>();
  private readonly changedPods = new Map<string, Set<string>>();
  private readonly triggerTimes = new IncrementalTriggerTimes();
  /** Per Service, the names of its slices (see listSlices). */
  private readonly knownSlices = new Map<string, Set<string>>();
  private zones = new Map<string, string | undefined>();
  /** Nodes that changed, in order; `nodeLogStart` is the position of its first entry. */
  private nodeLog: string[] = [];
  private nodeLogStart = 0;
  /** Per Service, the node log position it has seen. */
  private readonly nodesSeen = new Map<string, number>();
  /** Per small Service, what its one-port-mapping syncs keep (see OneMappingState). */
  private readonly oneMapping = new Map<string, OneMappingState>();
  readonly stats: ReconcileStats = {
    paths: { incremental: 0, rebuilt: 0, full: 0 },
    reasons: {},
  };

  podChanged(serviceKey: string, podKey: string): void {
    const changed = this.changedPods.get(serviceKey);
    if (changed) changed.add(podKey);
    else this.changedPods.set(serviceKey, new Set<string>().add(podKey));
  }

  /** Records the Nodes whose zone label or existence changed (all the reconcile reads of them). */
  nodesChanged(nodes: ReadonlyMap<string, Node>): void {
    const zones = new Map<string, string | undefined>();
    for (const [name, node] of nodes) {
      const zone = node.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
      zones.set(name, zone);
      if (!this.zones.has(name) || this.zones.get(name) !== zone) this.nodeLog.push(name);
    }
    for (const name of this.zones.keys()) if (!zones.has(name)) this.nodeLog.push(name);
    this.zones = zones;
    if (this.nodeLog.length > NODE_LOG_LIMIT) {
      this.nodeLogStart += this.nodeLog.length;
      this.nodeLog = [];
    }
  }

  forget(serviceKey: string): void {
    this.reconcilers.delete(serviceKey);
    this.changedPods.delete(serviceKey);
    this.nodesSeen.delete(serviceKey);
    this.knownSlices.delete(serviceKey);
    this.oneMapping.delete(serviceKey);
    this.triggerTimes.deleteService(serviceKey);
  }

  sync(
    key: string,
    service: Service,
    nodes: ReadonlyMap<string, Node>,
    options: Omit<ReconcileOptions, 'triggerTime'>,
    io: SliceSyncIO,
  ): void {
    const changed = this.changedPods.get(key) ?? new Set<string>();
    this.changedPods.delete(key);
    const nodeLogEnd = this.nodeLogStart + this.nodeLog.length;
    const seen = this.nodesSeen.get(key) ?? nodeLogEnd;
    this.nodesSeen.set(key, nodeLogEnd);
    let reconciler = this.reconcilers.get(key);
    const max = options.maxEndpointsPerSlice;
    const podCount = io.pods.size;
    if (reconciler && (podCount <= max || seen < this.nodeLogStart)) {
      this.reconcilers.delete(key);
      reconciler = undefined;
    }
    if (!reconciler && podCount > 2 * max) {
      reconciler = new IncrementalReconciler();
      this.reconcilers.set(key, reconciler);
    }
    // Every Pod write that can move a trigger time is reported, so the changed Pods suffice
    // unless the Service object is new (its selector may select other Pods now).
    const time = this.triggerTimes.needsAllPods(key, service)
      ? this.triggerTimes.computeAll(key, service, io.pods.values())
      : this.triggerTimes.computeChanged(key, service, changed, io.pods);
    if (!reconciler) {
      const triggerTime = time === undefined ? undefined : formatRfc3339Nano(time);
      const listed = this.listSlices(key, service, io);
      const full = { ...options, triggerTime };
      const state = this.oneMappingState(key, service);
      let actions: SliceAction[] | undefined;
      if (state.mapping) {
        const { addressType, mapping } = state;
        if (!state.pods || seen < nodeLogEnd || !state.pods.update(changed, io.pods, nodes))
          state.pods = new OrderedPodEndpoints(service, addressType, io.pods, nodes);
        actions = reconcileOneMapping(
          service,
          addressType,
          state.pods.endpoints,
          listed,
          full,
          mapping,
        );
      }
      actions ??= reconcile(service, [...io.pods.values()], listed, nodes, full).actions;
      this.count('full', SMALL_SERVICE);
      this.apply(key, actions, io);
      return;
    }
    // The incremental reconcile takes the changed Pods: kept endpoints would miss them.
    const state = this.oneMapping.get(key);
    if (state) state.pods = undefined;
    let allPods: [string, Pod][] | undefined;
    const readAllPods = () => (allPods ??= [...io.pods]);
    const result = reconciler.reconcile({
      service,
      nodes,
      options: {
        ...options,
        triggerTime: time === undefined ? undefined : formatRfc3339Nano(time),
      },
      allPods: readAllPods,
      changedPods: changed,
      pod: (podKey) => io.pods.get(podKey),
      changedNodes: this.nodeLog.slice(Math.max(0, seen - this.nodeLogStart)),
      listSlices: () => this.listSlices(key, service, io),
      // No stored slice to check the kept ones against: while the Service object stays, only
      // its syncs write the slices it owns (the garbage collector deletes them with the Service,
      // and a new Service object is a rebuild), so checking every slice at every sync would find
      // nothing and cost a lookup per slice.
    });
    this.count(result.path, result.reason);
    reconciler.commit(this.apply(key, result.actions, io));
  }

  private oneMappingState(key: string, service: Service): OneMappingState {
    const known = this.oneMapping.get(key);
    if (known?.service === service) return known;
    const [addressType, otherType] = getAddressTypesForService(service);
    const ports = podIndependentPorts(service);
    const state: OneMappingState = {
      service,
      addressType: addressType ?? 'IPv4',
      mapping:
        ports && addressType !== undefined && otherType === undefined
          ? { ports, key: portMapKey(ports) }
          : undefined,
      pods: undefined,
    };
    this.oneMapping.set(key, state);
    return state;
  }

  /**
   * The Service's listed slices: the namespace is scanned once, then the slices are the ones
   * its syncs wrote, read back to see changes (in the engine only this controller adds managed
   * slices; the garbage collector only deletes them).
   */
  private listSlices(key: string, service: Service, io: SliceSyncIO): EndpointSlice[] {
    const known = this.knownSlices.get(key);
    if (!known) {
      const listed = io.listSlices();
      this.knownSlices.set(key, new Set(listed.map((slice) => slice.metadata.name ?? '')));
      return listed;
    }
    const listed: EndpointSlice[] = [];
    for (const name of known) {
      const slice = io.storedSlice(name);
      if (!slice) known.delete(name);
      else if (isListedSliceOf(slice, service)) listed.push(slice);
    }
    return listed;
  }

  private apply(key: string, actions: readonly SliceAction[], io: SliceSyncIO): SliceAction[] {
    const stored = io.apply(actions);
    const known = this.knownSlices.get(key);
    for (const action of stored) {
      if (action.verb === 'delete') known?.delete(action.name);
      else known?.add(action.slice.metadata.name ?? '');
    }
    return stored;
  }

  private count(path: SyncPath, reason: string | undefined): void {
    this.stats.paths[path]++;
    if (reason !== undefined) this.stats.reasons[reason] = (this.stats.reasons[reason] ?? 0) + 1;
  }
}
