import type { NodeProxyView, NodeSummary } from '@slicescope/contract';
import { compareNatural, compareZones } from '../../ui/order.ts';

/** The node picker's options and the kube-proxy releases the api can emulate. */

export interface ZoneOfNodes {
  /** '' for Nodes without a zone label. */
  zone: string;
  nodes: NodeSummary[];
}

/** Nodes grouped by zone, zones by name (the zoneless last), nodes by name inside. */
export function nodesByZone(nodes: Readonly<Record<string, NodeSummary>>): ZoneOfNodes[] {
  const byZone = new Map<string, NodeSummary[]>();
  for (const node of Object.values(nodes)) {
    const zone = node.zone ?? '';
    const list = byZone.get(zone);
    if (list) list.push(node);
    else byZone.set(zone, [node]);
  }
  return [...byZone.entries()]
    .sort(([a], [b]) => compareZones(a, b))
    .map(([zone, list]) => ({
      zone,
      nodes: list.sort((a, b) => compareNatural(a.name, b.name)),
    }));
}

/** The first kube-proxy whose rules the view models (hints came in 1.21), and the newest. */
export const FIRST_PROXY_MINOR = 21;
export const LAST_PROXY_MINOR = 36;

export const PROXY_VERSIONS: readonly string[] = Array.from(
  { length: LAST_PROXY_MINOR - FIRST_PROXY_MINOR + 1 },
  (_, index) => `1.${FIRST_PROXY_MINOR + index}`,
);

type Behaviour = NodeProxyView['behaviour'];

const onOff = (value: boolean | undefined, what: string): string | undefined =>
  value === undefined ? undefined : `${what} ${value ? 'on' : 'off'}`;

/** `kube-proxy 1.27–1.30 rules; topology-aware hints on, terminating endpoints on`. */
export function behaviourText(behaviour: Behaviour): string {
  const range = behaviour.version.replace('-', '–');
  const flags: (string | undefined)[] = [];
  if (behaviour.version !== '1.36+') {
    flags.push(onOff(behaviour.topologyAwareHints, 'topology-aware hints'));
    if ('proxyTerminatingEndpoints' in behaviour) {
      flags.push(
        onOff(behaviour.proxyTerminatingEndpoints, 'falling back to terminating endpoints'),
      );
    }
    if ('preferSameTrafficDistribution' in behaviour) {
      flags.push(onOff(behaviour.preferSameTrafficDistribution, 'PreferSameZone / PreferSameNode'));
    }
    if ('loadBalancerIPMode' in behaviour) {
      flags.push(onOff(behaviour.loadBalancerIPMode, 'load-balancer ipMode'));
    }
  }
  const shown = flags.filter((flag): flag is string => flag !== undefined);
  return `kube-proxy ${range} rules${shown.length > 0 ? `; ${shown.join(', ')}` : ''}`;
}
