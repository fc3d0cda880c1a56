import type { EndpointSlice, Node, Protocol, Service, ServicePort } from '../model/kubernetes.ts';
import {
  ANNOTATION_TOPOLOGY_AWARE_HINTS,
  LABEL_HEADLESS,
  LABEL_OS,
  LABEL_SERVICE_PROXY_NAME,
  LABEL_TOPOLOGY_ZONE,
} from '../model/constants.ts';
import { ipFamilyOf, parseIp, type IpFamily } from '../net/ip.ts';
import {
  categorizeEndpoints,
  type CategorizedEndpoints,
  type ServicePortTraffic,
} from './categorizeEndpoints.ts';
import {
  DEFAULT_PROXY_BEHAVIOUR,
  proxyRules,
  type ProxyBehaviour,
  type ProxyRules,
} from './proxyBehaviour.ts';
import { proxyEndpointsMap, type IgnoredSlicePart, type ProxyEndpoint } from './proxySliceCache.ts';
import { topologyAnnotation } from './topologyMode.ts';

/** Where one Service port's traffic goes from one node, for one IP family. */
export interface ProxyPortView extends CategorizedEndpoints {
  ipFamily: IpFamily;
  /** The Service port's name; '' when unnamed. */
  portName: string;
  protocol: Protocol;
  /** Every endpoint kube-proxy holds for the port after merging and dedupe, sorted by `endpoint`. */
  endpoints: ProxyEndpoint[];
}

export type ProxyView =
  | {
      proxied: false;
      /** Why kube-proxy does not handle the Service at all. */
      reason: string;
      behaviour: ProxyBehaviour;
    }
  | {
      proxied: true;
      nodeName: string;
      /** The node's `topology.kubernetes.io/zone` label. */
      zone: string | undefined;
      behaviour: ProxyBehaviour;
      /** Per IP family (cluster IP order), then per Service port in spec order. */
      ports: ProxyPortView[];
      /** Slices or slice ports kube-proxy does not use, and other remarks. */
      notes: string[];
    };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Why kube-proxy never sees or skips the Service: its informers select
 * `!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless`
 * (cmd/kube-proxy/app/server.go), then ShouldSkipService (pkg/proxy/util/utils.go) drops
 * Services without a cluster IP and ExternalName Services.
 */
function notProxiedReason(service: Service): string | undefined {
  const labels = service.metadata.labels ?? {};
  const proxyName = labels[LABEL_SERVICE_PROXY_NAME];
  if (proxyName !== undefined)
    return `the Service is labelled ${LABEL_SERVICE_PROXY_NAME}=${proxyName}, so another proxy handles it and kube-proxy ignores it`;
  if (LABEL_HEADLESS in labels)
    return `the Service is labelled ${LABEL_HEADLESS}, so kube-proxy ignores it`;
  if (service.spec.clusterIP === 'None')
    return 'the Service is headless (clusterIP None): clients reach the endpoints directly, kube-proxy does not proxy it';
  if (service.spec.type === 'ExternalName')
    return 'the Service is of type ExternalName, which is a DNS alias: kube-proxy does not proxy it';
  if (service.spec.clusterIP === '')
    return 'the Service has an empty clusterIP, so kube-proxy skips it';
  return undefined;
}

/**
 * The families kube-proxy proxies the Service in: one proxier per family handles a Service only
 * when it has a cluster IP of that family (GetClusterIPByFamily). A Service without any cluster
 * IP yet (hand-made or simulated; the API server always allocates one) is assumed to get one per
 * `spec.ipFamilies`, IPv4 when unset.
 */
function proxiedFamilies(service: Service, notes: string[]): IpFamily[] {
  const clusterIPs = service.spec.clusterIPs?.length
    ? service.spec.clusterIPs
    : service.spec.clusterIP
      ? [service.spec.clusterIP]
      : [];
  if (clusterIPs.length === 0) {
    const assumed = service.spec.ipFamilies?.length ? service.spec.ipFamilies : (['IPv4'] as const);
    notes.push(`the Service has no clusterIP yet; assuming one per family (${assumed.join(', ')})`);
    return [...new Set(assumed)];
  }
  const families: IpFamily[] = [];
  for (const ip of clusterIPs) {
    const family = parseIp(ip)?.family;
    if (family && !families.includes(family)) families.push(family);
  }
  return families;
}

/**
 * apiservice ExternallyAccessible / ExternalPolicyLocal / InternalPolicyLocal and
 * BaseServicePortInfo UsesClusterEndpoints / UsesLocalEndpoints (pkg/proxy/serviceport.go):
 * a port is reachable from outside when it has a node port, or the Service has external IPs or
 * load-balancer VIPs of the family.
 */
function portTraffic(
  service: Service,
  port: ServicePort,
  family: IpFamily,
  rules: ProxyRules,
): ServicePortTraffic {
  const spec = service.spec;
  const type = spec.type ?? 'ClusterIP';
  const externalIPs = stringList(spec['externalIPs']);
  const status = isRecord(service['status']) ? service['status'] : {};
  const loadBalancer = isRecord(status['loadBalancer']) ? status['loadBalancer'] : {};
  const ingress = Array.isArray(loadBalancer['ingress']) ? loadBalancer['ingress'] : [];
  const loadBalancerVIPs = ingress
    .filter(isRecord)
    // An ingress with ipMode Proxy is reached through the load balancer, not as a VIP (for a
    // kube-proxy with the LoadBalancerIPMode gate; one without treats every ingress IP as a VIP).
    .filter((entry) => !rules.loadBalancerIPMode || entry['ipMode'] !== 'Proxy')
    .map((entry) => entry['ip'])
    .filter((ip): ip is string => typeof ip === 'string' && ip !== '');

  const externallyAccessible =
    (port.nodePort ?? 0) !== 0 ||
    externalIPs.some((ip) => ipFamilyOf(ip) === family) ||
    loadBalancerVIPs.some((ip) => ipFamilyOf(ip) === family);
  const serviceExternallyAccessible =
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && externalIPs.length > 0);
  const externalPolicyLocal =
    serviceExternallyAccessible && spec['externalTrafficPolicy'] === 'Local';
  const internalPolicyLocal = spec['internalTrafficPolicy'] === 'Local';

  let hintsAnnotation: string | undefined;
  switch (rules.hintsGate) {
    case 'annotationAuto':
      // kube-proxy before 1.27 read only the original annotation.
      hintsAnnotation = service.metadata.annotations?.[ANNOTATION_TOPOLOGY_AWARE_HINTS];
      break;
    case 'annotationNotDisabled':
      hintsAnnotation = topologyAnnotation(service);
      break;
    case 'none':
      hintsAnnotation = undefined;
      break;
    default: {
      const unknown: never = rules.hintsGate;
      throw new Error(`unknown hints gate ${String(unknown)}`);
    }
  }

  return {
    usesClusterEndpoints: !internalPolicyLocal || externallyAccessible,
    usesLocalEndpoints: internalPolicyLocal || (externalPolicyLocal && externallyAccessible),
    hintsAnnotation,
  };
}

/**
 * What kube-proxy on `node` routes to for each port of `service`, given the Service's
 * EndpointSlices: the EndpointSliceCache merge (proxySliceCache.ts) followed by
 * `CategorizeEndpoints` (categorizeEndpoints.ts), under the rules of the kube-proxy version
 * `behaviour` names (default: the newest).
 *
 * `slices` may hold any slices; only those labelled for the Service count (mirrored ones too).
 * The node's name decides which endpoints are local (`nodeName`), its
 * `topology.kubernetes.io/zone` label which zone hints apply.
 */
export function proxyView(
  service: Service,
  slices: readonly EndpointSlice[],
  node: Node,
  behaviour: ProxyBehaviour = DEFAULT_PROXY_BEHAVIOUR,
): ProxyView {
  const skipped = notProxiedReason(service);
  if (skipped) return { proxied: false, reason: skipped, behaviour };

  const rules = proxyRules(behaviour);
  const nodeName = node.metadata.name ?? '';
  const zone = node.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  const notes: string[] = [];
  if (node.metadata.labels?.[LABEL_OS] === 'windows') {
    // pkg/proxy/winkernel builds its load balancers from the endpoints map without
    // CategorizeEndpoints: no topology, and its own ready/terminating rules.
    notes.push(
      'this node runs Windows: its kube-proxy (winkernel) reads no topology hints and has its own rules for terminating endpoints; what follows is what the Linux proxiers (iptables, ipvs, nftables) would do',
    );
  }
  const families = proxiedFamilies(service, notes);

  const serviceKey = {
    namespace: service.metadata.namespace ?? '',
    name: service.metadata.name ?? '',
  };
  const map = proxyEndpointsMap(serviceKey, slices, nodeName, rules);
  notes.push(...map.ignored.map(describeIgnored));
  if (typeof service.spec.trafficDistribution === 'string') {
    notes.push(
      `kube-proxy does not read trafficDistribution (${service.spec.trafficDistribution}); it follows the hints the controller wrote`,
    );
  }

  const ports: ProxyPortView[] = [];
  for (const family of families) {
    for (const port of service.spec.ports ?? []) {
      const portName = port.name ?? '';
      const protocol = port.protocol ?? 'TCP';
      const endpoints =
        map.ports.find(
          (entry) =>
            entry.ipFamily === family && entry.portName === portName && entry.protocol === protocol,
        )?.endpoints ?? [];
      const traffic = portTraffic(service, port, family, rules);
      const categorized = categorizeEndpoints(endpoints, traffic, nodeName, zone, rules);
      ports.push({ ipFamily: family, portName, protocol, endpoints, ...categorized });
    }
  }
  return { proxied: true, nodeName, zone, behaviour, ports, notes };
}

function describeIgnored(part: IgnoredSlicePart): string {
  return `slice ${part.slice}: ${part.reason}`;
}
