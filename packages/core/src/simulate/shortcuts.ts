import { ANNOTATION_TOPOLOGY_MODE } from '../model/constants.ts';
import { defaultNodeName } from '../engine/nodes.ts';
import type { Scenario, ScenarioEvent, ServiceSpec, ZoneSpec } from '../engine/scenario.ts';

/** Events of a service shortcut, in words a capacity planner uses. */
export type ShortcutEvent = { at: number } & (
  | { type: 'createService' }
  | { type: 'rollingUpdate' }
  | { type: 'scaleTo'; replicas: number }
  | { type: 'updateOne'; forSeconds?: number }
  | { type: 'drainNode'; node?: string }
  | { type: 'zoneOutage'; zone?: string; forSeconds?: number }
);

/**
 * "A Service with P Pods on N Nodes across Z zones", and what happens to it: the short way to
 * write the common what-if scenarios. Everything else is as in a scenario file.
 */
export interface ServiceShortcut {
  name?: string;
  pods: number;
  nodes: number;
  /** Zones the Nodes are spread over, as evenly as they go (default 3, at most `nodes`). */
  zones?: number;
  /** The rolling update's bounds, counts or percentages (defaults 25 %, 25 %). */
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  /**
   * Each Pod's start-up takes 5 s plus up to this many seconds more, drawn per Pod (default 0:
   * a rollout's Pods become ready together, in one sync; see WorkloadSpec.startJitterSeconds).
   */
  startJitterSeconds?: number;
  /** Topology-aware hints (`service.kubernetes.io/topology-mode: Auto`). */
  topologyAwareHints?: boolean;
  trafficDistribution?: 'PreferClose' | 'PreferSameZone' | 'PreferSameNode';
  events?: ShortcutEvent[];
}

/**
 * The rolling update of a Service of `pods` Pods, one per Node in three zones, whose Pods take
 * 5–15 s to start, as in a real cluster: they become ready one by one, each change a sync of its
 * own. The Simulate page's "one by one" preset at 5,000 Pods; the api's worker warms up on it.
 */
export function oneByOneRollout(pods: number): ServiceShortcut {
  return {
    pods,
    nodes: pods,
    zones: 3,
    startJitterSeconds: 10,
    events: [{ at: 10, type: 'rollingUpdate' }],
  };
}

export const SHORTCUT_NAMESPACE = 'default';
export const SHORTCUT_WORKLOAD = 'web';

/** Zone names a, b, …, z, aa, ab, …: `zone-a` first. */
export function zoneName(index: number): string {
  let name = '';
  let i = index;
  do {
    name = String.fromCharCode(97 + (i % 26)) + name;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return `zone-${name}`;
}

/** The zones of N Nodes spread over Z zones, the first ones one Node larger. */
export function shortcutZones(nodes: number, zones: number, pods: number): ZoneSpec[] {
  const count = Math.max(1, Math.min(zones, nodes));
  const smallest = Math.floor(nodes / count);
  // The scheduler spreads a workload evenly over zones; room for a surge or a lost zone's Pods.
  const perNode = Math.ceil(Math.ceil(pods / count) / smallest);
  const maxPods = Math.min(254, Math.max(110, 2 * perNode + 1));
  return Array.from({ length: count }, (_, z) => ({
    name: zoneName(z),
    nodes: smallest + (z < nodes % count ? 1 : 0),
    maxPods,
  }));
}

function toEvent(event: ShortcutEvent, service: ServiceSpec, zones: ZoneSpec[]): ScenarioEvent {
  const workload = { workload: SHORTCUT_WORKLOAD, namespace: SHORTCUT_NAMESPACE };
  const firstZone = zones[0]?.name ?? zoneName(0);
  switch (event.type) {
    case 'createService':
      return { at: event.at, type: 'createService', service };
    case 'rollingUpdate':
      return { at: event.at, type: 'rollout', ...workload };
    case 'scaleTo':
      return { at: event.at, type: 'scale', ...workload, replicas: event.replicas };
    case 'updateOne':
      return {
        at: event.at,
        type: 'readinessFlap',
        ...workload,
        pods: 1,
        forSeconds: event.forSeconds ?? 60,
      };
    case 'drainNode':
      return { at: event.at, type: 'drainNode', node: event.node ?? defaultNodeName(firstZone, 1) };
    case 'zoneOutage':
      return {
        at: event.at,
        type: 'zoneOutage',
        zone: event.zone ?? firstZone,
        ...(event.forSeconds !== undefined && { forSeconds: event.forSeconds }),
      };
    default: {
      const unknown: never = event;
      throw new Error(`unknown shortcut event ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The scenario a shortcut stands for: Deployment `web` of P Pods (port `http` 8080) and Service
 * `web` (port 80 → `http`) in namespace `default`, on N Nodes named `<zone>-node-<n>`. The
 * Service exists from the start unless an event creates it.
 */
export function serviceScenario(shortcut: ServiceShortcut): Scenario {
  const zones = shortcutZones(shortcut.nodes, shortcut.zones ?? 3, shortcut.pods);
  const service: ServiceSpec = {
    name: SHORTCUT_WORKLOAD,
    namespace: SHORTCUT_NAMESPACE,
    selector: { app: SHORTCUT_WORKLOAD },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    ...(shortcut.topologyAwareHints && { annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'Auto' } }),
    ...(shortcut.trafficDistribution && { trafficDistribution: shortcut.trafficDistribution }),
  };
  const events = shortcut.events ?? [];
  const createdLater = events.some((event) => event.type === 'createService');
  return {
    name: shortcut.name ?? 'service',
    description: `Service ${SHORTCUT_WORKLOAD}: ${shortcut.pods} Pods on ${shortcut.nodes} Nodes in ${zones.length} zones`,
    cluster: {
      zones,
      workloads: [
        {
          name: SHORTCUT_WORKLOAD,
          namespace: SHORTCUT_NAMESPACE,
          replicas: shortcut.pods,
          labels: { app: SHORTCUT_WORKLOAD },
          ports: [{ name: 'http', containerPort: 8080 }],
          ...(shortcut.maxSurge !== undefined && { maxSurge: shortcut.maxSurge }),
          ...(shortcut.maxUnavailable !== undefined && { maxUnavailable: shortcut.maxUnavailable }),
          ...(shortcut.startJitterSeconds !== undefined && {
            startJitterSeconds: shortcut.startJitterSeconds,
          }),
        },
      ],
      ...(!createdLater && { services: [service] }),
    },
    events: events.map((event) => toEvent(event, service, zones)),
  };
}
