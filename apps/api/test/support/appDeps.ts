import { pino } from 'pino';
import {
  ANNOTATION_OVER_CAPACITY,
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  LABEL_TOPOLOGY_ZONE,
  type EndpointSlice,
  type Endpoints,
  type KubeObject,
  type Node,
  type ObjectKind,
  type Pod,
  type Service,
} from '@slicescope/core';
import type { SourceInfo } from '@slicescope/contract';
import { DEFAULT_APP_CONFIG, type AppConfig, type AppDeps } from '../../src/http/deps.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createServiceHistory, type ServiceHistory } from '../../src/history/serviceHistory.ts';
import type { InformerSink, InformerStatus } from '../../src/informer/types.ts';
import { createSummaries } from '../../src/live/summaries.ts';
import { recordHistory, type WatchedCluster } from '../../src/live/watchedCluster.ts';
import { createSimulator } from '../../src/simulate/simulator.ts';
import { createClusterModel, type ClusterModel } from '../../src/model/clusterModel.ts';
import {
  createStreamHub,
  type StreamHub,
  type StreamHubOptions,
} from '../../src/stream/streamHub.ts';

/**
 * AppDeps for the http tests: an in-process model filled through the informer sinks with a small
 * cluster (fixtureObjects), every informer synced and watching, a silent logger, and a stream hub
 * whose timers never fire on their own (tests call `hub.flush()`).
 *
 * The fixture cluster, resourceVersions 1–99:
 * - Nodes node-a1, node-a2 (zone-a), node-b1 (zone-b, CPU in millicores), node-b2 (zone-b, NotReady).
 * - shop/web: 3 ready endpoints in one slice on node-a1, node-a2, node-b1.
 * - shop/api: 2 endpoints in two slices (fragmented), api-2 terminating (still serving).
 * - shop/empty: a selector that matches nothing: no slices (flag no-endpoints).
 * - data/db: 2 endpoints in one slice; its v1 Endpoints object is truncated (flag truncated).
 */

export const NODES = ['node-a1', 'node-a2', 'node-b1', 'node-b2'] as const;
export const SERVICES = ['data/db', 'shop/api', 'shop/empty', 'shop/web'] as const;
export const KINDS: readonly ObjectKind[] = [
  'Service',
  'EndpointSlice',
  'Pod',
  'Node',
  'Endpoints',
];

/** The resourceVersion the fixtures were listed at; tests write newer ones with `nextRv`. */
export const LIST_RV = '99';

export const TEST_SOURCE: SourceInfo = {
  kind: 'demo',
  name: 'http-tests',
  sliceApiVersion: 'discovery.k8s.io/v1',
  pods: true,
  frozen: false,
};

const CREATED = '2026-01-01T00:00:00Z';

export function rawNode(
  name: string,
  zone: string,
  options: { cpu?: string; ready?: boolean; rv?: string } = {},
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-node-${name}`,
      resourceVersion: options.rv ?? '1',
      creationTimestamp: CREATED,
      labels: { 'kubernetes.io/hostname': name, [LABEL_TOPOLOGY_ZONE]: zone },
    },
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      allocatable: { cpu: options.cpu ?? '4', memory: '16Gi', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: options.ready === false ? 'False' : 'True' },
      ],
    },
  };
}

export function rawService(
  namespace: string,
  name: string,
  clusterIP: string,
  options: { selector?: Record<string, string>; targetPort?: number; rv?: string } = {},
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      uid: `uid-svc-${namespace}-${name}`,
      resourceVersion: options.rv ?? '10',
      creationTimestamp: CREATED,
      labels: { app: name, team: namespace },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"dropped"}' },
    },
    spec: {
      type: 'ClusterIP',
      selector: options.selector ?? { app: name },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: options.targetPort ?? 8080 }],
      clusterIP,
      clusterIPs: [clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
  };
}

export interface PodPlacement {
  name: string;
  ip: string;
  node: string;
  zone: string;
  ready?: boolean;
  terminating?: boolean;
}

export function rawPod(namespace: string, app: string, pod: PodPlacement, rv = '20'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace,
      uid: `uid-pod-${namespace}-${pod.name}`,
      resourceVersion: rv,
      creationTimestamp: CREATED,
      ...(pod.terminating ? { deletionTimestamp: '2026-01-01T00:10:00Z' } : {}),
      labels: { app },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-rs`,
          uid: `uid-rs-${app}`,
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: pod.node,
      containers: [
        {
          name: app,
          image: `${app}:1`,
          env: [{ name: 'PASSWORD', value: 'never-shown' }],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: pod.ip,
      podIPs: [{ ip: pod.ip }],
      conditions: [{ type: 'Ready', status: pod.ready === false ? 'False' : 'True' }],
    },
  };
}

/** A controller-managed discovery.k8s.io/v1 slice of `service` holding `pods`. */
export function rawSlice(
  namespace: string,
  service: string,
  name: string,
  pods: readonly PodPlacement[],
  rv = '30',
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace,
      generateName: `${service}-`,
      uid: `uid-slice-${namespace}-${name}`,
      resourceVersion: rv,
      creationTimestamp: CREATED,
      labels: { [LABEL_SERVICE_NAME]: service, [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': CREATED },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: service,
          uid: `uid-svc-${namespace}-${service}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: pods.map((pod) => ({
      addresses: [pod.ip],
      conditions: {
        ready: pod.ready !== false && !pod.terminating,
        serving: pod.ready !== false,
        terminating: pod.terminating === true,
      },
      nodeName: pod.node,
      zone: pod.zone,
      targetRef: {
        kind: 'Pod',
        namespace,
        name: pod.name,
        uid: `uid-pod-${namespace}-${pod.name}`,
      },
    })),
    ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
  };
}

export function rawEndpoints(
  namespace: string,
  name: string,
  pods: readonly PodPlacement[],
  options: { truncated?: boolean; rv?: string } = {},
): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name,
      namespace,
      uid: `uid-ep-${namespace}-${name}`,
      resourceVersion: options.rv ?? '40',
      creationTimestamp: CREATED,
      ...(options.truncated ? { annotations: { [ANNOTATION_OVER_CAPACITY]: 'truncated' } } : {}),
    },
    subsets: [
      {
        addresses: pods.map((pod) => ({
          ip: pod.ip,
          nodeName: pod.node,
          targetRef: { kind: 'Pod', namespace, name: pod.name },
        })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
}

export const WEB_PODS: readonly PodPlacement[] = [
  { name: 'web-1', ip: '10.1.0.1', node: 'node-a1', zone: 'zone-a' },
  { name: 'web-2', ip: '10.1.0.2', node: 'node-a2', zone: 'zone-a' },
  { name: 'web-3', ip: '10.1.0.3', node: 'node-b1', zone: 'zone-b' },
];
export const API_PODS: readonly PodPlacement[] = [
  { name: 'api-1', ip: '10.1.1.1', node: 'node-a1', zone: 'zone-a' },
  { name: 'api-2', ip: '10.1.1.2', node: 'node-b1', zone: 'zone-b', terminating: true },
];
export const DB_PODS: readonly PodPlacement[] = [
  { name: 'db-1', ip: '10.2.0.1', node: 'node-a2', zone: 'zone-a' },
  { name: 'db-2', ip: '10.2.0.2', node: 'node-b1', zone: 'zone-b' },
];

/** The web Service's one slice, as listed; tests derive modified versions from it. */
export const webSlice = (pods: readonly PodPlacement[] = WEB_PODS, rv = '30'): EndpointSlice =>
  rawSlice('shop', 'web', 'web-abc12', pods, rv);

/** Every fixture object by kind, as a list would return them (fresh objects on every call). */
export function fixtureObjects(): Record<ObjectKind, KubeObject[]> {
  return {
    Node: [
      rawNode('node-a1', 'zone-a'),
      rawNode('node-a2', 'zone-a', { cpu: '2' }),
      rawNode('node-b1', 'zone-b', { cpu: '4000m' }),
      rawNode('node-b2', 'zone-b', { ready: false }),
    ],
    Service: [
      rawService('shop', 'web', '10.96.0.10'),
      rawService('shop', 'api', '10.96.0.11'),
      rawService('shop', 'empty', '10.96.0.12', { selector: { app: 'nothing' } }),
      rawService('data', 'db', '10.96.1.10', { targetPort: 8080 }),
    ],
    Pod: [
      ...WEB_PODS.map((pod) => rawPod('shop', 'web', pod)),
      ...API_PODS.map((pod) => rawPod('shop', 'api', pod)),
      ...DB_PODS.map((pod) => rawPod('data', 'db', pod)),
    ],
    EndpointSlice: [
      webSlice(),
      rawSlice('shop', 'api', 'api-x1', API_PODS.slice(0, 1)),
      rawSlice('shop', 'api', 'api-x2', API_PODS.slice(1)),
      rawSlice('data', 'db', 'db-q7', DB_PODS),
    ],
    Endpoints: [
      rawEndpoints('shop', 'web', WEB_PODS),
      rawEndpoints('data', 'db', DB_PODS, { truncated: true }),
    ],
  };
}

export function syncedStatus(kind: ObjectKind, events = 0): InformerStatus {
  return {
    kind,
    phase: 'watching',
    synced: true,
    since: 1000,
    resourceVersion: LIST_RV,
    lists: 1,
    watches: 1,
    events,
  };
}

export interface TestDeps {
  deps: AppDeps;
  model: ClusterModel;
  history: ServiceHistory;
  hub: StreamHub;
  /** One sink per kind, cluster-wide, as the informers would hold them. */
  sinks: Record<ObjectKind, InformerSink>;
  /** Makes `ready()` false (and the slice informer unsynced, as /readyz reports it) or true. */
  setReady(ready: boolean): void;
  /** A resourceVersion newer than every one written so far. */
  nextRv(): string;
  /** Stops the hub's timers, ends its streams and the simulation worker. */
  close(): void;
}

export interface TestDepsOptions {
  config?: Partial<AppConfig>;
  ready?: boolean;
  hub?: Partial<StreamHubOptions>;
  /** Wall clock for the analyses (terminating ages); fixed by default. */
  now?: () => number;
  /** The simulation worker's time budget (default 30 s). */
  simulateTimeoutMs?: number;
  /** The simulation worker's heap (default the simulator's). */
  simulateHeapMb?: number;
}

export const TEST_NOW = Date.parse('2026-01-01T00:15:00Z');

export function createTestDeps(options: TestDepsOptions = {}): TestDeps {
  const model = createClusterModel();
  const history = createServiceHistory({ now: () => TEST_NOW });
  const config: AppConfig = { ...DEFAULT_APP_CONFIG, ...options.config };
  const summaries = createSummaries(model, history, config.maxEndpointsPerSlice);
  const metrics = createMetrics({ defaultMetrics: false });
  let ready = true;
  let rv = Number(LIST_RV);

  recordHistory(model, history);
  model.onStatus((status) => metrics.informerStatus(status));
  model.onChange((change) => metrics.eventIngested(change.kind));

  const hub = createStreamHub(model, summaries, {
    epoch: 'test',
    windowMs: 3_600_000,
    heartbeatMs: 3_600_000,
    ...options.hub,
    onBatch: (changes) => metrics.batch(changes),
  });

  const sinks = Object.fromEntries(
    KINDS.map((kind) => [kind, model.sink({ kind, path: `/test/${kind}` })]),
  ) as Record<ObjectKind, InformerSink>;
  const objects = fixtureObjects();
  for (const kind of KINDS) {
    sinks[kind].replace(objects[kind], LIST_RV);
    sinks[kind].status(syncedStatus(kind));
  }
  // Fills the service rows (the hub refreshes summaries of what changed).
  hub.flush();

  const cluster: WatchedCluster = {
    model,
    history,
    summaries,
    source: () => ({ ...TEST_SOURCE }),
    ready: () => ready,
    stop: async () => {},
  };
  const simulator = createSimulator({
    timeoutMs: options.simulateTimeoutMs ?? 30_000,
    ...(options.simulateHeapMb !== undefined && { maxHeapMb: options.simulateHeapMb }),
  });
  const deps: AppDeps = {
    cluster,
    hub,
    simulator,
    metrics,
    logger: pino({ level: 'silent' }),
    config,
    now: options.now ?? (() => TEST_NOW),
  };
  const setReady = (value: boolean): void => {
    ready = value;
    sinks.EndpointSlice.status(
      value
        ? syncedStatus('EndpointSlice')
        : { ...syncedStatus('EndpointSlice'), phase: 'listing', synced: false },
    );
  };
  if (options.ready === false) setReady(false);
  return {
    deps,
    model,
    history,
    hub,
    sinks,
    setReady,
    nextRv: () => String(++rv),
    close: () => {
      hub.close();
      void simulator.close();
    },
  };
}

/** Everything the model holds (objects and statuses), as canonical JSON for comparisons. */
export function modelContent(model: ClusterModel): string {
  const kinds = KINDS.map((kind) => {
    const objects = [...model.all(kind)]
      .map((object) => JSON.stringify(object))
      .sort((a, b) => a.localeCompare(b));
    return [kind, objects];
  });
  const statuses = model
    .statuses()
    .map((status) => JSON.stringify(status))
    .sort((a, b) => a.localeCompare(b));
  return JSON.stringify({ kinds, statuses });
}
