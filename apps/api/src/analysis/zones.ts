import {
  LABEL_TOPOLOGY_ZONE,
  isNodeReady,
  zoneCapacity,
  type Endpoint,
  type EndpointSlice,
  type Node,
} from '@slicescope/core';
import { compareNamesEmptyLast } from './endpointText.ts';

/** The zone label of clusters before 1.17; read only when the current one is absent. */
const LABEL_BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';

/** One zone of the cluster; zone '' collects Nodes and endpoints without a zone. */
export interface ZoneSummary {
  zone: string;
  nodes: number;
  readyNodes: number;
  /** Allocatable CPU of the zone's ready worker Nodes in milli-cores, as the controller counts. */
  allocatableMilliCpu?: number | undefined;
  /**
   * The zone's share of that CPU, 0–1, as topology-aware hints use it; absent when the
   * controller cannot compute shares (a ready worker without zone or CPU, or a single zone).
   */
  cpuShare?: number | undefined;
  /** Endpoints of every slice located in the zone. */
  endpoints: number;
  /** Of them, ready (nil read as ready). */
  readyEndpoints: number;
}

/** A Node's zone label, else the deprecated beta one; '' when it has neither. */
export function nodeZone(node: Node | undefined): string {
  const labels = node?.metadata.labels ?? {};
  return labels[LABEL_TOPOLOGY_ZONE] || labels[LABEL_BETA_ZONE] || '';
}

/** The endpoint's zone, else its Node's (spec hints-endpoints-mirroring-proxy.md §e). */
function endpointZone(endpoint: Endpoint, nodes: ReadonlyMap<string, Node>): string {
  if (endpoint.zone) return endpoint.zone;
  return endpoint.nodeName ? nodeZone(nodes.get(endpoint.nodeName)) : '';
}

/**
 * Per zone: Nodes, ready Nodes, allocatable CPU and its share (core `zoneCapacity`, the topology
 * cache's SetNodes), and the endpoints located there. Zones are those of the Nodes and of the
 * endpoints, in name order with '' last; every endpoint is counted once per slice entry, so the
 * endpoints sum to the slices' total.
 */
export function zoneSummaries(
  nodes: readonly Node[],
  slices: readonly EndpointSlice[],
): ZoneSummary[] {
  const capacity = zoneCapacity(nodes);
  const byZone = new Map<string, ZoneSummary>();
  const zoneEntry = (zone: string): ZoneSummary => {
    let entry = byZone.get(zone);
    if (!entry) {
      entry = { zone, nodes: 0, readyNodes: 0, endpoints: 0, readyEndpoints: 0 };
      const milliCpu = capacity.milliCpuByZone.get(zone);
      if (milliCpu !== undefined) entry.allocatableMilliCpu = milliCpu;
      const share = capacity.ratios?.get(zone);
      if (share !== undefined) entry.cpuShare = share;
      byZone.set(zone, entry);
    }
    return entry;
  };
  for (const node of nodes) {
    const entry = zoneEntry(nodeZone(node));
    entry.nodes++;
    if (isNodeReady(node)) entry.readyNodes++;
  }
  const nodesByName = new Map(nodes.map((node) => [node.metadata.name ?? '', node]));
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const entry = zoneEntry(endpointZone(endpoint, nodesByName));
      entry.endpoints++;
      if (endpoint.conditions?.ready ?? true) entry.readyEndpoints++;
    }
  }
  return [...byZone.values()].sort((a, b) => compareNamesEmptyLast(a.zone, b.zone));
}
