/**
 * Which kube-proxy's rules a {@link ProxyBehaviour} selects. The code that decides how a node
 * routes a Service changed four times between 1.21 and 1.36; each variant is named by the
 * Kubernetes minor versions whose kube-proxy follows it. Feature gates whose default changed
 * inside a range are optional fields; leaving one out means the default of the newest version
 * in the range (use {@link proxyBehaviourForVersion} for the exact defaults of one version).
 *
 * Upstream files, kubernetes/kubernetes pkg/proxy:
 * - '1.21-1.26': topology.go `canUseTopology` with the `Auto`/`auto` check of the
 *   `service.kubernetes.io/topology-aware-hints` annotation (the only one read), as at commit
 *   02756999a07f133c152b3078ed93c4b870f800d4 of topology_test.go (1.24-1.26). kube-proxy
 *   1.21-1.23 used `FilterEndpoints`/`filterEndpointsWithHints` instead, which also demanded
 *   hints on unready endpoints and ignored hints for externalTrafficPolicy Local Services; with
 *   those versions' default gates (TopologyAwareHints off) both give the same routing.
 * - '1.27-1.30': topology.go at commit 803d40a57714b8d054430fedb25b48c20ba9d52c: any non-empty
 *   value other than `disabled`/`Disabled` of the topology annotation in effect (the deprecated
 *   key wins when present, else `service.kubernetes.io/topology-mode`).
 * - '1.31-1.35': topology.go at commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282
 *   (`topologyModeFromHints`, KEP-4444 dropped the annotation check; KEP-3015 added
 *   `hints.forNodes`), duplicates resolved by preferring the node-local copy.
 * - '1.36+': endpointslicecache.go at commit c2c7d507620b919d8c6cd5d43e689e7656186df5
 *   (kubernetes/kubernetes#135593, merged December 2025 after the 1.35 branch): duplicates
 *   resolved by preferring a non-terminating copy.
 */
export type ProxyBehaviour =
  | {
      readonly version: '1.21-1.26';
      /** TopologyAwareHints gate; default true (1.24-1.26). Off by default in 1.21-1.23. */
      readonly topologyAwareHints?: boolean;
      /** ProxyTerminatingEndpoints gate; default true (1.26). Off by default in 1.21-1.25. */
      readonly proxyTerminatingEndpoints?: boolean;
    }
  | {
      readonly version: '1.27-1.30';
      /** TopologyAwareHints gate; default true. */
      readonly topologyAwareHints?: boolean;
      /**
       * LoadBalancerIPMode gate, which makes kube-proxy skip load-balancer IPs of `ipMode: Proxy`
       * (serviceport.go `IsVIPMode`); default true (beta in 1.30). Absent before 1.29 and off in
       * 1.29: pass false.
       */
      readonly loadBalancerIPMode?: boolean;
      /** ProxyTerminatingEndpoints gate; default true (beta in 1.27, locked on from 1.28). */
      readonly proxyTerminatingEndpoints?: boolean;
    }
  | {
      readonly version: '1.31-1.35';
      /** TopologyAwareHints gate; default true (locked on from 1.33). */
      readonly topologyAwareHints?: boolean;
      /**
       * PreferSameTrafficDistribution gate, which makes kube-proxy read `hints.forNodes`;
       * default true (1.34-1.35). Absent in 1.31-1.32 and off by default in 1.33: pass false.
       */
      readonly preferSameTrafficDistribution?: boolean;
    }
  | { readonly version: '1.36+' };

export type ProxyVersion = ProxyBehaviour['version'];

/** The newest kube-proxy's rules, the default everywhere a behaviour is optional. */
export const DEFAULT_PROXY_BEHAVIOUR: ProxyBehaviour = { version: '1.36+' };

/** How the topology mode is chosen (see categorizeEndpoints.ts). */
export type HintsGate =
  /** Hints only when the topology-aware-hints annotation is `Auto` or `auto`. */
  | 'annotationAuto'
  /** Hints unless the topology annotation in effect is empty, `disabled` or `Disabled`. */
  | 'annotationNotDisabled'
  /** No annotation check: hints whenever every ready endpoint carries them. */
  | 'none';

/** Which copy of an endpoint seen twice (same IP:port) kube-proxy keeps. */
export type DedupeRule =
  /** The first copy seen unless a later one is on this node (pre-#135593). */
  | 'preferLocal'
  /** The first copy seen unless a later one is not terminating (#135593). */
  | 'preferNonTerminating';

/** A behaviour with every default filled in. */
export interface ProxyRules {
  readonly version: ProxyVersion;
  readonly hintsGate: HintsGate;
  readonly topologyAwareHints: boolean;
  readonly proxyTerminatingEndpoints: boolean;
  readonly preferSameTrafficDistribution: boolean;
  /** Load-balancer IPs of `ipMode: Proxy` are not VIPs (LoadBalancerIPMode gate). */
  readonly loadBalancerIPMode: boolean;
  readonly dedupe: DedupeRule;
}

/** Fills in the defaults of a behaviour. */
export function proxyRules(behaviour: ProxyBehaviour): ProxyRules {
  switch (behaviour.version) {
    case '1.21-1.26':
      return {
        version: behaviour.version,
        hintsGate: 'annotationAuto',
        topologyAwareHints: behaviour.topologyAwareHints ?? true,
        proxyTerminatingEndpoints: behaviour.proxyTerminatingEndpoints ?? true,
        preferSameTrafficDistribution: false,
        loadBalancerIPMode: false,
        dedupe: 'preferLocal',
      };
    case '1.27-1.30':
      return {
        version: behaviour.version,
        hintsGate: 'annotationNotDisabled',
        topologyAwareHints: behaviour.topologyAwareHints ?? true,
        proxyTerminatingEndpoints: behaviour.proxyTerminatingEndpoints ?? true,
        preferSameTrafficDistribution: false,
        loadBalancerIPMode: behaviour.loadBalancerIPMode ?? true,
        dedupe: 'preferLocal',
      };
    case '1.31-1.35':
      return {
        version: behaviour.version,
        hintsGate: 'none',
        topologyAwareHints: behaviour.topologyAwareHints ?? true,
        proxyTerminatingEndpoints: true,
        preferSameTrafficDistribution: behaviour.preferSameTrafficDistribution ?? true,
        loadBalancerIPMode: true,
        dedupe: 'preferLocal',
      };
    case '1.36+':
      return {
        version: behaviour.version,
        hintsGate: 'none',
        topologyAwareHints: true,
        proxyTerminatingEndpoints: true,
        preferSameTrafficDistribution: true,
        loadBalancerIPMode: true,
        dedupe: 'preferNonTerminating',
      };
    default: {
      const unknown: never = behaviour;
      throw new Error(`unknown kube-proxy behaviour ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The behaviour of kube-proxy 1.`minor` with its default feature gates; undefined before 1.21,
 * when kube-proxy read no hints (and before 1.19 on Linux did not read EndpointSlices at all).
 * A 1.30 kube-proxy with the ServiceTrafficDistribution gate turned on follows '1.31-1.35'.
 */
export function proxyBehaviourForVersion(minor: number): ProxyBehaviour | undefined {
  if (!Number.isInteger(minor) || minor < 21) return undefined;
  if (minor <= 26) {
    return {
      version: '1.21-1.26',
      topologyAwareHints: minor >= 24,
      proxyTerminatingEndpoints: minor >= 26,
    };
  }
  if (minor <= 30)
    return { version: '1.27-1.30', ...(minor < 30 && { loadBalancerIPMode: false }) };
  if (minor <= 35) return { version: '1.31-1.35', preferSameTrafficDistribution: minor >= 34 };
  return { version: '1.36+' };
}
