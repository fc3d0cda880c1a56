import type { EndpointSlice, Protocol } from '../model/kubernetes.ts';
import {
  LABEL_HEADLESS,
  LABEL_SERVICE_NAME,
  LABEL_SERVICE_PROXY_NAME,
} from '../model/constants.ts';
import { parseIp, UNPARSABLE_IP_TEXT, type IpFamily } from '../net/ip.ts';
import { compareStrings } from '../util/records.ts';
import type { ProxyRules } from './proxyBehaviour.ts';

/** One endpoint of one Service port as kube-proxy holds it (upstream BaseEndpointInfo). */
export interface ProxyEndpoint {
  /** `addresses[0]` in canonical form (ParseIPSloppy, then String). */
  address: string;
  /** The port number of the slice this copy came from. */
  port: number;
  /** `IP:port`, or `[IP]:port` for IPv6: kube-proxy's key and sort order. */
  endpoint: string;
  /** `conditions.ready`, nil read as true. */
  ready: boolean;
  /** `conditions.serving`, nil read as true. */
  serving: boolean;
  /** `conditions.terminating`, nil read as false. */
  terminating: boolean;
  /** `nodeName` is the node kube-proxy runs on. */
  isLocal: boolean;
  nodeName?: string;
  zone?: string;
  /** `hints.forZones` names as this kube-proxy reads them (none with TopologyAwareHints off). */
  zoneHints?: string[];
  /** `hints.forNodes` names, read only with PreferSameTrafficDistribution. */
  nodeHints?: string[];
}

/** The endpoints of one ServicePortName (port name and protocol) of one IP family. */
export interface ProxyPortEndpoints {
  ipFamily: IpFamily;
  portName: string;
  protocol: Protocol;
  /** Deduplicated by `endpoint` and sorted by it. */
  endpoints: ProxyEndpoint[];
}

/** Why a slice, or a port of a slice, did not count. */
export interface IgnoredSlicePart {
  slice: string;
  reason: string;
}

export interface ProxyEndpointsMap {
  /** Ordered by family, then port name, then protocol. */
  ports: ProxyPortEndpoints[];
  ignored: IgnoredSlicePart[];
}

/** `net.JoinHostPort(ip, port)`: brackets around an IPv6 address. */
function joinHostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function portKey(ipFamily: IpFamily, portName: string, protocol: Protocol): string {
  return `${ipFamily}\u0000${portName}\u0000${protocol}`;
}

/** Which address family's proxier sees a slice; FQDN (and the old `IP` type) none. */
function sliceFamily(slice: EndpointSlice): IpFamily | undefined {
  return slice.addressType === 'IPv4' || slice.addressType === 'IPv6'
    ? slice.addressType
    : undefined;
}

function hintNames(hints: readonly { name: string }[] | undefined): string[] | undefined {
  if (!hints || hints.length === 0) return undefined;
  return [...new Set(hints.map((hint) => hint.name))].sort(compareStrings);
}

/**
 * The slices kube-proxy holds for a Service: labelled `kubernetes.io/service-name` with its name
 * in its namespace (any managed-by, so mirrored slices count), of an IP address type, and not
 * hidden by kube-proxy's informer selector (`!service.kubernetes.io/service-proxy-name,
 * !service.kubernetes.io/headless`). The cache is keyed by slice name, so of two slices with one
 * name the later in `slices` wins, as a later watch event would. Result sorted by name, a fixed
 * stand-in for upstream's Go map order.
 */
export function slicesSeenByProxy(
  service: { namespace: string; name: string },
  slices: readonly EndpointSlice[],
): { slices: EndpointSlice[]; ignored: IgnoredSlicePart[] } {
  const byName = new Map<string, EndpointSlice>();
  const ignored: IgnoredSlicePart[] = [];
  for (const slice of slices) {
    const labels = slice.metadata.labels ?? {};
    const name = slice.metadata.name ?? '';
    if (labels[LABEL_SERVICE_NAME] !== service.name) continue;
    if ((slice.metadata.namespace ?? '') !== service.namespace) continue;
    if (LABEL_SERVICE_PROXY_NAME in labels) {
      ignored.push({ slice: name, reason: `labelled ${LABEL_SERVICE_PROXY_NAME}: not watched` });
      continue;
    }
    if (LABEL_HEADLESS in labels) {
      ignored.push({ slice: name, reason: `labelled ${LABEL_HEADLESS}: not watched` });
      continue;
    }
    if (!sliceFamily(slice)) {
      ignored.push({ slice: name, reason: `address type ${slice.addressType} is not proxied` });
      continue;
    }
    if (byName.has(name)) {
      ignored.push({ slice: name, reason: 'another slice of this name replaces it' });
    }
    byName.set(name, slice);
  }
  const seen = [...byName.values()].sort((a, b) =>
    compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
  return { slices: seen, ignored };
}

/**
 * Merges a Service's slices into one endpoint list per ServicePortName and IP family
 * (EndpointSliceCache `endpointInfoByServicePort`, `addEndpoints` and
 * `endpointsMapFromEndpointInfo`, pkg/proxy/endpointslicecache.go at commit
 * c2c7d507620b919d8c6cd5d43e689e7656186df5; older rule 04791b4906602ffda5ccf9bc4c84d3329f1d7080).
 *
 * - A port with no name or no (or zero) port number is ignored; protocol defaults to TCP.
 * - Only `addresses[0]` counts; an endpoint without addresses is ignored.
 * - Each slice's port number applies to its own endpoints, so one port name may list the same IP
 *   under several port numbers.
 * - Copies with the same `IP:port` are merged by `rules.dedupe`. Slices are visited in name
 *   order and endpoints in slice order; upstream visits slices in Go map order, so when two
 *   copies tie under the rule its choice is arbitrary and ours is the first (or, for
 *   `preferLocal`, the last local) copy.
 */
export function proxyEndpointsMap(
  service: { namespace: string; name: string },
  slices: readonly EndpointSlice[],
  nodeName: string,
  rules: ProxyRules,
): ProxyEndpointsMap {
  const seen = slicesSeenByProxy(service, slices);
  const ignored = [...seen.ignored];
  const sets = new Map<
    string,
    { port: Omit<ProxyPortEndpoints, 'endpoints'>; byKey: Map<string, ProxyEndpoint> }
  >();

  for (const slice of seen.slices) {
    const family = sliceFamily(slice);
    if (!family) continue;
    const sliceName = slice.metadata.name ?? '';
    for (const [index, port] of (slice.ports ?? []).entries()) {
      if (port.name === undefined || port.name === null) {
        ignored.push({ slice: sliceName, reason: `port #${index} has no name` });
        continue;
      }
      if (!port.port) {
        ignored.push({ slice: sliceName, reason: `port "${port.name}" has no port number` });
        continue;
      }
      const protocol = port.protocol ?? 'TCP';
      const key = portKey(family, port.name, protocol);
      let set = sets.get(key);
      if (!set) {
        set = { port: { ipFamily: family, portName: port.name, protocol }, byKey: new Map() };
        sets.set(key, set);
      }
      addEndpoints(set.byKey, slice, port.port, nodeName, rules);
    }
  }

  const ports = [...sets.values()]
    .map(({ port, byKey }) => ({
      ...port,
      endpoints: [...byKey.values()].sort((a, b) => compareStrings(a.endpoint, b.endpoint)),
    }))
    .filter((port) => port.endpoints.length > 0)
    .sort(
      (a, b) =>
        compareStrings(a.ipFamily, b.ipFamily) ||
        compareStrings(a.portName, b.portName) ||
        compareStrings(a.protocol, b.protocol),
    );
  return { ports, ignored };
}

/** One slice's endpoints for one port number (upstream `addEndpoints`). */
function addEndpoints(
  byKey: Map<string, ProxyEndpoint>,
  slice: EndpointSlice,
  portNumber: number,
  nodeName: string,
  rules: ProxyRules,
): void {
  for (const endpoint of slice.endpoints ?? []) {
    const first = endpoint.addresses[0];
    if (first === undefined) continue;
    const address = parseIp(first)?.text ?? UNPARSABLE_IP_TEXT;
    const conditions = endpoint.conditions ?? {};
    const isLocal =
      nodeName.length > 0 && endpoint.nodeName !== undefined && endpoint.nodeName === nodeName;
    const zoneHints = rules.topologyAwareHints ? hintNames(endpoint.hints?.forZones) : undefined;
    const nodeHints = rules.preferSameTrafficDistribution
      ? hintNames(endpoint.hints?.forNodes)
      : undefined;
    const info: ProxyEndpoint = {
      address,
      port: portNumber,
      endpoint: joinHostPort(address, portNumber),
      ready: conditions.ready ?? true,
      serving: conditions.serving ?? true,
      terminating: conditions.terminating ?? false,
      isLocal,
      ...(endpoint.nodeName !== undefined && { nodeName: endpoint.nodeName }),
      ...(endpoint.zone !== undefined && { zone: endpoint.zone }),
      ...(zoneHints && { zoneHints }),
      ...(nodeHints && { nodeHints }),
    };
    const replaces = rules.dedupe === 'preferLocal' ? info.isLocal : !info.terminating;
    if (!byKey.has(info.endpoint) || replaces) byKey.set(info.endpoint, info);
  }
}
