import type { Endpoints } from '../model/endpoints.ts';
import type { EndpointSlice, Pod, Service } from '../model/kubernetes.ts';
import type { SliceAction } from '../controller/finalize.ts';
import { reconcile } from '../controller/reconcile.ts';
import type { ReconcileMode } from '../controller/incrementalReconcile.ts';
import { isListedSliceOf, serviceWantsSlices } from '../controller/syncService.ts';
import { TriggerTimeTracker } from '../controller/triggerTimeTracker.ts';
import { syncServiceEndpoints } from '../legacy/endpointsController.ts';
import { syncMirroredEndpoints } from '../legacy/mirroring.ts';
import { TopologyCache } from '../topology/topologyCache.ts';
import { formatRfc3339Nano, formatTime } from './goTime.ts';
import { IncrementalSliceSync, type ReconcileStats } from './incrementalSliceSync.ts';
import type { ClusterNodes } from './nodes.ts';
import type { ObjectStore } from './objectStore.ts';
import { nameSuffix, uid, type Random } from './random.ts';
import type { ServiceIndex } from './serviceIndex.ts';

export type ControllerName = 'slices' | 'endpoints' | 'mirroring';

export interface ControllerDeps {
  store: ObjectStore;
  nodes: ClusterNodes;
  services: ServiceIndex;
  random: Random;
  /** The engine's clock, in ms since the epoch. */
  timestamp: () => number;
  maxEndpointsPerSlice: number;
  preferSameTrafficDistribution: boolean;
  /** How EndpointSlice syncs are computed (default full): the same calls either way. */
  reconcile?: ReconcileMode;
}

/**
 * kube-controller-manager's endpoint controllers inside the engine: one sync of one Service by
 * the EndpointSlice controller (with its topology cache and trigger-time tracker), the Endpoints
 * controller or the mirroring controller, and their writes applied as the API server stores them.
 */
export class ControllerRunner {
  private readonly topologyCache = new TopologyCache();
  private readonly sliceTriggerTimes = new TriggerTimeTracker();
  private readonly endpointsTriggerTimes = new TriggerTimeTracker();
  private readonly incremental: IncrementalSliceSync | undefined;

  constructor(private readonly deps: ControllerDeps) {
    if (deps.reconcile === 'incremental') this.incremental = new IncrementalSliceSync();
  }

  /** Node changes reach the topology cache; returns the Services whose hints no longer fit. */
  nodesChanged(): string[] {
    this.topologyCache.setNodes(this.deps.store.list('Node'));
    this.incremental?.nodesChanged(this.deps.nodes.byName());
    return this.topologyCache.getOverloadedServices();
  }

  /** A Pod write that can matter to the Service's endpoints (the incremental mode's input). */
  podChanged(serviceKey: string, podKey: string): void {
    this.incremental?.podChanged(serviceKey, podKey);
  }

  /** How the incremental mode computed its syncs; undefined in full mode. */
  reconcileStats(): ReconcileStats | undefined {
    return this.incremental?.stats;
  }

  run(controller: ControllerName, key: string): void {
    const service = this.deps.store.get('Service', key);
    if (controller === 'slices') {
      if (service) this.syncSlices(key, service);
      else {
        this.sliceTriggerTimes.deleteService(key);
        this.incremental?.forget(key);
      }
    } else if (controller === 'endpoints') {
      this.syncEndpoints(key, service);
    } else {
      this.syncMirroring(key, service);
    }
  }

  private selectedPods(key: string): Pod[] {
    const pods: Pod[] = [];
    for (const podKey of this.deps.services.podsSelectedBy(key)) {
      const pod = this.deps.store.get('Pod', podKey);
      if (pod) pods.push(pod);
    }
    return pods;
  }

  private syncSlices(key: string, service: Service): void {
    if (!serviceWantsSlices(service)) return;
    if (this.incremental) return this.syncSlicesIncrementally(this.incremental, key, service);
    const namespace = service.metadata.namespace ?? '';
    const pods = this.selectedPods(key);
    const triggerTime = this.sliceTriggerTimes.compute(key, service, pods);
    const slices = this.deps.store
      .inNamespace('EndpointSlice', namespace)
      .filter((slice) => isListedSliceOf(slice, service));
    const result = reconcile(service, pods, slices, this.deps.nodes.byName(), {
      maxEndpointsPerSlice: this.deps.maxEndpointsPerSlice,
      triggerTime: triggerTime === undefined ? undefined : formatRfc3339Nano(triggerTime),
      topologyCache: this.topologyCache,
      preferSameTrafficDistribution: this.deps.preferSameTrafficDistribution,
    });
    this.applySliceActions(namespace, result.actions);
  }

  private syncSlicesIncrementally(
    incremental: IncrementalSliceSync,
    key: string,
    service: Service,
  ): void {
    const { store, services } = this.deps;
    const namespace = service.metadata.namespace ?? '';
    const selected = services.podsSelectedBy(key);
    incremental.sync(
      key,
      service,
      this.deps.nodes.byName(),
      {
        maxEndpointsPerSlice: this.deps.maxEndpointsPerSlice,
        topologyCache: this.topologyCache,
        preferSameTrafficDistribution: this.deps.preferSameTrafficDistribution,
      },
      {
        podKeys: selected,
        pod: (podKey) => (selected.has(podKey) ? store.get('Pod', podKey) : undefined),
        listSlices: () =>
          store
            .inNamespace('EndpointSlice', namespace)
            .filter((slice) => isListedSliceOf(slice, service)),
        storedSlice: (name) => store.get('EndpointSlice', `${namespace}/${name}`),
        apply: (actions) => this.applySliceActions(namespace, actions),
      },
    );
  }

  private syncEndpoints(key: string, service: Service | undefined): void {
    const { store } = this.deps;
    const existing = store.get('Endpoints', key);
    if (service && !serviceWantsSlices(service)) return; // user-managed Endpoints stay theirs
    const pods = service ? this.selectedPods(key) : [];
    let triggerTime: number | undefined;
    if (service) triggerTime = this.endpointsTriggerTimes.compute(key, service, pods);
    else this.endpointsTriggerTimes.deleteService(key);
    const action = syncServiceEndpoints(service, pods, existing, {
      triggerTime: triggerTime === undefined ? undefined : formatRfc3339Nano(triggerTime),
    });
    if (!action) return;
    if (action.verb === 'delete') store.remove('Endpoints', key);
    else store.put('Endpoints', this.withServerMetadata(action.endpoints, existing));
  }

  private syncMirroring(key: string, service: Service | undefined): void {
    const [namespace = '', name = ''] = key.split('/');
    const { store } = this.deps;
    const mirroring = syncMirroredEndpoints(
      { namespace, name },
      store.get('Endpoints', key),
      service,
      store.inNamespace('EndpointSlice', namespace),
    );
    this.applySliceActions(namespace, mirroring.actions);
  }

  /** Applies a controller's calls as the API server stores them; returns them as stored. */
  private applySliceActions(namespace: string, actions: readonly SliceAction[]): SliceAction[] {
    const { store, random } = this.deps;
    const stored: SliceAction[] = [];
    for (const action of actions) {
      if (action.verb === 'delete') {
        store.remove('EndpointSlice', `${namespace}/${action.name}`);
        stored.push(action);
        continue;
      }
      const existing =
        action.verb === 'update'
          ? store.get('EndpointSlice', `${namespace}/${action.slice.metadata.name ?? ''}`)
          : undefined;
      let slice = action.slice;
      if (action.verb === 'create') {
        let name: string;
        do name = `${slice.metadata.generateName ?? ''}${nameSuffix(random)}`;
        while (store.get('EndpointSlice', `${namespace}/${name}`));
        const { generateName, ...metadata } = slice.metadata;
        slice = { ...slice, metadata: { name, generateName, ...metadata, namespace } };
      }
      const written = store.put('EndpointSlice', this.withServerMetadata(slice, existing));
      stored.push({ verb: action.verb, slice: written });
    }
    return stored;
  }

  /** uid, creationTimestamp and generation as the API server keeps them across writes. */
  private withServerMetadata<T extends EndpointSlice | Endpoints>(
    object: T,
    existing: T | undefined,
  ): T {
    return {
      ...object,
      metadata: {
        ...object.metadata,
        uid: existing?.metadata.uid ?? uid(this.deps.random),
        creationTimestamp:
          existing?.metadata.creationTimestamp ?? formatTime(this.deps.timestamp()),
        generation: (existing?.metadata.generation ?? 0) + 1,
      },
    };
  }
}
