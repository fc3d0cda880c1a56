import type { NodeSummary, ServiceSummary } from '@slicescope/contract';
import { plural } from '@slicescope/core';
import type { SimulationSpec } from './simulationSpec.ts';

const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
/** The quick form's and the shortcut's bounds (docs/simulate.md "Limits"). */
const MAX_NODES = 5_000;
const MAX_ZONES = 100;

/** What the import kept of the live cluster and what it had to change. */
export interface ImportedService {
  spec: SimulationSpec;
  notes: string[];
}

/**
 * "Import this live Service as a scenario": the service shortcut of its shape — its Pods (each
 * once, however many endpoints it has; not the terminating ones), the stream's Nodes and their zones, its hints settings — followed by a rolling update, in
 * model mode. The shortcut spreads Pods evenly over the zones, as a Deployment's spread would.
 */
export function importService(
  service: ServiceSummary,
  nodes: readonly NodeSummary[],
): ImportedService {
  const notes: string[] = [];
  const zoneNames = new Set(nodes.map((node) => node.zone ?? ''));
  let nodeCount = nodes.length;
  if (nodeCount === 0) {
    nodeCount = 1;
    notes.push('The cluster lists no Nodes: one Node is assumed.');
  } else if (nodeCount > MAX_NODES) {
    notes.push(`${nodeCount} Nodes is over the simulator's ${MAX_NODES}: ${MAX_NODES} are used.`);
    nodeCount = MAX_NODES;
  }
  const zones = Math.max(1, Math.min(zoneNames.size, nodeCount, MAX_ZONES));
  if (zoneNames.has('') && zoneNames.size > 1) {
    notes.push('Nodes without a zone label count as one more zone.');
  }
  if (service.terminating > 0) {
    notes.push(
      `${plural(service.terminating, 'terminating endpoint')} left out: the simulation starts with the Pods that stay.`,
    );
  }
  if (service.clusterIPs.length > 1) {
    notes.push(
      'The Service is dual-stack; the simulation has one address family (IPv4), so one slice set where the cluster has two.',
    );
  }
  const shortcut: Record<string, unknown> = {
    name: service.name,
    pods: service.pods,
    nodes: nodeCount,
    zones,
  };
  if (service.topologyMode?.toLowerCase() === 'auto') shortcut.topologyAwareHints = true;
  if (service.trafficDistribution !== undefined) {
    if (TRAFFIC_DISTRIBUTIONS.includes(service.trafficDistribution)) {
      shortcut.trafficDistribution = service.trafficDistribution;
    } else {
      notes.push(`trafficDistribution ${service.trafficDistribution} is not simulated.`);
    }
  }
  shortcut.events = [{ at: 10, type: 'rollingUpdate' }];
  if (!service.selector) {
    notes.push(
      'The Service has no selector (its slices are not the controller’s); it is simulated as if it had one.',
    );
  }
  return {
    spec: { input: { kind: 'service', text: JSON.stringify(shortcut, null, 2) }, mode: 'model' },
    notes,
  };
}
