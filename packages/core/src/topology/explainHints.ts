import type { AddressType, EndpointSlice, Node, Service } from '../model/kubernetes.ts';
import { getAddressTypesForService } from '../controller/reconcile.ts';
import {
  endpointReady,
  getAllocations,
  HINTS_MESSAGES,
  OVERLOAD_THRESHOLD,
  zoneMinimum,
  zonesInOrder,
} from './hintAllocation.ts';
import { zoneCapacity } from './topologyCache.ts';
import { hintsEnabled, topologyAnnotation } from './topologyMode.ts';
import { validTrafficDistribution } from './trafficDistribution.ts';
import { plural } from '../util/words.ts';

/** Which rule decided whether a Service's slices carry hints. */
export type HintsRule =
  | 'auto-allocated'
  | 'auto-insufficient-node-info'
  | 'auto-one-zone'
  | 'auto-too-few-endpoints'
  | 'auto-overload'
  | 'auto-endpoint-without-zone'
  | 'auto-topology-cache-off'
  | 'annotation-not-auto'
  | 'traffic-distribution'
  | 'traffic-distribution-not-honoured'
  | 'none';

export interface ZoneExplanation {
  zone: string;
  /** Share of the ready worker Nodes' allocatable CPU, 0–1; undefined when not known. */
  cpuShare: number | undefined;
  /** Ready endpoints located in the zone. */
  endpoints: number;
  /** endpoints / all ready endpoints, 0–1. */
  endpointShare: number;
  /** Ready endpoints the slices hint for this zone. */
  hinted: number;
  /**
   * How much more traffic than a fair share each endpoint serving this zone would receive under
   * topology-aware hints (0.33 = 33% more); undefined where not applicable.
   */
  expectedOverload: number | undefined;
}

export interface HintsExplanation {
  addressType: AddressType;
  /** Whether the controller writes hints for this address type. */
  hintsOn: boolean;
  rule: HintsRule;
  /** One or two sentences for a person; the dashboard shows them verbatim. */
  summary: string;
  zones: ZoneExplanation[];
}

export interface ExplainOptions {
  /** Whether the controller runs a topology cache (always, from 1.36). */
  topologyCache: boolean;
  /** Whether PreferSameZone and PreferSameNode are honoured (GA in 1.35). */
  preferSameTrafficDistribution: boolean;
}

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/**
 * The integer split of n endpoints over zones closest to their CPU shares (largest remainder,
 * at least one per zone when n allows): what the hints would look like at best.
 */
function bestSplit(ratios: ReadonlyMap<string, number>, n: number): Map<string, number> {
  const zones = zonesInOrder(ratios);
  const split = new Map(zones.map((zone) => [zone, Math.floor((ratios.get(zone) as number) * n)]));
  let left = n - [...split.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...zones].sort((a, b) => {
    const remainder = (zone: string) =>
      (ratios.get(zone) as number) * n - (split.get(zone) as number);
    return remainder(b) - remainder(a);
  });
  for (const zone of byRemainder) {
    if (left === 0) break;
    split.set(zone, (split.get(zone) as number) + 1);
    left--;
  }
  for (const zone of zones) {
    if (split.get(zone) !== 0) continue;
    const donor = zones.reduce((a, b) =>
      (split.get(a) as number) >= (split.get(b) as number) ? a : b,
    );
    if ((split.get(donor) as number) < 2) break;
    split.set(donor, (split.get(donor) as number) - 1);
    split.set(zone, 1);
  }
  return split;
}

function overloadOf(ratio: number, n: number, endpoints: number): number | undefined {
  return endpoints === 0 ? undefined : (ratio * n) / endpoints - 1;
}

/**
 * Explains, per address type, whether and why a Service's EndpointSlices carry hints, with the
 * per-zone CPU share, endpoint share and expected overload — the controller's decision of
 * spec hints-endpoints-mirroring-proxy.md §a, in words.
 */
export function explainHints(
  service: Service,
  slices: readonly EndpointSlice[],
  nodes: readonly Node[],
  options: ExplainOptions,
): HintsExplanation[] {
  const capacity = zoneCapacity(nodes);
  return getAddressTypesForService(service).map((addressType) => {
    const own = slices.filter((slice) => slice.addressType === addressType);
    const ready = own.flatMap((slice) => (slice.endpoints ?? []).filter(endpointReady));
    const n = ready.length;
    const zoneNames = new Set<string>([...(capacity.ratios?.keys() ?? [])]);
    for (const endpoint of ready) if (endpoint.zone) zoneNames.add(endpoint.zone);
    const zones: ZoneExplanation[] = [...zoneNames].sort().map((zone) => {
      const endpoints = ready.filter((endpoint) => endpoint.zone === zone).length;
      return {
        zone,
        cpuShare: capacity.ratios?.get(zone),
        endpoints,
        endpointShare: n === 0 ? 0 : endpoints / n,
        hinted: ready.filter((endpoint) =>
          endpoint.hints?.forZones?.some((hint) => hint.name === zone),
        ).length,
        expectedOverload: undefined,
      };
    });
    const decided = (hintsOn: boolean, rule: HintsRule, summary: string): HintsExplanation => ({
      addressType,
      hintsOn,
      rule,
      summary,
      zones,
    });

    const annotation = topologyAnnotation(service);
    const trafficDistribution = service.spec.trafficDistribution ?? undefined;
    if (hintsEnabled(service)) {
      if (!options.topologyCache) {
        return decided(
          false,
          'auto-topology-cache-off',
          `The topology annotation asks for Auto hints, but the controller runs without a topology cache, so it removes all hints.`,
        );
      }
      const allocation = getAllocations(capacity.ratios, n);
      if (!allocation.ok) {
        if (allocation.message === HINTS_MESSAGES.insufficientNodeInfo) {
          const why = capacity.insufficientNode
            ? `Node ${capacity.insufficientNode} is ready but has no zone label or no allocatable CPU, which turns hints off for every Service`
            : capacity.ratios === undefined && capacity.milliCpuByZone.size === 1
              ? `all ready worker Nodes are in one zone (${[...capacity.milliCpuByZone.keys()][0]})`
              : 'no ready worker Node reports a zone and allocatable CPU';
          return decided(false, 'auto-insufficient-node-info', `No hints: ${why}.`);
        }
        if (allocation.message === HINTS_MESSAGES.nodesReadyInOneZoneOnly) {
          return decided(false, 'auto-one-zone', 'No hints: ready Nodes are in one zone only.');
        }
        const ratios = capacity.ratios as Map<string, number>;
        if (ratios.size > n) {
          return decided(
            false,
            'auto-too-few-endpoints',
            `No hints: ${plural(n, 'ready endpoint')} across ${ratios.size} zones; Auto needs at least one endpoint per zone (aim for three).`,
          );
        }
        const split = bestSplit(ratios, n);
        for (const zone of zones) {
          const ratio = ratios.get(zone.zone);
          if (ratio !== undefined)
            zone.expectedOverload = overloadOf(ratio, n, split.get(zone.zone) ?? 0);
        }
        const worst = zones.reduce<ZoneExplanation | undefined>(
          (a, b) =>
            (b.expectedOverload ?? -Infinity) > (a?.expectedOverload ?? -Infinity) ? b : a,
          undefined,
        );
        // The controller's own test (getAllocations): each zone needs ⌈its CPU share of the
        // endpoints ÷ 1.2⌉ to stay within the threshold, and those minimums add up past n. The
        // zone named is the worst off in the closest split there is, which the zone table's
        // actual endpoint counts need not match: hence "would get".
        const minimums = zonesInOrder(ratios).map((zone) =>
          zoneMinimum(ratios.get(zone) as number, n),
        );
        const needed = minimums.reduce((a, b) => a + b, 0);
        const worstText =
          worst?.expectedOverload !== undefined
            ? `; split as the CPU asks, ${worst.zone} (${percent(worst.cpuShare ?? 0)} of the CPU) would get ${plural(split.get(worst.zone) ?? 0, 'endpoint')} and be ${percent(worst.expectedOverload)} overloaded`
            : '';
        return decided(
          false,
          'auto-overload',
          `No hints: ${plural(n, 'ready endpoint')} across ${ratios.size} zones: within the ${percent(OVERLOAD_THRESHOLD)} overload threshold the zones need at least ${minimums.join(' + ')} = ${plural(needed, 'endpoint')}${worstText}.`,
        );
      }
      const withoutZone = ready.filter((endpoint) => !endpoint.zone).length;
      if (withoutZone > 0) {
        return decided(
          false,
          'auto-endpoint-without-zone',
          `No hints: ${plural(withoutZone, 'ready endpoint')} ${withoutZone === 1 ? 'has' : 'have'} no zone (its Node has no zone label), so the controller removes every hint.`,
        );
      }
      const ratios = capacity.ratios as Map<string, number>;
      for (const zone of zones) {
        const ratio = ratios.get(zone.zone);
        const hinted = zone.hinted > 0 ? zone.hinted : (bestSplit(ratios, n).get(zone.zone) ?? 0);
        if (ratio !== undefined) zone.expectedOverload = overloadOf(ratio, n, hinted);
      }
      return decided(
        true,
        'auto-allocated',
        `Hints on (topology annotation Auto): ${plural(n, 'ready endpoint')} across ${ratios.size} zones, each zone served in proportion to its CPU within the ${percent(OVERLOAD_THRESHOLD)} overload threshold.`,
      );
    }
    if (validTrafficDistribution(trafficDistribution, options.preferSameTrafficDistribution)) {
      const scope =
        trafficDistribution === 'PreferSameNode' ? 'its own node and zone' : 'its own zone';
      return decided(
        true,
        'traffic-distribution',
        `Hints on (trafficDistribution ${trafficDistribution}): every ready endpoint is hinted for ${scope}; no balancing by CPU.`,
      );
    }
    if (trafficDistribution !== undefined) {
      const why =
        trafficDistribution === 'PreferSameZone' || trafficDistribution === 'PreferSameNode'
          ? 'this cluster does not honour PreferSameZone / PreferSameNode (before 1.34)'
          : 'the controller does not know that value';
      return decided(
        false,
        'traffic-distribution-not-honoured',
        `No hints: trafficDistribution ${trafficDistribution} is set, but ${why}.`,
      );
    }
    if (annotation !== undefined) {
      return decided(
        false,
        'annotation-not-auto',
        `No hints: the topology annotation is "${annotation}"; only "Auto" or "auto" turn hints on.`,
      );
    }
    return decided(
      false,
      'none',
      'No hints: the Service has neither the topology annotation nor trafficDistribution, so traffic goes to endpoints in every zone.',
    );
  });
}
