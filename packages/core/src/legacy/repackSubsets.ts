import type { EndpointAddress, EndpointSubset, EndpointsPort } from '../model/endpoints.ts';
import { compareStrings } from '../util/records.ts';

/**
 * Address order of Endpoints subsets (pkg/api/v1/endpoints/util.go LessEndpointAddress): IP text
 * byte-wise, then an address without targetRef before one with, then targetRef UID.
 */
export function compareEndpointAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const byIp = compareStrings(a.ip, b.ip);
  if (byIp !== 0) return byIp;
  if (b.targetRef === undefined) return a.targetRef === undefined ? 0 : 1;
  if (a.targetRef === undefined) return -1;
  return compareStrings(a.targetRef.uid ?? '', b.targetRef.uid ?? '');
}

/**
 * Port order of Endpoints subsets. Upstream sorts by the md5 of each port's Go dump (portsByHash),
 * which no one can read or reproduce; slicescope orders by number, then name, protocol and
 * appProtocol (absent first) instead.
 */
export function compareEndpointsPorts(a: EndpointsPort, b: EndpointsPort): number {
  if (a.port !== b.port) return a.port - b.port;
  return (
    compareStrings(a.name ?? '', b.name ?? '') ||
    compareStrings(a.protocol ?? '', b.protocol ?? '') ||
    compareOptional(a.appProtocol, b.appProtocol)
  );
}

/** Absent before any text. */
function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return compareStrings(a, b);
}

function compareLists<T>(
  a: readonly T[],
  b: readonly T[],
  compare: (x: T, y: T) => number,
): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compare(a[i] as T, b[i] as T);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * Subset order (stands in for upstream's subsetsByHash, an md5 order): by sorted port list, a
 * port-less subset first, then by ready and by not-ready addresses. Two subsets of one repacked
 * object never share a port, so the port list alone decides in practice.
 */
function compareSubsets(a: EndpointSubset, b: EndpointSubset): number {
  return (
    compareLists(a.ports ?? [], b.ports ?? [], compareEndpointsPorts) ||
    compareLists(a.addresses ?? [], b.addresses ?? [], compareEndpointAddresses) ||
    compareLists(a.notReadyAddresses ?? [], b.notReadyAddresses ?? [], compareEndpointAddresses)
  );
}

/** A subset of copies of the lists, its empty lists left out, as Go's omitempty writes it. */
export function compactSubset(
  addresses: readonly EndpointAddress[],
  notReadyAddresses: readonly EndpointAddress[],
  ports: readonly EndpointsPort[],
): EndpointSubset {
  return subsetHolding([...addresses], [...notReadyAddresses], [...ports]);
}

/**
 * {@link compactSubset} of lists the caller made for it and never changes: the subset holds
 * them, no copies.
 */
export function subsetHolding(
  addresses: EndpointAddress[],
  notReadyAddresses: EndpointAddress[],
  ports: EndpointsPort[],
): EndpointSubset {
  const subset: EndpointSubset = {};
  if (addresses.length > 0) subset.addresses = addresses;
  if (notReadyAddresses.length > 0) subset.notReadyAddresses = notReadyAddresses;
  if (ports.length > 0) subset.ports = ports;
  return subset;
}

/**
 * The subsets in canonical order (util.go SortSubsets, without mutating): ports within each subset
 * and the subsets themselves in slicescope's documented order (see {@link compareEndpointsPorts}),
 * and, unless `sortAddresses` is false, addresses by IP then UID as upstream does.
 */
export function sortSubsets(
  subsets: readonly EndpointSubset[],
  sortAddresses = true,
): EndpointSubset[] {
  const sorted = subsets.map((subset) => {
    const addresses = [...(subset.addresses ?? [])];
    const notReadyAddresses = [...(subset.notReadyAddresses ?? [])];
    if (sortAddresses) {
      addresses.sort(compareEndpointAddresses);
      notReadyAddresses.sort(compareEndpointAddresses);
    }
    const ports = [...(subset.ports ?? [])].sort(compareEndpointsPorts);
    return compactSubset(addresses, notReadyAddresses, ports);
  });
  return sorted.sort(compareSubsets);
}

/** Identity of a port as a Go map key: every field by value. */
function portKey(port: EndpointsPort): string {
  const appProtocol = port.appProtocol === undefined ? '-' : `=${port.appProtocol}`;
  return `${port.name ?? ''}|${port.port}|${port.protocol ?? ''}|${appProtocol}`;
}

/** Identity of an address (util.go addressKey): IP and targetRef UID. */
function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

/** Upstream's stand-in port for subsets without ports, so their addresses are not lost. */
const SENTINEL_PORT: EndpointsPort = { port: -1 };

interface PortAddresses {
  port: EndpointsPort;
  /** Address key → ready; not ready wins over ready. */
  readiness: Map<string, boolean>;
}

/**
 * The canonical form of a list of subsets (pkg/api/v1/endpoints/util.go RepackSubsets): for each
 * distinct port, the set of addresses offering it (identity IP + targetRef UID, the first copy
 * met is kept, not ready wins over ready); then ports with exactly the same address set (ready
 * state included) share one subset. Subsets without ports keep their addresses in one port-less
 * subset (upstream's Port -1 sentinel); a port numbered 0 or less is dropped the same way.
 *
 * Addresses come out sorted by IP then UID, as upstream; subsets and ports in slicescope's order
 * (see {@link sortSubsets}) where upstream uses an md5 order.
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, PortAddresses>();

  const mapAddress = (address: EndpointAddress, port: EndpointsPort, ready: boolean): void => {
    const key = addressKey(address);
    if (!allAddresses.has(key)) allAddresses.set(key, address);
    const pk = portKey(port);
    let entry = byPort.get(pk);
    if (!entry) {
      entry = { port, readiness: new Map() };
      byPort.set(pk, entry);
    }
    const wasReady = entry.readiness.get(key);
    if (wasReady === undefined || wasReady) entry.readiness.set(key, ready);
  };

  for (const subset of subsets) {
    const ports = subset.ports ?? [];
    for (const port of ports.length === 0 ? [SENTINEL_PORT] : ports) {
      for (const address of subset.addresses ?? []) mapAddress(address, port, true);
      for (const address of subset.notReadyAddresses ?? []) mapAddress(address, port, false);
    }
  }

  // Ports grouped by the identity of their address sets (upstream hashes the sorted set).
  const groups = new Map<string, { readiness: Map<string, boolean>; ports: EndpointsPort[] }>();
  for (const { port, readiness } of byPort.values()) {
    const setKey = [...readiness]
      .map(([key, ready]) => `${key}\u0001${ready ? 1 : 0}`)
      .sort(compareStrings)
      .join('\u0002');
    let group = groups.get(setKey);
    if (!group) {
      group = { readiness, ports: [] };
      groups.set(setKey, group);
    }
    if (port.port > 0) group.ports.push(port);
  }

  const repacked: EndpointSubset[] = [];
  for (const { readiness, ports } of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of readiness) {
      const address = allAddresses.get(key) as EndpointAddress;
      (isReady ? ready : notReady).push(address);
    }
    repacked.push(compactSubset(ready, notReady, ports));
  }
  return sortSubsets(repacked);
}
