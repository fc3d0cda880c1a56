import type { Endpoints } from '../model/endpoints.ts';
import type { IPFamily, ServicePort } from '../model/kubernetes.ts';

/**
 * A what-if or demo scenario: a starting cluster and a timed list of events. Times are seconds
 * from the scenario's start. The same format drives the embedded demo cluster (in real time) and
 * the simulator (as fast as possible).
 */
export interface Scenario {
  name: string;
  description?: string;
  cluster: ClusterSpec;
  events?: ScenarioEvent[];
  /** Replays `events` every `repeatEverySeconds` (continuous churn for the demo). */
  repeatEverySeconds?: number;
  controllers?: ControllerSettings;
}

export interface ControllerSettings {
  /** `--max-endpoints-per-slice`, 1–1000 (default 100). */
  maxEndpointsPerSlice?: number;
  /** `--endpointslice-updates-batch-period` in seconds (default 0). */
  batchPeriodSeconds?: number;
  /** Honour PreferSameZone / PreferSameNode (default true). */
  preferSameTrafficDistribution?: boolean;
}

export interface ClusterSpec {
  zones: ZoneSpec[];
  services?: ServiceSpec[];
  workloads?: WorkloadSpec[];
  /** User-written Endpoints objects (for selector-less Services, mirrored into slices). */
  endpoints?: Endpoints[];
}

export interface ZoneSpec {
  name: string;
  region?: string;
  /** Nodes in the zone, named `<zone>-node-<n>` unless `nodeNames` is given. */
  nodes: number;
  nodeNames?: string[];
  /** Allocatable CPU of each Node, a Kubernetes quantity (default "4"). */
  cpu?: string;
  /** Pods a Node takes at most (default 110). */
  maxPods?: number;
  /** Extra Node labels. */
  labels?: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  namespace?: string;
  /** Absent: a selector-less Service (its Endpoints may come from `cluster.endpoints`). */
  selector?: Record<string, string>;
  ports?: ServicePort[];
  /** `None` for a headless Service; otherwise a cluster IP is allocated. */
  clusterIP?: 'None';
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  ipFamilies?: IPFamily[];
  publishNotReadyAddresses?: boolean;
  trafficDistribution?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface WorkloadPort {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface WorkloadSpec {
  name: string;
  namespace?: string;
  replicas: number;
  /** Labels of the Pod template; Services select on them. */
  labels: Record<string, string>;
  ports?: WorkloadPort[];
  /** Pod IP families (default ["IPv4"]). */
  ipFamilies?: IPFamily[];
  /** Seconds from IP assignment to Ready (default 5). */
  startSeconds?: number;
  /**
   * Up to this many seconds more, drawn per Pod (uniformly, from the scenario's seed, to the
   * millisecond), so that a rollout's Pods become ready one by one as in a real cluster rather
   * than all at once (default 0).
   */
  startJitterSeconds?: number;
  /** Seconds a deleted Pod stays terminating (default 30). */
  terminationGracePeriodSeconds?: number;
  /** RollingUpdate parameters, counts or percentages of replicas (defaults 25%, 25%). */
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  /** Pods get `spec.hostname` = their name and `spec.subdomain` = this (StatefulSet-like). */
  subdomain?: string;
}

/**
 * What an `editService` event changes: each field given replaces the Service's; a field given as
 * null is removed (labels and annotations are replaced whole).
 */
export type ServiceChanges = {
  [K in Exclude<keyof ServiceSpec, 'name' | 'namespace'>]?: ServiceSpec[K] | null;
};

/** One thing that happens at `at` seconds. */
export type ScenarioEvent = { at: number } & (
  | { type: 'scale'; workload: string; namespace?: string; replicas: number }
  | { type: 'rollout'; workload: string; namespace?: string }
  | { type: 'drainNode'; node: string }
  | { type: 'uncordonNode'; node: string }
  | { type: 'nodeNotReady'; node: string; forSeconds?: number }
  | { type: 'nodeReady'; node: string }
  | { type: 'removeNode'; node: string }
  | { type: 'addNodes'; zone: string; count: number }
  | { type: 'zoneOutage'; zone: string; forSeconds?: number }
  | { type: 'createService'; service: ServiceSpec }
  | { type: 'deleteService'; name: string; namespace?: string }
  | {
      type: 'editService';
      name: string;
      namespace?: string;
      changes: ServiceChanges;
    }
  | {
      type: 'readinessFlap';
      workload: string;
      namespace?: string;
      pods: number;
      forSeconds: number;
    }
);

export type ScenarioEventType = ScenarioEvent['type'];

/** A scenario event to apply now: any event without its time. */
export type ScenarioAction = ScenarioEvent extends infer E
  ? E extends ScenarioEvent
    ? Omit<E, 'at'>
    : never
  : never;

/** A Service spec with an edit applied: given fields replace, null fields are removed. */
export function applyServiceChanges<S extends Omit<ServiceSpec, 'name'>>(
  spec: S,
  changes: ServiceChanges,
): S {
  const edited: Record<string, unknown> = { ...spec };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete edited[field];
    else if (value !== undefined) edited[field] = value;
  }
  return edited as S;
}
