import { compareStrings } from '../util/records.ts';
import type { ProxyRules } from './proxyBehaviour.ts';
import type { ProxyEndpoint } from './proxySliceCache.ts';

/** The topology kube-proxy applied to a Service port's Cluster-policy endpoints on one node. */
export type ProxyTopologyMode = 'none' | 'PreferSameZone' | 'PreferSameNode';

/** What kube-proxy knows about one Service port on one node besides its endpoints. */
export interface ServicePortTraffic {
  /** Some traffic uses Cluster policy: internalTrafficPolicy Cluster, or reachable from outside. */
  usesClusterEndpoints: boolean;
  /** Some traffic uses Local policy: internalTrafficPolicy Local, or externalTrafficPolicy Local and reachable from outside. */
  usesLocalEndpoints: boolean;
  /** The topology annotation value this kube-proxy reads; undefined when unset. */
  hintsAnnotation: string | undefined;
}

export interface CategorizedEndpoints {
  /** Where Cluster-policy traffic goes; null when the port has no Cluster-policy traffic. */
  clusterEndpoints: ProxyEndpoint[] | null;
  /** Where Local-policy traffic goes; null when the port has no Local-policy traffic. */
  localEndpoints: ProxyEndpoint[] | null;
  /** The union of both lists, sorted by `endpoint`. */
  allReachableEndpoints: ProxyEndpoint[];
  /** Some endpoint anywhere in the cluster is usable (kube-proxy rejects rather than drops otherwise). */
  hasAnyEndpoints: boolean;
  topologyMode: ProxyTopologyMode;
  /** Why, in plain words: the topology decision first, then any fallback. */
  reasons: string[];
}

interface TopologyDecision {
  mode: ProxyTopologyMode;
  reasons: string[];
}

const isServingTerminating = (endpoint: ProxyEndpoint): boolean =>
  endpoint.serving && endpoint.terminating;

function countPhrase(count: number): string {
  return count === 1 ? '1 is' : `${count} are`;
}

/**
 * The annotation check of kube-proxy 1.21-1.30 (topology.go `canUseTopology`); a reason when it
 * rules hints out, undefined when it lets them through.
 */
function annotationBlocksHints(
  rules: ProxyRules,
  annotation: string | undefined,
): string | undefined {
  switch (rules.hintsGate) {
    case 'none':
      return undefined;
    case 'annotationAuto':
      if (annotation === 'Auto' || annotation === 'auto') return undefined;
      return annotation === undefined || annotation === ''
        ? 'the Service has no topology-aware-hints annotation, so hints are ignored (kube-proxy 1.21-1.26 uses them only when it is Auto)'
        : `the Service's topology-aware-hints annotation is "${annotation}", not Auto, so hints are ignored`;
    case 'annotationNotDisabled':
      if (annotation === undefined || annotation === '')
        return 'the Service has no topology annotation, so hints are ignored (kube-proxy 1.27-1.30 needs one)';
      if (annotation === 'disabled' || annotation === 'Disabled')
        return `the Service's topology annotation is "${annotation}", so hints are ignored`;
      return undefined;
    default: {
      const unknown: never = rules.hintsGate;
      throw new Error(`unknown hints gate ${String(unknown)}`);
    }
  }
}

/**
 * kube-proxy 1.21-1.30: `canUseTopology` (pkg/proxy/topology.go at commit
 * 803d40a57714b8d054430fedb25b48c20ba9d52c; 1.21-1.26 differ only in the annotation check). The
 * checks run in upstream's order, so the first failing one is the reason given.
 */
function canUseTopology(
  endpoints: readonly ProxyEndpoint[],
  traffic: ServicePortTraffic,
  zone: string | undefined,
  rules: ProxyRules,
): TopologyDecision {
  const none = (reason: string): TopologyDecision => ({ mode: 'none', reasons: [reason] });
  if (!rules.topologyAwareHints)
    return none(
      'the TopologyAwareHints feature gate is off in this kube-proxy, so hints are ignored',
    );
  const blocked = annotationBlocksHints(rules, traffic.hintsAnnotation);
  if (blocked) return none(blocked);
  if (zone === undefined || zone === '')
    return none('node has no zone label, so hints are ignored');
  let ready = 0;
  let forZone = 0;
  for (const endpoint of endpoints) {
    if (!endpoint.ready) continue;
    ready++;
    if (!endpoint.zoneHints)
      return none('not every ready endpoint has a zone hint, so hints are ignored');
    if (endpoint.zoneHints.includes(zone)) forZone++;
  }
  if (ready === 0) return none('no ready endpoints, so there are no hints to use');
  if (forZone === 0) return none(`no endpoint is hinted for ${zone}, so all zones are used`);
  return {
    mode: 'PreferSameZone',
    reasons: [
      `every ready endpoint has a zone hint and ${countPhrase(forZone)} hinted for ${zone}`,
    ],
  };
}

/**
 * kube-proxy 1.31 and later: `topologyModeFromHints` (pkg/proxy/topology.go at commit
 * 008b3652959ca58af8be3fb5b6ecfe9ae7638282). Node hints win when every ready endpoint has one
 * and one names this node; otherwise zone hints when every ready endpoint has one and one names
 * this node's zone.
 */
function topologyModeFromHints(
  endpoints: readonly ProxyEndpoint[],
  nodeName: string,
  zone: string | undefined,
  rules: ProxyRules,
): TopologyDecision {
  let ready = 0;
  let withNodeHints = 0;
  let forNode = 0;
  let withZoneHints = 0;
  let forZone = 0;
  for (const endpoint of endpoints) {
    if (!endpoint.ready) continue;
    ready++;
    if (endpoint.nodeHints) {
      withNodeHints++;
      if (endpoint.nodeHints.includes(nodeName)) forNode++;
    }
    if (endpoint.zoneHints) {
      withZoneHints++;
      if (zone !== undefined && endpoint.zoneHints.includes(zone)) forZone++;
    }
  }
  const gateNote = rules.topologyAwareHints
    ? []
    : ['the TopologyAwareHints feature gate is off in this kube-proxy, so it reads no zone hints'];
  if (ready === 0)
    return {
      mode: 'none',
      reasons: [...gateNote, 'no ready endpoints, so there are no hints to consider'],
    };

  const reasons = [...gateNote];
  if (rules.preferSameTrafficDistribution && withNodeHints > 0) {
    if (withNodeHints === ready && forNode > 0) {
      return {
        mode: 'PreferSameNode',
        reasons: [
          ...reasons,
          `every ready endpoint has a node hint and ${countPhrase(forNode)} hinted for this node`,
        ],
      };
    }
    reasons.push(
      withNodeHints === ready
        ? 'no endpoint is hinted for this node, so node hints are ignored'
        : 'not every ready endpoint has a node hint, so node hints are ignored',
    );
  }
  if (withZoneHints === ready) {
    if (forZone > 0) {
      reasons.push(
        `every ready endpoint has a zone hint and ${countPhrase(forZone)} hinted for ${zone ?? ''}`,
      );
      return { mode: 'PreferSameZone', reasons };
    }
    reasons.push(
      zone === undefined || zone === ''
        ? 'node has no zone label, so hints are ignored'
        : `no endpoint is hinted for ${zone}, so all zones are used`,
    );
  } else if (withZoneHints > 0) {
    reasons.push('not every ready endpoint has a zone hint, so hints are ignored');
  } else {
    reasons.push('no ready endpoint has a zone hint, so all endpoints are used');
  }
  return { mode: 'none', reasons };
}

/** upstream `availableForTopology`: the mode is already decided, so no fallback here. */
function availableForTopology(
  endpoint: ProxyEndpoint,
  mode: ProxyTopologyMode,
  nodeName: string,
  zone: string | undefined,
): boolean {
  switch (mode) {
    case 'none':
      return true;
    case 'PreferSameNode':
      return endpoint.nodeHints?.includes(nodeName) ?? false;
    case 'PreferSameZone':
      return zone !== undefined && (endpoint.zoneHints?.includes(zone) ?? false);
    default: {
      const unknown: never = mode;
      throw new Error(`unknown topology mode ${String(unknown)}`);
    }
  }
}

/**
 * Splits one Service port's endpoints (sorted by `endpoint`) into where Cluster-policy and
 * Local-policy traffic go on node `nodeName` in zone `zone` (pkg/proxy/topology.go
 * `CategorizeEndpoints` at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282, with the
 * version-specific topology decision of `rules`).
 *
 * - Cluster: ready endpoints allowed by the topology mode; if none, serving-terminating ones
 *   (without topology), when ProxyTerminatingEndpoints is on.
 * - Local (ignores hints): this node's ready endpoints, else its serving-terminating ones.
 */
export function categorizeEndpoints(
  endpoints: readonly ProxyEndpoint[],
  traffic: ServicePortTraffic,
  nodeName: string,
  zone: string | undefined,
  rules: ProxyRules,
): CategorizedEndpoints {
  let clusterEndpoints: ProxyEndpoint[] | null = null;
  let localEndpoints: ProxyEndpoint[] | null = null;
  let hasAnyEndpoints = false;
  let usedServingTerminating = false;
  let decision: TopologyDecision = { mode: 'none', reasons: [] };
  const reasons: string[] = [];

  if (traffic.usesClusterEndpoints) {
    decision =
      rules.hintsGate === 'none'
        ? topologyModeFromHints(endpoints, nodeName, zone, rules)
        : canUseTopology(endpoints, traffic, zone, rules);
    reasons.push(...decision.reasons);
    clusterEndpoints = endpoints.filter(
      (endpoint) => endpoint.ready && availableForTopology(endpoint, decision.mode, nodeName, zone),
    );
    if (clusterEndpoints.length === 0) {
      if (!rules.proxyTerminatingEndpoints) {
        reasons.push(
          'no ready endpoints, and terminating endpoints are not used (ProxyTerminatingEndpoints is off)',
        );
      } else {
        clusterEndpoints = endpoints.filter(isServingTerminating);
        reasons.push(
          clusterEndpoints.length > 0
            ? 'no ready endpoints: using serving terminating endpoints'
            : 'no ready or serving terminating endpoints: Cluster-policy traffic is rejected',
        );
      }
    }
    hasAnyEndpoints = clusterEndpoints.length > 0;
  } else {
    reasons.push(
      "internalTrafficPolicy is Local and the port is not reachable from outside the cluster, so only this node's endpoints are used and hints do not apply",
    );
  }

  if (!traffic.usesLocalEndpoints) {
    return result(clusterEndpoints ?? []);
  }

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const endpoint of endpoints) {
    if (endpoint.ready) {
      hasAnyEndpoints = true;
      if (endpoint.isLocal) hasLocalReady = true;
    } else if (rules.proxyTerminatingEndpoints && isServingTerminating(endpoint)) {
      hasAnyEndpoints = true;
      if (endpoint.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady) {
    localEndpoints = endpoints.filter((endpoint) => endpoint.isLocal && endpoint.ready);
  } else if (hasLocalServingTerminating) {
    usedServingTerminating = true;
    localEndpoints = endpoints.filter(
      (endpoint) => endpoint.isLocal && isServingTerminating(endpoint),
    );
    reasons.push(
      'no ready endpoint on this node: Local-policy traffic uses its serving terminating endpoints',
    );
  } else {
    localEndpoints = [];
    reasons.push('no usable endpoint on this node: Local-policy traffic is dropped here');
  }

  if (!clusterEndpoints) return result(localEndpoints);
  if (decision.mode === 'none' && !usedServingTerminating) {
    // Every ready endpoint is a Cluster endpoint, local ones included.
    return result(clusterEndpoints);
  }
  const union = new Map<string, ProxyEndpoint>();
  for (const endpoint of [...clusterEndpoints, ...localEndpoints])
    union.set(endpoint.endpoint, endpoint);
  return result([...union.values()].sort((a, b) => compareStrings(a.endpoint, b.endpoint)));

  function result(allReachableEndpoints: ProxyEndpoint[]): CategorizedEndpoints {
    return {
      clusterEndpoints,
      localEndpoints,
      allReachableEndpoints,
      hasAnyEndpoints,
      topologyMode: decision.mode,
      reasons,
    };
  }
}
