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
    apiVersion: 'v1',
    kind: 'Service',
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

/** A new Pod of a workload's ReplicaSet: Pending, not yet on a Node, not ready. */
export function newPodObject(options: {
  name: string;
  namespace: string;
  uid: string;
  spec: WorkloadSpec;
  templateHash: string;
  replicaSetUid: string;
  now: string;
}): Pod {
  const { name, namespace, spec, templateHash, now } = options;
  const replicaSet = `${spec.name}-${templateHash}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${replicaSet}-`,
      namespace,
      uid: options.uid,
      creationTimestamp: now,
      labels: { ...spec.labels, 'pod-template-hash': templateHash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: replicaSet,
          uid: options.replicaSetUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
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
      ...(spec.subdomain && { hostname: name, subdomain: spec.subdomain }),
    },
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: 'False', lastTransitionTime: now },
      ],
      qosClass: 'BestEffort',
    },
  };
}

/** The Pod once kubelet has started it: Running with its IPs, not ready yet. */
export function withPodRunning(pod: Pod, ips: readonly string[], hostIP: string, now: string): Pod {
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      hostIP,
      ...(ips[0] !== undefined && { podIP: ips[0] }),
      podIPs: ips.map((ip) => ({ ip })),
      startTime: now,
    },
  };
}

/** The Pod with its Ready (and ContainersReady) condition set. */
export function withPodReady(pod: Pod, ready: boolean, now: string): Pod {
  const status = ready ? 'True' : 'False';
  const others = (pod.status?.conditions ?? []).filter(
    (condition) => condition.type !== 'Ready' && condition.type !== 'ContainersReady',
  );
  return {
    ...pod,
    status: {
      ...pod.status,
      conditions: [
        ...others,
        { type: 'ContainersReady', status, lastTransitionTime: now },
        { type: 'Ready', status, lastTransitionTime: now },
      ],
    },
  };
}
