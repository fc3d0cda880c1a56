import type {
  AddressType,
  Endpoint,
  EndpointPort,
  EndpointSlice,
  Node,
  Pod,
  Service,
} from '../model/kubernetes.ts';
import { podToEndpoint, shouldPodBeInEndpoints } from './pods.ts';
import { getEndpointPorts, podIndependentPorts, portMapKey, resolvedPortsKey } from './ports.ts';

/**
 * What the incremental reconcile keeps of one Service between syncs: the desired endpoints of
 * every Pod, and per address type and port mapping the existing slices, where each desired
 * endpoint is placed and which desired endpoints are in no slice yet. Everything here is derived
 * from the Service object it was built for; a new Service object means a new state.
 */
export interface ServiceState {
  service: Service;
  addressTypes: AddressType[];
  /** Endpoint ports when no Service port names its target (then the same for every Pod). */
  sharedPorts: PortMapping | undefined;
  /** Otherwise, the ports resolved per containers list (see resolvedPortsKey). */
  portsByContainers: WeakMap<object, PortMapping>;
  types: AddressTypeState[];
  pods: Map<string, PodRecord>;
  /** Keys of the published Pods whose Node is missing (each is an error of every sync). */
  missingNode: Set<string>;
}

/** One address type's slices and desired endpoints. */
export interface AddressTypeState {
  addressType: AddressType;
  groups: Map<string, PortGroup>;
  slices: Map<string, SliceRecord>;
  /** Slices an endpoint of which may have changed or gone: step 1 looks at them again. */
  candidates: Set<string>;
  /** Slices whose non-reserved labels differ from the Service's. */
  labelsChanged: Set<string>;
  /** Slices the hint stage would update even when nothing else changes them. */
  hintsStale: Set<string>;
}

/**
 * One port mapping (CU PortMapKey) of one address type. Endpoints are keyed by their Pod's name:
 * one Pod has at most one desired endpoint per mapping, and after a sync a mapping's slices hold
 * at most one endpoint per Pod (the full reconcile never places an identity twice).
 */
export interface PortGroup {
  key: string;
  ports: EndpointPort[];
  /** Published Pods with this port mapping: the mapping is desired while there is one. */
  members: number;
  /** Desired endpoints by Pod name. */
  desired: Map<string, Endpoint>;
  /** Pods whose desired endpoint is in no slice of the mapping with the same identity. */
  unplaced: Set<string>;
  slices: Map<string, SliceRecord>;
  /** The slice holding the endpoint of each Pod name. */
  placed: Map<string, string>;
}

/**
 * One existing slice. Every endpoint it holds is its Pod's desired endpoint object (the same
 * object), except for the Pods in `stale`, which map to the endpoint the slice holds for them:
 * step 1 of the packing then only needs to look at those, however many endpoints the slice has.
 */
export interface SliceRecord {
  slice: EndpointSlice;
  groupKey: string;
  stale: Map<string, Endpoint>;
}

/** What one published Pod (CU ShouldPodBeInEndpoints) contributes; it makes its port mapping desired. */
interface PodRecord {
  name: string;
  nodeName: string;
  /** Its Node is not known and the Service does not publish not-ready addresses. */
  missingNode: boolean;
  groupKey: string;
  ports: EndpointPort[];
  /** Per address type (in `addressTypes` order): the desired endpoint, if any. */
  endpoints: (Endpoint | undefined)[];
}

function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const sortedB = [...b].sort();
  return [...a].sort().every((address, i) => address === sortedB[i]);
}

/** Same identity (SET hashEndpoint): sorted addresses, hostname, targetRef namespace and name. */
export function sameIdentity(a: Endpoint, b: Endpoint): boolean {
  return (
    a === b ||
    ((a.targetRef?.name ?? '') === (b.targetRef?.name ?? '') &&
      (a.targetRef?.namespace ?? '') === (b.targetRef?.namespace ?? '') &&
      (a.hostname ?? '') === (b.hostname ?? '') &&
      sameAddresses(a.addresses, b.addresses))
  );
}

/** The key of an endpoint in its port mapping: its Pod's name. */
export function podNameOf(endpoint: Endpoint): string {
  return endpoint.targetRef?.name ?? '';
}

export function emptyState(service: Service, addressTypes: AddressType[]): ServiceState {
  const shared = podIndependentPorts(service);
  return {
    service,
    addressTypes,
    sharedPorts: shared && { ports: shared, key: portMapKey(shared) },
    portsByContainers: new WeakMap(),
    types: addressTypes.map((addressType) => ({
      addressType,
      groups: new Map(),
      slices: new Map(),
      candidates: new Set(),
      labelsChanged: new Set(),
      hintsStale: new Set(),
    })),
    pods: new Map(),
    missingNode: new Set(),
  };
}

export function groupOf(type: AddressTypeState, key: string, ports: EndpointPort[]): PortGroup {
  let group = type.groups.get(key);
  if (!group) {
    group = {
      key,
      ports,
      members: 0,
      desired: new Map(),
      unplaced: new Set(),
      slices: new Map(),
      placed: new Map(),
    };
    type.groups.set(key, group);
  }
  return group;
}

/** A port mapping with no members and no slices is forgotten. */
export function dropIfEmpty(type: AddressTypeState, group: PortGroup): void {
  if (group.members === 0 && group.slices.size === 0) type.groups.delete(group.key);
}

/**
 * Called before a Pod's desired endpoint in the mapping changes: the slice holding its endpoint
 * becomes a candidate and records that endpoint as stale (it was the desired one unless already
 * stale). Returns the endpoint the slice holds, undefined when no slice of the mapping holds one.
 */
function markStale(type: AddressTypeState, group: PortGroup, name: string): Endpoint | undefined {
  const sliceName = group.placed.get(name);
  if (sliceName === undefined) return undefined;
  type.candidates.add(sliceName);
  const { stale } = group.slices.get(sliceName) as SliceRecord;
  let stored = stale.get(name);
  if (stored === undefined) {
    stored = group.desired.get(name) as Endpoint;
    stale.set(name, stored);
  }
  return stored;
}

/** A Pod's endpoint ports and their port mapping key (CU PortMapKey). */
interface PortMapping {
  ports: EndpointPort[];
  key: string;
}

/** The endpoint ports `pod` resolves, kept per {@link resolvedPortsKey}. */
function portMappingOf(state: ServiceState, pod: Pod): PortMapping {
  const key = resolvedPortsKey(pod);
  const known = key && state.portsByContainers.get(key);
  if (known) return known;
  const ports = getEndpointPorts(state.service, pod);
  const mapping = { ports, key: portMapKey(ports) };
  if (key) state.portsByContainers.set(key, mapping);
  return mapping;
}

/** The endpoints of one Pod, as reconcileByAddressType derives them for every address type. */
function podRecord(
  state: ServiceState,
  pod: Pod,
  nodes: ReadonlyMap<string, Node>,
): PodRecord | undefined {
  if (!shouldPodBeInEndpoints(pod)) return undefined;
  const { service } = state;
  const { ports, key: groupKey } = state.sharedPorts ?? portMappingOf(state, pod);
  const nodeName = pod.spec?.nodeName ?? '';
  const node = nodes.get(nodeName);
  const missingNode = !node && service.spec.publishNotReadyAddresses !== true;
  const endpoints: (Endpoint | undefined)[] = [];
  for (const addressType of state.addressTypes) {
    const endpoint = missingNode ? undefined : podToEndpoint(pod, node, service, addressType);
    endpoints.push(endpoint && endpoint.addresses.length > 0 ? endpoint : undefined);
  }
  const name = pod.metadata.name ?? '';
  return { name, nodeName, missingNode, groupKey, ports, endpoints };
}

/**
 * Brings one Pod up to date: `pod` is its current object, undefined when it is gone or no
 * longer selected. The slices that hold its old or new endpoint become candidates; its new
 * endpoint is unplaced unless a slice of its port mapping holds one of the same identity.
 */
export function updatePod(
  state: ServiceState,
  key: string,
  pod: Pod | undefined,
  nodes: ReadonlyMap<string, Node>,
): void {
  const old = state.pods.get(key);
  const record = pod && podRecord(state, pod, nodes);
  for (let t = 0; t < state.types.length; t++) {
    const type = state.types[t] as AddressTypeState;
    const oldGroup = old && type.groups.get(old.groupKey);
    if (old && oldGroup) {
      oldGroup.members--;
      if (old.endpoints[t]) {
        markStale(type, oldGroup, old.name);
        oldGroup.desired.delete(old.name);
        oldGroup.unplaced.delete(old.name);
      }
    }
    if (record) {
      const group = groupOf(type, record.groupKey, record.ports);
      if (group.members++ === 0) group.ports = record.ports;
      const endpoint = record.endpoints[t];
      if (endpoint) {
        const stored = markStale(type, group, record.name);
        group.desired.set(record.name, endpoint);
        if (!stored || !sameIdentity(stored, endpoint)) group.unplaced.add(record.name);
      }
    }
    if (oldGroup) dropIfEmpty(type, oldGroup);
  }
  if (record) state.pods.set(key, record);
  else state.pods.delete(key);
  if (record?.missingNode) state.missingNode.add(key);
  else if (old?.missingNode) state.missingNode.delete(key);
}

/** The error of every sync for each published Pod whose Node is missing, in Pod name order. */
export function missingNodeErrors(state: ServiceState): string[] {
  if (state.missingNode.size === 0) return [];
  const { namespace = '', name = '' } = state.service.metadata;
  const pods = [...state.missingNode].map((key) => state.pods.get(key) as PodRecord);
  pods.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pods.map(
    (pod) =>
      `skipping Pod ${pod.name} for Service ${namespace}/${name}: Node ${pod.nodeName} Not Found`,
  );
}
