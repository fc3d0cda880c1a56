import type {
  EndpointPort,
  EndpointSlice,
  Node,
  OwnerReference,
  Pod,
  Service,
} from '../../src/index.ts';
import type { EndpointMeta } from '../../src/controller/reconcileByPortMapping.ts';

/**
 * Builders named after the helpers of upstream utils_test.go and reconciler_test.go, producing
 * the same objects in Kubernetes JSON form.
 */

/** upstream newPod: `pod<n>` labelled foo=bar on node-1 with IP 1.2.3.(4+n). */
export function newPod(
  n: number,
  namespace: string,
  ready: boolean,
  _nPorts: number,
  terminating: boolean,
): Pod {
  const ip = `1.2.3.${4 + n}`;
  return {
    apiVersion: 'v1',
    metadata: {
      namespace,
      name: `pod${n}`,
      labels: { foo: 'bar' },
      resourceVersion: String(n),
      ...(terminating && { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: {
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

/**
 * upstream newServiceAndEndpointMeta: an IPv4 Service selecting foo=bar with one TCP port named
 * after the Service targeting 80 (its `port` is left 0, as upstream leaves it unset).
 */
export function newServiceAndEndpointMeta(
  name: string,
  namespace: string,
): { service: Service; endpointMeta: EndpointMeta } {
  const service: Service = {
    metadata: { name, namespace, uid: `${namespace}-${name}` },
    spec: {
      ports: [{ name, port: 0, targetPort: 80, protocol: 'TCP' }],
      selector: { foo: 'bar' },
      ipFamilies: ['IPv4'],
    },
  };
  const ports: EndpointPort[] = [{ name, port: 80, protocol: 'TCP' }];
  return { service, endpointMeta: { addressType: 'IPv4', ports } };
}

/** metav1.NewControllerRef(service, {Version: "v1", Kind: "Service"}), written out independently. */
export function controllerRefOf(service: Service): OwnerReference {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    name: service.metadata.name ?? '',
    uid: service.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** upstream newEmptyEndpointSlice: `<service>-<n>`, owned by the Service, no labels, no endpoints. */
export function newEmptyEndpointSlice(
  n: number,
  namespace: string,
  endpointMeta: EndpointMeta,
  service: Service,
): EndpointSlice {
  return {
    metadata: {
      name: `${service.metadata.name}-${n}`,
      namespace,
      ownerReferences: [controllerRefOf(service)],
    },
    ports: endpointMeta.ports,
    addressType: endpointMeta.addressType,
    endpoints: [],
  };
}

/** A Node, optionally in a zone, Ready unless told otherwise, with allocatable CPU. */
export function newNode(
  name: string,
  options: { zone?: string; cpu?: string; ready?: boolean; labels?: Record<string, string> } = {},
): Node {
  const labels = {
    ...options.labels,
    ...(options.zone && { 'topology.kubernetes.io/zone': options.zone }),
  };
  return {
    metadata: { name, labels },
    status: {
      allocatable: { cpu: options.cpu ?? '1' },
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

/** Nodes by name, as the reconciler's Node lister sees them. */
export function nodesByName(nodes: readonly Node[]): Map<string, Node> {
  return new Map(nodes.map((node) => [node.metadata.name ?? '', node]));
}
