import type { Endpoints, EndpointSubset } from '../model/endpoints.ts';
import type { EndpointSlice, Pod, Service } from '../model/kubernetes.ts';
import type { SliceAction } from '../controller/finalize.ts';
import { PodEndpoints } from '../controller/podEndpoints.ts';
import { reconcile } from '../controller/reconcile.ts';
import type { ReconcileMode } from '../controller/incrementalReconcile.ts';
import { isListedSliceOf, serviceWantsSlices } from '../controller/syncService.ts';
import { TriggerTimeTracker } from '../controller/triggerTimeTracker.ts';
import { IncrementalTriggerTimes } from '../controller/incrementalTriggerTime.ts';
import { desiredEndpointsSubsets, syncServiceEndpoints } from '../legacy/endpointsController.ts';
import { IncrementalEndpoints } from '../legacy/incrementalEndpoints.ts';
import { PodContributions } from '../legacy/podContribution.ts';
import { syncMirroredEndpoints } from '../legacy/mirroring.ts';
import { TopologyCache } from '../topology/topologyCache.ts';
import { formatRfc3339Nano, formatTime } from './goTime.ts';
import {
  IncrementalSliceSync,
  type ReconcileStats,
  type SliceSyncIO,
} from './incrementalSliceSync.ts';
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
  /**
   * How the EndpointSlice and Endpoints controllers compute their syncs (default full): the same
   * calls either way.
   */
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
  private readonly endpointsTriggerTimes = new IncrementalTriggerTimes();
  /** Per Service, the Pods written since its last Endpoints sync, for the trigger time. */
  private readonly endpointsChangedPods = new Map<string, Set<string>>();
  private readonly endpointsContributions = new PodContributions();
  private readonly incremental: IncrementalSliceSync | undefined;
  private readonly incrementalEndpoints: IncrementalEndpoints | undefined;
  private readonly podEndpoints = new PodEndpoints();
  private readonly sliceIO = new Map<string, { service: Service; io: SliceSyncIO }>();

  constructor(private readonly deps: ControllerDeps) {
    if (deps.reconcile === 'incremental') {
      this.incremental = new IncrementalSliceSync();
      this.incrementalEndpoints = new IncrementalEndpoints(this.endpointsContributions);
    }
  }

  /** Node changes reach the topology cache; returns the Services whose hints no longer fit. */
  nodesChanged(): string[] {
    this.topologyCache.setNodes(this.deps.store.list('Node'));
    this.incremental?.nodesChanged(this.deps.nodes.byName());
    return this.topologyCache.getOverloadedServices();
  }

  /**
   * A Pod write that can matter to the Service's endpoints: the incremental mode's input, and
   * what moves the Endpoints controller's trigger times.
   */
  podChanged(serviceKey: string, podKey: string): void {
    this.incremental?.podChanged(serviceKey, podKey);
    const changed = this.endpointsChangedPods.get(serviceKey);
    if (changed) changed.add(podKey);
    else this.endpointsChangedPods.set(serviceKey, new Set<string>().add(podKey));
  }

  /**
   * The subsets the Endpoints controller wants for a Service now, before truncation to 1000
   * addresses: those of its last sync when the Pods written since left them as they were, else
   * computed anew.
   */
  desiredEndpointsSubsets(key: string): EndpointSubset[] {
    const service = this.deps.store.get('Service', key);
    if (!service) return [];
    const kept = this.incrementalEndpoints?.desired(
      key,
      service,
      this.deps.services.podsSelectedBy(key),
      this.endpointsChangedPods.get(key) ?? [],
    );
    return (
      kept ?? desiredEndpointsSubsets(service, this.selectedPods(key), this.endpointsContributions)
    );
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
        this.sliceIO.delete(key);
      }
    } else if (controller === 'endpoints') {
      this.syncEndpoints(key, service);
    } else {
      this.syncMirroring(key, service);
    }
  }

  private selectedPods(key: string): Pod[] {
    const pods: Pod[] = [];
    for (const pod of this.deps.services.podsSelectedBy(key).values()) pods.push(pod);
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
      podEndpoints: this.podEndpoints,
    });
    this.applySliceActions(namespace, result.actions, true);
  }

  private syncSlicesIncrementally(
    incremental: IncrementalSliceSync,
    key: string,
    service: Service,
  ): void {
    incremental.sync(
      key,
      service,
      this.deps.nodes.byName(),
      {
        maxEndpointsPerSlice: this.deps.maxEndpointsPerSlice,
        topologyCache: this.topologyCache,
        preferSameTrafficDistribution: this.deps.preferSameTrafficDistribution,
        podEndpoints: this.podEndpoints,
      },
      this.sliceSyncIO(key, service),
    );
  }

  /** What the incremental syncs of a Service read and write, kept while its objects stay. */
  private sliceSyncIO(key: string, service: Service): SliceSyncIO {
    const pods = this.deps.services.podsSelectedBy(key);
    const known = this.sliceIO.get(key);
    if (known?.service === service && known.io.pods === pods) return known.io;
    const { store } = this.deps;
    const namespace = service.metadata.namespace ?? '';
    const sliceKeys = new Map<string, string>();
    const io: SliceSyncIO = {
      pods,
      listSlices: () =>
        store
          .inNamespace('EndpointSlice', namespace)
          .filter((slice) => isListedSliceOf(slice, service)),
      storedSlice: (name) => {
        // Each sync reads its slices back: their store keys are built once.
        let sliceKey = sliceKeys.get(name);
        if (sliceKey === undefined) {
          sliceKey = `${namespace}/${name}`;
          sliceKeys.set(name, sliceKey);
        }
        return store.get('EndpointSlice', sliceKey);
      },
      apply: (actions) => this.applySliceActions(namespace, actions, true),
    };
    this.sliceIO.set(key, { service, io });
    return io;
  }

  private syncEndpoints(key: string, service: Service | undefined): void {
    const { store } = this.deps;
    const existing = store.get('Endpoints', key);
    const changed = this.endpointsChangedPods.get(key);
    this.endpointsChangedPods.delete(key);
    if (service && !serviceWantsSlices(service)) return; // user-managed Endpoints stay theirs
    let triggerTime: number | undefined;
    if (service) triggerTime = this.endpointsTriggerTime(key, service, changed);
    else {
      this.endpointsTriggerTimes.deleteService(key);
      this.incrementalEndpoints?.forget(key);
    }
    const triggerText = triggerTime === undefined ? undefined : formatRfc3339Nano(triggerTime);
    const action =
      service && this.incrementalEndpoints
        ? this.incrementalEndpoints.sync(
            key,
            service,
            this.deps.services.podsSelectedBy(key),
            changed ?? [],
            existing,
            triggerText,
          )
        : syncServiceEndpoints(service, service ? this.selectedPods(key) : [], existing, {
            triggerTime: triggerText,
            contributions: this.endpointsContributions,
          });
    let stored = existing;
    if (action?.verb === 'delete') {
      store.remove('Endpoints', key);
      stored = undefined;
    } else if (action) {
      // endpointsCall builds every object it returns: the server's fields go on it in place.
      stored = store.put('Endpoints', this.stampServerMetadata(action.endpoints, existing), true);
    }
    this.incrementalEndpoints?.stored(key, stored);
  }

  /**
   * The Endpoints controller's trigger time (TriggerTimeTracker's), from the Pods written since
   * the last sync: every write that can move one is reported, so they suffice unless the Service
   * object is new (its selector may select other Pods now).
   */
  private endpointsTriggerTime(
    key: string,
    service: Service,
    changed: ReadonlySet<string> | undefined,
  ): number | undefined {
    const times = this.endpointsTriggerTimes;
    const selected = this.deps.services.podsSelectedBy(key);
    if (times.needsAllPods(key, service)) return times.computeAll(key, service, selected.values());
    return times.computeChanged(key, service, changed ?? [], selected);
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

  /**
   * Applies a controller's calls as the API server stores them; returns them as stored. With
   * `built`, the slices and their metadata are the caller's own new objects (finalize builds
   * every slice the EndpointSlice controller writes), so the server's fields go on them in place.
   */
  private applySliceActions(
    namespace: string,
    actions: readonly SliceAction[],
    built = false,
  ): SliceAction[] {
    const { store, random } = this.deps;
    const stored: SliceAction[] = [];
    for (const action of actions) {
      if (action.verb === 'delete') {
        store.remove('EndpointSlice', `${namespace}/${action.name}`);
        stored.push(action);
        continue;
      }
      let slice = action.slice;
      let key = `${namespace}/${slice.metadata.name ?? ''}`;
      const existing = action.verb === 'update' ? store.get('EndpointSlice', key) : undefined;
      if (action.verb === 'create') {
        let name: string;
        do {
          name = `${slice.metadata.generateName ?? ''}${nameSuffix(random)}`;
          key = `${namespace}/${name}`;
        } while (store.get('EndpointSlice', key));
        const { generateName, ...metadata } = slice.metadata;
        slice = { ...slice, metadata: { name, generateName, ...metadata, namespace } };
      }
      const own = built || action.verb === 'create';
      const written = store.put(
        'EndpointSlice',
        own ? this.stampServerMetadata(slice, existing) : this.withServerMetadata(slice, existing),
        true,
        key,
      );
      stored.push({ verb: action.verb, slice: written });
    }
    return stored;
  }

  /**
   * uid, creationTimestamp and generation as the API server keeps them across writes, on a copy
   * with its own metadata (the store may stamp it in place).
   */
  private withServerMetadata<T extends EndpointSlice | Endpoints>(
    object: T,
    existing: T | undefined,
  ): T {
    return this.stampServerMetadata({ ...object, metadata: { ...object.metadata } }, existing);
  }

  /** withServerMetadata on the object itself: the fields keep their place, new ones go last. */
  private stampServerMetadata<T extends EndpointSlice | Endpoints>(
    object: T,
    existing: T | undefined,
  ): T {
    const { metadata } = object;
    metadata.uid = existing?.metadata.uid ?? uid(this.deps.random);
    metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ?? formatTime(this.deps.timestamp());
    metadata.generation = (existing?.metadata.generation ?? 0) + 1;
    return object;
  }
}
