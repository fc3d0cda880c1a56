import type { Pod, Service, ServicePort } from '../model/kubernetes.ts';
import { serviceClusterIp } from './addresses.ts';
import type { ServiceSpec, WorkloadSpec } from './scenario.ts';

/**
 * The objects the engine writes, shaped as the API server stores them (defaults applied:
 * port protocols, target ports, IP families, cluster IPs).
 */

function servicePorts(ports: readonly ServicePort[] | undefined): ServicePort[] {
  return (ports ?? []).map((port) => ({
    ...(port.name !== undefined && { name: port.name }),
    protocol: port.protocol ?? 'TCP',
    ...(port.appProtocol !== undefined && { appProtocol: port.appProtocol }),
    port: port.port,
    targetPort: port.targetPort ?? port.port,
  }));
}

/**
 * A Service from its scenario spec; `existing` keeps identity and cluster IPs across an edit.
 * `index` numbers the Service for its cluster IPs.
 */
export function newServiceObject(
  spec: ServiceSpec,
  existing: Service | undefined,
  index: number,
  identity?: { uid: string; creationTimestamp: string },
): Service {
  const families = spec.ipFamilies ?? ['IPv4'];
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const clusterIPs = headless
    ? ['None']
    : families.map((family) => serviceClusterIp(index, family));
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name: spec.name,
      namespace: spec.namespace ?? 'default',
      uid: existing?.metadata.uid ?? identity?.uid ?? '',
      creationTimestamp: existing?.metadata.creationTimestamp ?? identity?.creationTimestamp ?? '',
      ...(spec.labels && { labels: spec.labels }),
      ...(spec.annotations && { annotations: spec.annotations }),
    },
    spec:
      type === 'ExternalName'
        ? { type, externalName: `${spec.name}.example.com`, sessionAffinity: 'None' }
        : {
            ...(spec.selector && { selector: spec.selector }),
            ports: servicePorts(spec.ports),
            clusterIP: clusterIPs[0] ?? 'None',
            clusterIPs,
            type,
            sessionAffinity: 'None',
            ipFamilies: families,
            ipFamilyPolicy: families.length > 1 ? 'RequireDualStack' : 'SingleStack',
            internalTrafficPolicy: 'Cluster',
            ...(spec.publishNotReadyAddresses !== undefined && {
              publishNotReadyAddresses: spec.publishNotReadyAddresses,
            }),
            ...(spec.trafficDistribution && { trafficDistribution: spec.trafficDistribution }),
          },
  };
}

/**
 * What every Pod of one workload revision shares. Pods hold these objects by reference: the
 * engine replaces objects on every change and never edits one in place.
 */
export interface PodTemplate {
  generateName: string;
  labels: Record<string, string>;
  ownerReferences: NonNullable<Pod['metadata']['ownerReferences']>;
  containers: NonNullable<NonNullable<Pod['spec']>['containers']>;
  terminationGracePeriodSeconds: number;
  subdomain: string | undefined;
  /** The container statuses last built from this template, shared while they fit. */
  statuses?: { ready: boolean; startedAt: string; value: object[] };
}

export function podTemplate(
  spec: WorkloadSpec,
  templateHash: string,
  replicaSetUid: string,
): PodTemplate {
  const replicaSet = `${spec.name}-${templateHash}`;
  return {
    generateName: `${replicaSet}-`,
    labels: { ...spec.labels, 'pod-template-hash': templateHash },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: replicaSet,
        uid: replicaSetUid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    containers: [
      {
        name: 'app',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
        ...(spec.ports && {
          ports: spec.ports.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' })),
        }),
      },
    ],
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    subdomain: spec.subdomain,
  };
}

/**
 * kubelet's status of the Pod's containers. Pods of one template started at the same time share
 * the (never changed) array, as a settled cluster's Pods all do.
 */
function containerStatuses(template: PodTemplate, ready: boolean, startedAt: string) {
  const cached = template.statuses;
  if (cached && cached.ready === ready && cached.startedAt === startedAt) return cached.value;
  const value = template.containers.map((container) => ({
    name: container.name,
    ready,
    restartCount: 0,
    started: true,
    image: container['image'],
    state: { running: { startedAt } },
  }));
  template.statuses = { ready, startedAt, value };
  return value;
}

/** Where a Pod runs once started: its Node, IPs and the Node's address. */
export interface PodPlacement {
  nodeName: string;
  ips: readonly string[];
  hostIP: string;
}

type PodCondition = Readonly<{ type: string; status: string; lastTransitionTime: string }>;

/** The conditions last built, all of one transition time: Pods changed together share them. */
let conditionsAt: { time: string; conditions: PodCondition[] } = { time: '', conditions: [] };

/** A Pod condition, shared and frozen: Pods' conditions are replaced, never changed in place. */
function podCondition(type: string, status: string, lastTransitionTime: string): PodCondition {
  if (conditionsAt.time !== lastTransitionTime)
    conditionsAt = { time: lastTransitionTime, conditions: [] };
  // A handful of kinds: a look at each beats building a key.
  for (const condition of conditionsAt.conditions) {
    if (condition.type === type && condition.status === status) return condition;
  }
  const condition = Object.freeze({ type, status, lastTransitionTime });
  conditionsAt.conditions.push(condition);
  return condition;
}

/**
 * A Pod of a workload's ReplicaSet: Pending and not ready, or — with `placement` — already
 * bound, running and ready (a settled cluster's Pods), built in one go.
 */
export function newPodObject(
  template: PodTemplate,
  identity: { name: string; namespace: string; uid: string; now: string },
  placement?: PodPlacement,
): Pod {
  const { name, namespace, now } = identity;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      generateName: template.generateName,
      namespace,
      uid: identity.uid,
      creationTimestamp: now,
      labels: template.labels,
      ownerReferences: template.ownerReferences,
    },
    spec: {
      containers: template.containers,
      terminationGracePeriodSeconds: template.terminationGracePeriodSeconds,
      ...(template.subdomain && { hostname: name, subdomain: template.subdomain }),
      ...(placement && { nodeName: placement.nodeName }),
    },
    status: placement
      ? {
          phase: 'Running',
          conditions: [
            podCondition('PodScheduled', 'True', now),
            podCondition('ContainersReady', 'True', now),
            podCondition('Ready', 'True', now),
          ],
          hostIP: placement.hostIP,
          ...(placement.ips[0] !== undefined && { podIP: placement.ips[0] }),
          podIPs: placement.ips.map((ip) => ({ ip })),
          startTime: now,
          containerStatuses: containerStatuses(template, true, now),
          qosClass: 'BestEffort',
        }
      : {
          phase: 'Pending',
          conditions: [
            podCondition('PodScheduled', 'True', now),
            podCondition('Ready', 'False', now),
          ],
          qosClass: 'BestEffort',
        },
  };
}

/**
 * The Pod once kubelet has started it: Running with its IPs, not ready yet. It has its own
 * metadata, which the store may stamp in place.
 */
export function withPodRunning(
  pod: Pod,
  template: PodTemplate,
  ips: readonly string[],
  hostIP: string,
  now: string,
): Pod {
  // Object.assign, not a spread extended by five fields: V8 keeps such an object at several
  // times the size, and every started Pod keeps its status.
  const status = Object.assign({}, pod.status, {
    phase: 'Running',
    hostIP,
    ...(ips[0] !== undefined && { podIP: ips[0] }),
    podIPs: ips.map((ip) => ({ ip })),
    startTime: now,
    containerStatuses: containerStatuses(template, false, now),
  });
  return { ...pod, metadata: { ...pod.metadata }, status };
}

/**
 * Container statuses with `ready` set, per statuses array they were made from: Pods that shared
 * their statuses (see containerStatuses) share them again.
 */
const readyStatuses = new WeakMap<object, { true?: object[]; false?: object[] }>();

function withContainersReady(statuses: { ready: boolean }[], ready: boolean): object[] {
  let known = readyStatuses.get(statuses);
  if (!known) {
    known = {};
    readyStatuses.set(statuses, known);
  }
  return (known[`${ready}`] ??= statuses.map((container) => ({ ...container, ready })));
}

/**
 * The Pod with its Ready (and ContainersReady) condition set. It has its own metadata, which
 * the store may stamp in place.
 */
export function withPodReady(pod: Pod, ready: boolean, now: string): Pod {
  const status = ready ? 'True' : 'False';
  const others = (pod.status?.conditions ?? []).filter(
    (condition) => condition.type !== 'Ready' && condition.type !== 'ContainersReady',
  );
  return {
    ...pod,
    metadata: { ...pod.metadata },
    status: {
      ...pod.status,
      // Joined by concat, which sizes the array exactly: a spread into a literal leaves room
      // for more, and every Pod keeps its conditions.
      conditions: others.concat(
        podCondition('ContainersReady', status, now),
        podCondition('Ready', status, now),
      ),
      ...(Array.isArray(pod.status?.['containerStatuses']) && {
        containerStatuses: withContainersReady(
          pod.status['containerStatuses'] as { ready: boolean }[],
          ready,
        ),
      }),
    },
  };
}
