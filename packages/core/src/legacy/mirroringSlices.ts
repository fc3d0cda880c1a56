import type {
  AddressType,
  Endpoint,
  EndpointPort,
  EndpointSlice,
  OwnerReference,
} from '../model/kubernetes.ts';
import type { EndpointAddress, Endpoints, EndpointsPort } from '../model/endpoints.ts';
import {
  ANNOTATION_TRIGGER_TIME,
  DISCOVERY_API_VERSION,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MIRRORING_CONTROLLER_NAME,
} from '../model/constants.ts';
import { endpointsEqualBeyondHash } from '../controller/endpoints.ts';
import type { EndpointSet } from '../controller/endpointSet.ts';
import { portMapKey, protocolOf } from '../controller/ports.ts';
import { getEndpointSlicePrefix } from '../controller/slices.ts';
import { parseIp } from '../net/ip.ts';
import { sortedRecord } from '../util/records.ts';
import { ANNOTATION_LAST_APPLIED_CONFIG } from './constants.ts';

/**
 * The slice endpoint for one Endpoints address, and its address type, or undefined when the IP
 * does not parse (MIR utils.go addressToEndpoint + getAddressType). The IP is re-parsed and
 * written canonically; an IPv4-mapped IPv6 address is IPv4. `ready` is the only condition set;
 * hostname (when not empty), targetRef (as it is) and nodeName (when present, even empty) are
 * copied. No zone, no hints.
 */
export function addressToEndpoint(
  address: EndpointAddress,
  ready: boolean,
): { endpoint: Endpoint; addressType: AddressType } | undefined {
  const parsed = parseIp(address.ip);
  if (!parsed) return undefined;
  const endpoint: Endpoint = { addresses: [parsed.text], conditions: { ready } };
  if (address.hostname) endpoint.hostname = address.hostname;
  if (address.targetRef !== undefined) endpoint.targetRef = address.targetRef;
  if (address.nodeName !== undefined) endpoint.nodeName = address.nodeName;
  return { endpoint, addressType: parsed.family };
}

/**
 * Endpoints ports as slice ports (MIR utils.go epPortsToEpsPorts): name, protocol and port always
 * written (name `""` when absent; an absent protocol read as TCP, as the API server defaults it),
 * appProtocol when set.
 */
export function endpointsPortsToSlicePorts(ports: readonly EndpointsPort[]): EndpointPort[] {
  return ports.map((port) => ({
    name: port.name ?? '',
    protocol: protocolOf(port),
    port: port.port,
    ...(port.appProtocol !== undefined && { appProtocol: port.appProtocol }),
  }));
}

/**
 * The key of one (address type, port set) pair (MIR utils.go newAddrTypePortMapKey): equal for
 * the same ports in any order.
 */
export function mirroredPortMapKey(
  ports: readonly EndpointPort[] | null | undefined,
  addressType: AddressType | string | undefined,
): string {
  return `${addressType ?? ''}-${portMapKey(ports)}`;
}

/** A copy of `record` without `keys` (MIR utils.go cloneAndRemoveKeys). */
export function withoutKeys(
  record: Readonly<Record<string, string>> | undefined,
  ...keys: string[]
): Record<string, string> {
  const copy: Record<string, string> = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The annotations a mirrored slice carries: all of the Endpoints' but two. */
export function mirroredAnnotations(endpoints: Endpoints): Record<string, string> {
  return withoutKeys(
    endpoints.metadata.annotations,
    ANNOTATION_TRIGGER_TIME,
    ANNOTATION_LAST_APPLIED_CONFIG,
  );
}

/**
 * A mirrored slice without endpoints (MIR utils.go newEndpointSlice): the Endpoints' labels with
 * `kubernetes.io/service-name` and the mirroring managed-by label written over them, its
 * annotations except the trigger time and kubectl's last-applied configuration, a controller
 * owner reference to the Endpoints object (not the Service), and `sliceName`, or a
 * `generateName` of `<endpoints name>-` when there is none.
 */
export function newMirroredEndpointSlice(
  endpoints: Endpoints,
  ports: EndpointPort[],
  addressType: AddressType,
  sliceName: string | undefined,
): EndpointSlice {
  const { name = '', namespace = '', uid = '' } = endpoints.metadata;
  const labels = sortedRecord({
    ...endpoints.metadata.labels,
    [LABEL_SERVICE_NAME]: name,
    [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME,
  });
  const annotations = mirroredAnnotations(endpoints);
  const owner: OwnerReference = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  return {
    kind: 'EndpointSlice',
    apiVersion: DISCOVERY_API_VERSION,
    metadata: {
      ...(sliceName ? { name: sliceName } : { generateName: getEndpointSlicePrefix(name) }),
      namespace,
      labels,
      ...(Object.keys(annotations).length > 0 && { annotations: sortedRecord(annotations) }),
      ownerReferences: [owner],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/**
 * Whether a slice is one this controller mirrored for the Endpoints `namespace/name`
 * (MIR endpointSlicesMirroredForService): same namespace, labelled with the name and managed by
 * the mirroring controller. Slices being deleted are included, as the lister returns them.
 */
export function isMirroredSliceOf(slice: EndpointSlice, namespace: string, name: string): boolean {
  const labels = slice.metadata.labels ?? {};
  return (
    (slice.metadata.namespace ?? '') === namespace &&
    labels[LABEL_SERVICE_NAME] === name &&
    labels[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME
  );
}

/**
 * Whether an existing slice still names an earlier Endpoints object of this name as its owner,
 * so it must be rewritten even when its content is right (upstream PR #125359, for Endpoints
 * deleted and re-created while the controller was down; the garbage collector would otherwise
 * delete the slice).
 */
export function ownedByEarlierEndpoints(slice: EndpointSlice, endpoints: Endpoints): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (owner) =>
      owner.kind === 'Endpoints' &&
      owner.name === (endpoints.metadata.name ?? '') &&
      owner.uid !== (endpoints.metadata.uid ?? ''),
  );
}

export interface EndpointTotals {
  added: number;
  updated: number;
  removed: number;
}

/**
 * The endpoint changes that turn `slice` into `desired` (MIR reconciler.go totalChanges): removed
 * when not desired, updated when desired but different beyond identity
 * ({@link endpointsEqualBeyondHash}), added when desired and missing.
 */
export function totalChanges(slice: EndpointSlice, desired: EndpointSet): EndpointTotals {
  const totals: EndpointTotals = { added: 0, updated: 0, removed: 0 };
  let matches = 0;
  for (const endpoint of slice.endpoints ?? []) {
    const wanted = desired.get(endpoint);
    if (wanted === undefined) {
      totals.removed++;
      continue;
    }
    matches++;
    if (!endpointsEqualBeyondHash(wanted, endpoint)) totals.updated++;
  }
  totals.added = desired.size - matches;
  return totals;
}

export interface SlicesByAction {
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  toDelete: EndpointSlice[];
}

/**
 * Turns creates into updates of slices that would be deleted, per address type, pairing them in
 * order (MIR reconciler_helpers.go recycleSlices). The recycled slice is the new one with the
 * deleted slice's name (its generateName kept), appended to the updates. Address types are taken
 * in the order they first appear among the creates (upstream: Go map order).
 *
 * Not reproduced: upstream removes "the first create with the same name", and creates have no
 * name yet, so when the address types recycle unevenly it can drop a create of the other address
 * type; this removes the create that was actually recycled.
 */
export function recycleSlices(slices: SlicesByAction): SlicesByAction {
  const toCreate = [...slices.toCreate];
  const toUpdate = [...slices.toUpdate];
  const toDelete = [...slices.toDelete];
  const addressTypes = [...new Set(slices.toCreate.map((slice) => slice.addressType))];
  for (const addressType of addressTypes) {
    const creates = slices.toCreate.filter((slice) => slice.addressType === addressType);
    const deletes = slices.toDelete.filter((slice) => slice.addressType === addressType);
    for (let i = 0; i < creates.length && i < deletes.length; i++) {
      const created = creates[i] as EndpointSlice;
      const deleted = deletes[i] as EndpointSlice;
      toCreate.splice(toCreate.indexOf(created), 1);
      toDelete.splice(toDelete.indexOf(deleted), 1);
      const { name: _none, ...metadata } = created.metadata;
      toUpdate.push({ ...created, metadata: { name: deleted.metadata.name ?? '', ...metadata } });
    }
  }
  return { toCreate, toUpdate, toDelete };
}
