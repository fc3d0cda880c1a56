import type { KubeObject, ObjectKind } from '@slicescope/core';
import { age } from './humanDuration.ts';
import { count, formatLabels, record, records, text } from './loose.ts';
import { podRow, type RowCondition } from './podRow.ts';

/** metav1.TableColumnDefinition; priority 1 columns show only with `kubectl get -o wide`. */
interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer';
  format: string;
  description: string;
  priority: number;
}

const column = (name: string, description: string, priority = 0): ColumnDefinition => ({
  name,
  type: 'string',
  format: name === 'Name' ? 'name' : '',
  description,
  priority,
});

const NAME = column('Name', 'Name of the object, unique within its namespace.');
const AGE = column('Age', 'Time since the object was created (metadata.creationTimestamp).');

/** The apiserver's column definitions per kind (kubernetes pkg/printers/internalversion). */
export const COLUMNS: Record<ObjectKind, readonly ColumnDefinition[]> = {
  Pod: [
    NAME,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'Container restarts in this pod, and how long ago the last one was.'),
    AGE,
    column('IP', 'The IP address allocated to the pod.', 1),
    column('Node', 'The node the pod is scheduled onto.', 1),
    column('Nominated Node', 'The node the scheduler nominated for the pod while preempting.', 1),
    column('Readiness Gates', 'Readiness gates whose condition is true, of all gates.', 1),
  ],
  Service: [
    NAME,
    column('Type', 'How the Service is exposed.'),
    column('Cluster-IP', 'The IP address of the Service inside the cluster.'),
    column('External-IP', 'Addresses the Service is reachable at from outside the cluster.'),
    column('Port(s)', 'The ports the Service exposes.'),
    AGE,
    column('Selector', 'The label selector choosing the Pods behind the Service.', 1),
  ],
  Endpoints: [NAME, column('Endpoints', 'Up to three ready address:port pairs.'), AGE],
  Node: [
    NAME,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE,
    column('Version', 'Kubelet version reported by the node.'),
    column('Internal-IP', 'The first InternalIP address of the node.', 1),
    column('External-IP', 'The first ExternalIP address of the node.', 1),
    column('OS-Image', 'OS image reported by the node.', 1),
    column('Kernel-Version', 'Kernel version reported by the node.', 1),
    column('Container-Runtime', 'Container runtime version reported by the node.', 1),
  ],
  EndpointSlice: [
    NAME,
    column('AddressType', 'The type of address carried by this slice.'),
    column('Ports', 'Up to three port numbers (or names) of the slice.'),
    column('Endpoints', 'Up to three endpoint addresses of the slice.'),
    AGE,
  ],
};

/** `a,b,c + N more...` for lists shown with at most three entries; `<unset>` when empty. */
function firstThree(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, 3).join(',');
  return items.length > 3 ? `${shown} + ${items.length - 3} more...` : shown;
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function serviceExternalIp(spec: Readonly<Record<string, unknown>>, status: unknown): string {
  const externalIPs = (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).map(text);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = records(record(record(status).loadBalancer).ingress)
        .map((entry) => text(entry.ip) || text(entry.hostname))
        .filter((address) => address !== '');
      const addresses = [...new Set(ingress)].sort().concat(externalIPs);
      return addresses.length > 0 ? addresses.join(',') : '<pending>';
    }
    case 'ExternalName':
      return text(spec.externalName);
    default:
      return '<unknown>';
  }
}

function serviceCells(service: KubeObject, now: number): unknown[] {
  const spec = record(service.spec);
  const clusterIPs = (Array.isArray(spec.clusterIPs) ? spec.clusterIPs : []).map(text);
  const ports = records(spec.ports).map((port) => {
    // The apiserver defaults protocol to TCP before storing; engine objects may omit it.
    const protocol = text(port.protocol) || 'TCP';
    const nodePort = count(port.nodePort);
    return nodePort > 0
      ? `${count(port.port)}:${nodePort}/${protocol}`
      : `${count(port.port)}/${protocol}`;
  });
  return [
    service.metadata.name ?? '',
    text(spec.type),
    clusterIPs[0] || '<none>',
    serviceExternalIp(spec, service.status),
    ports.length > 0 ? ports.join(',') : '<none>',
    age(service.metadata.creationTimestamp, now),
    formatLabels(spec.selector),
  ];
}

function endpointsCells(endpoints: KubeObject, now: number): unknown[] {
  const subsets = records(endpoints.subsets);
  const pairs: string[] = [];
  for (const subset of subsets) {
    const ips = records(subset.addresses).map((address) => text(address.ip));
    const ports = records(subset.ports);
    if (ports.length === 0) pairs.push(...ips);
    else
      for (const port of ports) pairs.push(...ips.map((ip) => joinHostPort(ip, count(port.port))));
  }
  return [
    endpoints.metadata.name ?? '',
    subsets.length === 0 ? '<none>' : firstThree(pairs, ''),
    age(endpoints.metadata.creationTimestamp, now),
  ];
}

function endpointSliceCells(slice: KubeObject, now: number): unknown[] {
  const ports = records(slice.ports).map((port) =>
    typeof port.port === 'number'
      ? String(port.port)
      : typeof port.name === 'string'
        ? port.name
        : '*',
  );
  const addresses = records(slice.endpoints).flatMap((endpoint) =>
    (Array.isArray(endpoint.addresses) ? endpoint.addresses : []).map(text),
  );
  return [
    slice.metadata.name ?? '',
    text(slice.addressType),
    firstThree(ports, '<unset>'),
    firstThree(addresses, '<unset>'),
    age(slice.metadata.creationTimestamp, now),
  ];
}

function nodeCells(node: KubeObject, now: number): unknown[] {
  const status = record(node.status);
  const ready = records(status.conditions).find((condition) => condition.type === 'Ready');
  const states = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (record(node.spec).unschedulable === true) states.push('SchedulingDisabled');
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (
      key.startsWith('node-role.kubernetes.io/') &&
      key.length > 'node-role.kubernetes.io/'.length
    ) {
      roles.add(key.slice('node-role.kubernetes.io/'.length));
    } else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  const addresses = records(status.addresses);
  const address = (type: string): string =>
    text(addresses.find((entry) => entry.type === type)?.address) || '<none>';
  const info = record(status.nodeInfo);
  return [
    node.metadata.name ?? '',
    states.join(','),
    roles.size === 0 ? '<none>' : [...roles].sort().join(','),
    age(node.metadata.creationTimestamp, now),
    text(info.kubeletVersion),
    address('InternalIP'),
    address('ExternalIP'),
    text(info.osImage) || '<unknown>',
    text(info.kernelVersion) || '<unknown>',
    text(info.containerRuntimeVersion) || '<unknown>',
  ];
}

/** One Table row of an object: all columns, wide ones included (the client hides them). */
export function tableRow(
  kind: ObjectKind,
  object: KubeObject,
  now: number,
): { cells: unknown[]; conditions?: RowCondition[] } {
  switch (kind) {
    case 'Pod':
      return podRow(object, now);
    case 'Service':
      return { cells: serviceCells(object, now) };
    case 'Endpoints':
      return { cells: endpointsCells(object, now) };
    case 'EndpointSlice':
      return { cells: endpointSliceCells(object, now) };
    case 'Node':
      return { cells: nodeCells(object, now) };
    default: {
      const never: never = kind;
      return never;
    }
  }
}
