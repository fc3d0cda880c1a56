import type { Endpoints, EndpointSubset } from '../model/endpoints.ts';
import type { IPFamily, Pod, Service } from '../model/kubernetes.ts';
import type { ObjectChange } from './changes.ts';
import { formatTime } from './goTime.ts';
import { objectKey, ObjectStore } from './objectStore.ts';
import { createRandom, nameSuffix, uid, type Random } from './random.ts';
import {
  resolveRolloutBounds,
  rolloutStep,
  WorkloadPods,
  type RolloutBounds,
  type WorkloadPod,
} from './rollout.ts';
import {
  applyServiceChanges,
  type Scenario,
  type ScenarioAction,
  type ScenarioEvent,
  type ServiceSpec,
  type WorkloadSpec,
} from './scenario.ts';
import { TaskQueue } from './taskQueue.ts';
import { ClusterNodes } from './nodes.ts';
import { ServiceIndex, type PodSelection } from './serviceIndex.ts';
import { ControllerRunner, type ControllerName } from './controllers.ts';
import type { ReconcileMode } from '../controller/incrementalReconcile.ts';
import type { ReconcileStats } from './incrementalSliceSync.ts';
import {
  newPodObject,
  newServiceObject,
  podTemplate,
  withPodReady,
  withPodRunning,
  type PodTemplate,
} from './objects.ts';

export interface EngineOptions {
  /** Seed of every random choice: same scenario and seed, same history. */
  seed: number;
  /** Wall-clock time (ms since the epoch) of the scenario's second 0, for timestamps. */
  startTime: number;
  /**
   * Start as a running cluster: the workloads' first Pods exist already bound, running and
   * ready (one write each) instead of going through scheduling and start-up.
   */
  settled?: boolean;
  /**
   * Wall-clock milliseconds per scenario second, for timestamps (default 1000). A cluster run
   * 10× faster passes 100, so that objects' times follow the wall clock.
   */
  msPerSecond?: number;
  /**
   * How the EndpointSlice controller computes its syncs (default `full`): `incremental` keeps
   * per-Service indexes between syncs and looks only at what changed — the same writes, faster.
   */
  reconcile?: ReconcileMode;
}

type Task =
  | { type: 'event'; event: ScenarioEvent }
  | { type: 'repeat'; cycle: number }
  | { type: 'podRunning'; pod: PodState }
  | { type: 'podReadiness'; pod: PodState; ready: boolean }
  | { type: 'podGone'; pod: PodState }
  | { type: 'nodeReadiness'; name: string; ready: boolean; episode: number }
  | { type: 'evict'; name: string; episode: number }
  | { type: 'workload'; key: string }
  | { type: 'sync'; controller: ControllerName; key: string };

interface WorkloadState {
  key: string;
  spec: WorkloadSpec;
  namespace: string;
  replicas: number;
  /** maxSurge and maxUnavailable as counts of `replicas` (resolved again when it changes). */
  bounds: RolloutBounds;
  revision: number;
  templateHash: string;
  template: PodTemplate;
  /** Its Pods that are not terminating, for the rollout steps. */
  pods: WorkloadPods;
}

/**
 * One Pod of a workload, as the engine's tasks hold it: a Pod write reaches its stored object,
 * workload and selecting Services without looking its key up in maps of every Pod.
 */
interface PodState {
  readonly key: string;
  readonly workload: WorkloadState;
  /** The Pod as stored. */
  pod: Pod | undefined;
  /** The Services selecting it, once stored. */
  selection: PodSelection | undefined;
  /** Gone from the cluster: a task still holding it acts on the Pod of its key now, if any. */
  removed: boolean;
  /** The Pod in its workload's rollout bookkeeping, while it is not terminating. */
  rollout: WorkloadPod;
  node: string | undefined;
  slots: number;
  deleting: boolean;
  /** The stored Pod's Ready condition is True. */
  ready: boolean;
  /** It was Pending at some point, no Node having room for it. */
  waitedForNode: boolean;
}

/** Seconds from scheduling to the Pod's IP (sandbox and CNI). */
const POD_IP_DELAY = 1;
/** Seconds after deletion until kubelet reports the terminating Pod not ready. */
const POD_NOT_READY_AFTER_DELETE = 1;
/**
 * Seconds a Node stays unreachable before its Pods are evicted: the default not-ready
 * toleration the API server adds to every Pod (--default-not-ready-toleration-seconds).
 */
const POD_EVICTION_SECONDS = 300;
/** The controllers that sync a Service, and those of them that watch Pods (not mirroring). */
const ALL_CONTROLLERS: readonly ControllerName[] = ['slices', 'endpoints', 'mirroring'];
const POD_CONTROLLERS: readonly ControllerName[] = ['slices', 'endpoints'];
/** `--endpointslice-updates-batch-period`: how long Pod-triggered syncs wait (default 0). */
const DEFAULT_BATCH_PERIOD = 0;

/**
 * A deterministic Kubernetes cluster as data: Nodes in zones, Services, Deployment-like
 * workloads and their Pods with a scheduler/kubelet-lite lifecycle, advanced by timed scenario
 * events. After every change it runs the EndpointSlice controller (with its topology cache), the
 * Endpoints controller and EndpointSlice mirroring as kube-controller-manager would — one sync
 * per Service for all changes queued for it, Pod-triggered syncs delayed by the batch period —
 * and records every object change with increasing resourceVersions.
 *
 * Time is in seconds since the scenario's start; nothing reads a clock or Math.random.
 */
export class ClusterEngine {
  readonly store = new ObjectStore();
  private readonly random: Random;
  private readonly queue = new TaskQueue<Task>();
  private readonly nodes: ClusterNodes;
  private readonly workloads = new Map<string, WorkloadState>();
  private readonly pods = new Map<string, PodState>();
  /** The same Pods per namespace, in creation order: what a created or edited Service selects. */
  private readonly podsByNamespace = new Map<string, Set<PodState>>();
  private readonly services = new ServiceIndex((key) => this.pods.get(key)?.selection);
  private readonly pendingPods: PodState[] = [];
  /** Pods that were Pending at some point (each once), and Pods left without an address. */
  private podsWaitedForNode = 0;
  private podsWithoutAddress = 0;
  /** When each queued sync or workload task runs, per kind of task and key (see scheduleOnce). */
  private readonly pendingTasks: Record<ControllerName | 'workload', Map<string, number>> = {
    slices: new Map(),
    endpoints: new Map(),
    mirroring: new Map(),
    workload: new Map(),
  };
  /** Per Node, how many times it went NotReady: a timed recovery or eviction belongs to one. */
  private readonly nodeEpisodes = new Map<string, number>();
  private readonly controllers: ControllerRunner;
  private serviceCount = 0;
  private readonly serviceIndexes = new Map<string, number>();
  private currentTime = 0;
  private settling = false;
  private readonly batchPeriod: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: EngineOptions,
  ) {
    this.random = createRandom(options.seed);

    this.batchPeriod = scenario.controllers?.batchPeriodSeconds ?? DEFAULT_BATCH_PERIOD;
    this.nodes = new ClusterNodes(this.store, this.random, () => this.timestamp());
    for (const zone of scenario.cluster.zones) this.nodes.addZone(zone);
    this.controllers = new ControllerRunner({
      store: this.store,
      nodes: this.nodes,
      services: this.services,
      random: this.random,
      timestamp: () => this.timestamp(),
      maxEndpointsPerSlice: scenario.controllers?.maxEndpointsPerSlice ?? 100,
      preferSameTrafficDistribution: scenario.controllers?.preferSameTrafficDistribution ?? true,
      reconcile: options.reconcile ?? 'full',
    });
    this.controllers.nodesChanged();
    for (const endpoints of scenario.cluster.endpoints ?? []) this.putUserEndpoints(endpoints);
    for (const service of scenario.cluster.services ?? []) this.createService(service);
    for (const spec of scenario.cluster.workloads ?? []) this.createWorkload(spec);
    if (options.settled) {
      this.settling = true;
      for (const key of this.workloads.keys()) this.reconcileWorkload(key);
      this.settling = false;
    }
    this.scheduleEvents(0);
    if (scenario.repeatEverySeconds) {
      this.queue.push(scenario.repeatEverySeconds, { type: 'repeat', cycle: 1 });
    }
  }

  /** Seconds since the scenario's start. */
  get time(): number {
    return this.currentTime;
  }

  /** When the next queued work is due, or undefined when the cluster is quiet. */
  nextTime(): number | undefined {
    return this.queue.peekTime();
  }

  /**
   * The subsets the Endpoints controller wants for a Service (by key) now, before truncation to
   * 1000 addresses: what an uncapped controller would write.
   */
  desiredEndpointsSubsets(key: string): EndpointSubset[] {
    return this.controllers.desiredEndpointsSubsets(key);
  }

  /** How the incremental EndpointSlice reconcile computed its syncs; undefined in full mode. */
  reconcileStats(): ReconcileStats | undefined {
    return this.controllers.reconcileStats();
  }

  /**
   * Runs everything due up to `time` (seconds), or only the first `maxTasks` tasks of it, and
   * returns the object changes, in order. Stopped by `maxTasks` with work still due, the clock
   * stays at the last task's time and the next call goes on from there: the same changes come
   * out, in the same order, however the run is cut (an event applied in between happens at that
   * clock, after the work already queued for its instant).
   */
  advanceTo(time: number, maxTasks = Infinity): ObjectChange[] {
    for (let taken = 0; taken < maxTasks; taken++) {
      const at = this.queue.peekTime();
      const task = this.queue.popDue(time);
      if (task === undefined || at === undefined) break;
      this.currentTime = at;
      this.run(task, at);
    }
    if (!this.isDue(time)) this.currentTime = Math.max(this.currentTime, time);
    return this.store.drain();
  }

  /** Whether work is queued at or before `time`. */
  isDue(time: number): boolean {
    const next = this.queue.peekTime();
    return next !== undefined && next <= time;
  }

  /** Applies one event now, as if the scenario had it at the current time. */
  apply(event: ScenarioAction): void {
    this.queue.push(this.currentTime, {
      type: 'event',
      event: { ...event, at: this.currentTime } as ScenarioEvent,
    });
  }

  private timestamp(seconds = this.currentTime): number {
    return this.options.startTime + Math.round(seconds * (this.options.msPerSecond ?? 1000));
  }

  private scheduleEvents(offset: number): void {
    for (const event of this.scenario.events ?? []) {
      this.queue.push(offset + event.at, { type: 'event', event });
    }
  }

  /**
   * Queues the sync of a controller, or the workload task, of `key` once: a second request for
   * the same task keeps the earlier time (and builds no task: most requests are such).
   */
  private scheduleOnce(kind: ControllerName | 'workload', key: string, at: number): void {
    const pending = this.pendingTasks[kind];
    const time = pending.get(key);
    if (time !== undefined && time <= at) return;
    pending.set(key, at);
    this.queue.push(
      at,
      kind === 'workload' ? { type: 'workload', key } : { type: 'sync', controller: kind, key },
    );
  }

  private run(task: Task, at: number): void {
    if (task.type === 'sync' || task.type === 'workload') {
      const pending = this.pendingTasks[task.type === 'sync' ? task.controller : 'workload'];
      if (pending.get(task.key) !== at) return; // superseded by an earlier run
      pending.delete(task.key);
    }
    switch (task.type) {
      case 'event':
        return this.runEvent(task.event);
      case 'repeat':
        this.scheduleEvents(task.cycle * (this.scenario.repeatEverySeconds ?? 0));
        this.queue.push((task.cycle + 1) * (this.scenario.repeatEverySeconds ?? 0), {
          type: 'repeat',
          cycle: task.cycle + 1,
        });
        return;
      case 'podRunning':
        return this.podRunning(this.live(task.pod));
      case 'podReadiness':
        return this.setPodReady(this.live(task.pod), task.ready);
      case 'podGone':
        return this.removePod(this.live(task.pod));
      case 'nodeReadiness':
        // Only the outage that scheduled the recovery ends with it.
        if (this.nodeEpisodes.get(task.name) === task.episode)
          this.setNodeReady(task.name, task.ready);
        return;
      case 'evict':
        if (this.nodeEpisodes.get(task.name) === task.episode && !this.nodes.isReady(task.name)) {
          this.evictNode(task.name);
        }
        return;
      case 'workload':
        return this.reconcileWorkload(task.key);
      case 'sync':
        return this.controllers.run(task.controller, task.key);
      default: {
        const unknown: never = task;
        throw new Error(`unknown engine task ${JSON.stringify(unknown)}`);
      }
    }
  }

  // ---- events -------------------------------------------------------------------------------

  private runEvent(event: ScenarioEvent): void {
    switch (event.type) {
      case 'scale': {
        const workload = this.workloads.get(`${event.namespace ?? 'default'}/${event.workload}`);
        if (!workload) return;
        workload.replicas = event.replicas;
        workload.bounds = boundsOf(workload.spec, event.replicas);
        return this.queueWorkload(workload.key);
      }
      case 'rollout': {
        const workload = this.workloads.get(`${event.namespace ?? 'default'}/${event.workload}`);
        if (!workload) return;
        workload.revision++;
        workload.templateHash = nameSuffix(this.random, 10);
        workload.template = podTemplate(workload.spec, workload.templateHash, uid(this.random));
        return this.queueWorkload(workload.key);
      }
      case 'drainNode':
        this.nodes.setUnschedulable(event.node, true);
        for (const key of this.nodes.podsOn(event.node)) this.deletePod(this.pods.get(key));
        return;
      case 'uncordonNode':
        this.nodes.setUnschedulable(event.node, false);
        return this.retryPending();
      case 'nodeNotReady':
        return this.nodeOutage(event.node, event.forSeconds);
      case 'nodeReady':
        return this.setNodeReady(event.node, true);
      case 'removeNode':
        // Out of the scheduler's reach first, so no waiting Pod is bound to it on the way out.
        this.nodes.retire(event.node);
        for (const key of this.nodes.podsOn(event.node)) this.removePod(this.pods.get(key));
        this.nodes.remove(event.node);
        this.nodesChanged();
        return;
      case 'addNodes':
        this.nodes.addNodes(event.zone, event.count);
        this.nodesChanged();
        return;
      case 'zoneOutage':
        for (const name of this.nodes.inZone(event.zone)) this.nodeOutage(name, event.forSeconds);
        return;
      case 'createService':
        return this.createService(event.service);
      case 'deleteService':
        return this.deleteService(`${event.namespace ?? 'default'}/${event.name}`);
      case 'editService': {
        const key = `${event.namespace ?? 'default'}/${event.name}`;
        const service = this.store.get('Service', key);
        if (!service) return;
        const spec = applyServiceChanges(specOf(service), event.changes);
        const edited = newServiceObject(spec, service, this.serviceIndexes.get(key) ?? 0);
        this.store.put('Service', edited);
        this.servicesChanged(key, edited);
        return this.queueServiceSyncs(key, 0);
      }
      case 'readinessFlap': {
        const workload = this.workloads.get(`${event.namespace ?? 'default'}/${event.workload}`);
        if (!workload) return;
        const ready = [...workload.pods]
          .filter((pod) => pod.ready)
          .map((pod) => pod.key)
          .sort()
          .slice(0, event.pods);
        for (const key of ready) {
          const pod = this.pods.get(key);
          this.setPodReady(pod, false);
          if (pod) {
            this.queue.push(this.currentTime + event.forSeconds, {
              type: 'podReadiness',
              pod,
              ready: true,
            });
          }
        }
        return;
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown scenario event ${JSON.stringify(unknown)}`);
      }
    }
  }

  // ---- services -----------------------------------------------------------------------------

  private createService(spec: ServiceSpec): void {
    const key = `${spec.namespace ?? 'default'}/${spec.name}`;
    if (this.store.get('Service', key)) return;
    this.serviceIndexes.set(key, ++this.serviceCount);
    const service = newServiceObject(spec, undefined, this.serviceCount, {
      uid: uid(this.random),
      creationTimestamp: formatTime(this.timestamp()),
    });
    this.store.put('Service', service);
    this.servicesChanged(key, service);
    this.queueServiceSyncs(key, 0);
  }

  private deleteService(key: string): void {
    const service = this.store.get('Service', key);
    if (!service) return;
    this.store.remove('Service', key);
    this.servicesChanged(key, undefined);
    // The garbage collector removes the slices the Service owns.
    const namespace = service.metadata.namespace ?? '';
    for (const slice of this.store.inNamespace('EndpointSlice', namespace)) {
      const owned = slice.metadata.ownerReferences?.some(
        (owner) => owner.kind === 'Service' && owner.uid === service.metadata.uid,
      );
      if (owned) this.store.remove('EndpointSlice', objectKey(slice));
    }
    this.queueServiceSyncs(key, 0);
  }

  private putUserEndpoints(endpoints: Endpoints): void {
    this.store.put('Endpoints', {
      ...endpoints,
      metadata: {
        namespace: 'default',
        ...endpoints.metadata,
        uid: uid(this.random),
        creationTimestamp: formatTime(this.timestamp()),
      },
    });
  }

  /** Queues the controllers' syncs of a Service; the mirroring controller does not watch Pods. */
  private queueServiceSyncs(
    key: string,
    delay: number,
    controllers: readonly ControllerName[] = ALL_CONTROLLERS,
  ): void {
    const at = this.currentTime + delay;
    for (const controller of controllers) this.scheduleOnce(controller, key, at);
  }

  /** A Pod write its Services' controllers see. */
  private podChanged(podKey: string, services: readonly string[]): void {
    for (const key of services) {
      this.controllers.podChanged(key, podKey);
      this.queueServiceSyncs(key, this.batchPeriod, POD_CONTROLLERS);
    }
  }

  /** Updates which Pods a created, edited or deleted Service selects. */
  private servicesChanged(key: string, service: Service | undefined): void {
    const namespace = key.slice(0, key.indexOf('/'));
    const pods: Pod[] = [];
    for (const state of this.podsByNamespace.get(namespace) ?? [])
      if (state.pod) pods.push(state.pod);
    this.services.setService(key, service, pods);
  }

  // ---- workloads and Pods -------------------------------------------------------------------

  private createWorkload(spec: WorkloadSpec): void {
    const namespace = spec.namespace ?? 'default';
    const key = `${namespace}/${spec.name}`;
    const templateHash = nameSuffix(this.random, 10);
    this.workloads.set(key, {
      key,
      spec,
      namespace,
      replicas: spec.replicas,
      bounds: boundsOf(spec, spec.replicas),
      revision: 1,
      templateHash,
      template: podTemplate(spec, templateHash, uid(this.random)),
      pods: new WorkloadPods(),
    });
    this.queueWorkload(key);
  }

  private queueWorkload(key: string): void {
    this.scheduleOnce('workload', key, this.currentTime);
  }

  private reconcileWorkload(key: string): void {
    const workload = this.workloads.get(key);
    if (!workload) return;
    const step = rolloutStep(workload.replicas, workload.revision, workload.pods, workload.bounds);
    for (const podKey of step.delete) this.deletePod(this.pods.get(podKey));
    for (let i = 0; i < step.create; i++) this.createPod(workload);
  }

  private createPod(workload: WorkloadState): void {
    let name: string;
    let key: string;
    do {
      // Joined, not concatenated: V8 keeps a concatenation as a tree of its pieces, in every
      // object holding the name, until something flattens it.
      name = [workload.spec.name, workload.templateHash, nameSuffix(this.random)].join('-');
      key = [workload.namespace, name].join('/');
    } while (this.pods.has(key)); // the store holds exactly these Pods
    const state: PodState = {
      key,
      workload,
      pod: undefined,
      selection: undefined,
      removed: false,
      rollout: workload.pods.add(key, workload.revision),
      node: undefined,
      slots: 0,
      deleting: false,
      ready: false,
      waitedForNode: false,
    };
    this.pods.set(key, state);
    let namespacePods = this.podsByNamespace.get(workload.namespace);
    if (!namespacePods) {
      namespacePods = new Set();
      this.podsByNamespace.set(workload.namespace, namespacePods);
    }
    namespacePods.add(state);
    const identity = {
      name,
      namespace: workload.namespace,
      uid: uid(this.random),
      now: formatTime(this.timestamp()),
    };
    if (this.settling && this.startSettled(state, identity)) return;
    const pod = newPodObject(workload.template, identity);
    state.pod = this.store.put('Pod', pod, true, key);
    state.selection = this.services.addPod(key, state.pod);
    // No sync yet (no IP), but its Ready condition counts for the next sync's trigger time.
    for (const service of state.selection.services) this.controllers.podChanged(service, key);
    this.schedulePod(state);
  }

  /** A Pod of a settled start: bound, running and ready in one write; false when no Node fits. */
  private startSettled(state: PodState, identity: Parameters<typeof newPodObject>[1]): boolean {
    const { key, workload } = state;
    const node = this.nodes.pick(workload.key);
    if (!node) return false;
    const addresses = this.nodes.assignPodIps(node, workload.spec.ipFamilies ?? ['IPv4']);
    if (!addresses) return false;
    state.node = node;
    state.slots = addresses.slot;
    state.ready = true;
    workload.pods.setReady(state.rollout, true);
    this.nodes.bind(node, key, workload.key);
    const placement = { nodeName: node, ips: addresses.ips, hostIP: this.nodes.hostIp(node) };
    const stored = this.store.put(
      'Pod',
      newPodObject(workload.template, identity, placement),
      true,
      key,
    );
    state.pod = stored;
    state.selection = this.services.addPod(key, stored);
    this.podChanged(key, state.selection.services);
    return true;
  }

  /** Binds a Pending Pod to a Node (spreading a workload over zones), or leaves it pending. */
  private schedulePod(state: PodState | undefined): void {
    const pod = state?.pod;
    if (!state || !pod || state.deleting) return;
    const node = this.nodes.pick(state.workload.key);
    if (!node) {
      this.pendingPods.push(state);
      if (!state.waitedForNode) {
        state.waitedForNode = true;
        this.podsWaitedForNode++;
      }
      return;
    }
    state.node = node;
    this.nodes.bind(node, state.key, state.workload.key);
    // Object.assign, not a spread extended by a field: V8 keeps such an object at several times
    // the size, and every Pod keeps its spec.
    const spec = Object.assign({}, pod.spec, { nodeName: node });
    const bound = { ...pod, metadata: { ...pod.metadata }, spec };
    this.putPod(state, bound, true);
    this.queue.push(this.currentTime + POD_IP_DELAY, { type: 'podRunning', pod: state });
  }

  /** The Pod a task holds, or the one of its key now if it was removed (undefined if none). */
  private live(state: PodState): PodState | undefined {
    return state.removed ? this.pods.get(state.key) : state;
  }

  /**
   * Writes a new version of a Pod, for the store and the Services selecting it; returns those.
   * `owned` as for the store: a Pod built with its own metadata is stamped in place.
   */
  private putPod(state: PodState, pod: Pod, owned = false): readonly string[] {
    state.pod = this.store.put('Pod', pod, owned, state.key);
    return state.selection ? this.services.updatePod(state.key, state.pod, state.selection) : [];
  }

  private podRunning(state: PodState | undefined): void {
    const pod = state?.pod;
    if (!state || !pod || state.deleting || !state.node) return;
    const { key, workload } = state;
    const families: IPFamily[] = workload.spec.ipFamilies ?? ['IPv4'];
    const addresses = this.nodes.assignPodIps(state.node, families);
    if (!addresses) {
      // No address left on the Node (its maxPods is over 254): the Pod stays without IP.
      this.podsWithoutAddress++;
      return;
    }
    state.slots = addresses.slot;
    const running = withPodRunning(
      pod,
      workload.template,
      addresses.ips,
      this.nodes.hostIp(state.node),
      formatTime(this.timestamp()),
    );
    this.podChanged(key, this.putPod(state, running, true));
    const ready = this.nodes.isReady(state.node);
    if (ready) {
      this.queue.push(this.currentTime + this.startSeconds(workload.spec), {
        type: 'podReadiness',
        pod: state,
        ready: true,
      });
    }
  }

  /** A Pod's start-up: the workload's, plus its share of the jitter (no draw without one). */
  private startSeconds(spec: WorkloadSpec): number {
    const start = spec.startSeconds ?? 5;
    const jitter = spec.startJitterSeconds ?? 0;
    return jitter > 0 ? start + Math.round(this.random.next() * jitter * 1000) / 1000 : start;
  }

  private setPodReady(state: PodState | undefined, ready: boolean): void {
    const pod = state?.pod;
    if (!state || !pod || !pod.status?.podIPs?.length) return;
    if (ready && (state.deleting || !state.node || !this.nodes.isReady(state.node))) return;
    if (state.ready === ready) return;
    const changed = withPodReady(pod, ready, formatTime(this.timestamp()));
    state.ready = ready;
    if (!state.deleting) state.workload.pods.setReady(state.rollout, ready);
    this.podChanged(state.key, this.putPod(state, changed, true));
    this.queueWorkload(state.workload.key);
  }

  /** Graceful deletion: terminating now, not ready a moment later, gone after the grace period. */
  private deletePod(state: PodState | undefined): void {
    const pod = state?.pod;
    if (!state || !pod || state.deleting) return;
    state.deleting = true;
    const { key, workload } = state;
    workload.pods.remove(state.rollout);
    const grace = workload.spec.terminationGracePeriodSeconds ?? 30;
    // Object.assign, not a spread extended by two fields (see schedulePod).
    const metadata = Object.assign({}, pod.metadata, {
      deletionTimestamp: formatTime(this.timestamp(this.currentTime + grace)),
      deletionGracePeriodSeconds: grace,
    });
    const terminating: Pod = { ...pod, metadata };
    this.podChanged(key, this.putPod(state, terminating, true));
    if (!state.node) {
      this.removePod(state);
    } else {
      this.queue.push(this.currentTime + Math.min(POD_NOT_READY_AFTER_DELETE, grace), {
        type: 'podReadiness',
        pod: state,
        ready: false,
      });
      this.queue.push(this.currentTime + grace, { type: 'podGone', pod: state });
    }
    this.queueWorkload(workload.key);
  }

  private removePod(state: PodState | undefined): void {
    if (!state?.pod) return;
    const { key, workload } = state;
    this.pods.delete(key);
    this.podsByNamespace.get(workload.namespace)?.delete(state);
    state.removed = true;
    if (!state.deleting) workload.pods.remove(state.rollout);
    if (state.node) this.nodes.unbind(state.node, key, workload.key, state.slots);
    this.store.remove('Pod', key);
    if (state.selection) {
      this.podChanged(key, state.selection.services);
      this.services.removePod(key, state.selection);
    }
    this.queueWorkload(workload.key);
    this.retryPending();
  }

  /**
   * How many Pods waited so far: Pending for a Node with room (each counted once), or bound to a
   * Node with no Pod IP left to give them.
   */
  podWaits(): { pending: number; withoutAddress: number } {
    return { pending: this.podsWaitedForNode, withoutAddress: this.podsWithoutAddress };
  }

  private retryPending(): void {
    if (this.pendingPods.length === 0) return;
    const waiting = this.pendingPods.splice(0);
    for (const state of waiting) this.schedulePod(this.live(state));
  }

  // ---- Nodes --------------------------------------------------------------------------------

  /** The Node stops reporting, for `forSeconds` or until something else makes it ready. */
  private nodeOutage(name: string, forSeconds: number | undefined): void {
    this.setNodeReady(name, false);
    if (forSeconds === undefined) return;
    this.queue.push(this.currentTime + forSeconds, {
      type: 'nodeReadiness',
      name,
      ready: true,
      episode: this.nodeEpisodes.get(name) ?? 0,
    });
  }

  private setNodeReady(name: string, ready: boolean): void {
    if (!this.nodes.setReady(name, ready)) return;
    for (const key of this.nodes.podsOn(name)) this.setPodReady(this.pods.get(key), ready);
    if (!ready) {
      const episode = (this.nodeEpisodes.get(name) ?? 0) + 1;
      this.nodeEpisodes.set(name, episode);
      this.queue.push(this.currentTime + POD_EVICTION_SECONDS, { type: 'evict', name, episode });
    }
    this.nodesChanged();
    if (ready) this.retryPending();
  }

  /** The node lifecycle controller's eviction: Pods of an unreachable Node are removed. */
  private evictNode(name: string): void {
    for (const key of this.nodes.podsOn(name)) this.removePod(this.pods.get(key));
  }

  /** Node changes reach the topology cache; Services whose hints no longer fit are resynced. */
  private nodesChanged(): void {
    for (const key of this.controllers.nodesChanged()) this.queueServiceSyncs(key, 0);
    this.retryPending();
  }
}

function boundsOf(spec: WorkloadSpec, replicas: number): RolloutBounds {
  return resolveRolloutBounds(replicas, spec.maxSurge, spec.maxUnavailable);
}

function specOf(service: Service): ServiceSpec {
  return {
    ...(service.spec.selector && { selector: service.spec.selector }),
    ...(service.spec.ports && { ports: service.spec.ports }),
    ...(service.spec.clusterIP === 'None' && { clusterIP: 'None' as const }),
    ...(service.spec.ipFamilies && { ipFamilies: service.spec.ipFamilies }),
    ...(service.spec.publishNotReadyAddresses !== undefined && {
      publishNotReadyAddresses: service.spec.publishNotReadyAddresses,
    }),
    ...(service.spec.trafficDistribution && {
      trafficDistribution: service.spec.trafficDistribution,
    }),
    ...(service.spec.type && { type: service.spec.type as ServiceSpec['type'] }),
    ...(service.metadata.labels && { labels: service.metadata.labels }),
    ...(service.metadata.annotations && { annotations: service.metadata.annotations }),
    name: service.metadata.name ?? '',
    namespace: service.metadata.namespace ?? 'default',
  };
}
