import type { Pod, Service, ServicePort } from '../model/kubernetes.ts';
import type { EndpointAddress, EndpointsPort } from '../model/endpoints.ts';
import { isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from '../controller/pods.ts';
import { findPort, protocolOf, resolvedPortsKey } from '../controller/ports.ts';
import { ipFamilyOf } from '../net/ip.ts';

/**
 * What each selected Pod gives a Service's v1 Endpoints (the loop body of the Endpoints
 * controller's syncService), and a cache of it across syncs for the engine.
 */

/**
 * The address of a Pod for a Service, or undefined when the Pod has no IP of the Service's
 * primary family (endpoints_controller.go podToEndpointAddressForService). The family is
 * `spec.ipFamilies[0]`; without families (an API server older than dual-stack), that of a set
 * clusterIP, else for headless Services that of `status.podIP`. The first `status.podIPs` entry
 * of that family is taken as written, not re-formatted. `nodeName` is always written, `""` for an
 * unscheduled Pod; empty targetRef fields are left out.
 */
export function podToEndpointAddressForService(
  service: Service,
  pod: Pod,
): EndpointAddress | undefined {
  let ipv6: boolean;
  const families = service.spec.ipFamilies ?? [];
  const clusterIP = service.spec.clusterIP ?? '';
  if (families.length > 0) ipv6 = families[0] === 'IPv6';
  else if (clusterIP !== '' && clusterIP !== 'None') ipv6 = ipFamilyOf(clusterIP) === 'IPv6';
  else ipv6 = ipFamilyOf(pod.status?.podIP ?? '') === 'IPv6';

  const match = (pod.status?.podIPs ?? []).find(
    (podIP) => (ipFamilyOf(podIP.ip) === 'IPv6') === ipv6,
  );
  if (!match || match.ip === '') return undefined;

  const { namespace, name, uid } = pod.metadata;
  return {
    ip: match.ip,
    nodeName: pod.spec?.nodeName ?? '',
    targetRef: {
      kind: 'Pod',
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
      ...(uid ? { uid } : {}),
    },
  };
}

/**
 * The Endpoints port for one Service port resolved to `portNumber`
 * (endpoints_controller.go endpointPortFromServicePort). An absent protocol is read as TCP, as
 * the API server defaults it; appProtocol is copied when set.
 */
export function endpointPortFromServicePort(
  servicePort: ServicePort,
  portNumber: number,
): EndpointsPort {
  // Field order as the Go struct's JSON; name and appProtocol are omitted when empty or unset.
  return {
    ...(servicePort.name ? { name: servicePort.name } : {}),
    port: portNumber,
    protocol: protocolOf(servicePort),
    ...(servicePort.appProtocol !== undefined ? { appProtocol: servicePort.appProtocol } : {}),
  };
}

/** What one Pod gives a Service's Endpoints: its address, whether ready, the ports it resolves. */
export interface PodContribution {
  address: EndpointAddress;
  /** Ready when the Pod is, or when the Service publishes not-ready addresses. */
  ready: boolean;
  /** One per Service port the Pod resolves, in the Service's order; undefined for a port-less headless Service. */
  ports: EndpointsPort[] | undefined;
}

/**
 * The Endpoints controller's rules for one selected Pod (the loop body of endpoints_controller.go
 * syncService; namespace and selector are the caller's): Failed, Succeeded and IP-less Pods and
 * terminating ones (unless not-ready addresses are published) give nothing, nor does a Pod that
 * resolves none of the Service's ports. Null when the Pod gives nothing. `resolvedPorts`, when
 * the caller knows them, are the ports this Pod resolves (at least one).
 */
export function podContribution(
  service: Service,
  pod: Pod,
  resolvedPorts?: EndpointsPort[],
): PodContribution | null {
  const tolerateUnready = service.spec.publishNotReadyAddresses === true;
  // ShouldPodBeInEndpoints(pod, publishNotReadyAddresses): terminating Pods only when published.
  if (!shouldPodBeInEndpoints(pod)) return null;
  if (!tolerateUnready && pod.metadata.deletionTimestamp != null) return null;
  const found = podToEndpointAddressForService(service, pod);
  if (!found) return null;
  const hostname = shouldSetHostname(pod, service) ? (pod.spec?.hostname ?? '') : '';
  const { ip, ...rest } = found;
  const address: EndpointAddress = hostname ? { ip, hostname, ...rest } : found;
  const ready = tolerateUnready || isPodReady(pod);
  const servicePorts = service.spec.ports ?? [];
  if (servicePorts.length === 0) {
    // Only a headless Service may have no ports; its addresses go in a port-less subset.
    return service.spec.clusterIP === 'None' ? { address, ready, ports: undefined } : null;
  }
  const ports = resolvedPorts ?? endpointsPortsOf(service, pod);
  return ports.length === 0 ? null : { address, ready, ports };
}

/** The Endpoints ports `pod` resolves, one per Service port it resolves, in the Service's order. */
function endpointsPortsOf(service: Service, pod: Pod): EndpointsPort[] {
  const ports: EndpointsPort[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    const portNumber = findPort(pod, servicePort);
    if (portNumber !== undefined) ports.push(endpointPortFromServicePort(servicePort, portNumber));
  }
  return ports;
}

/** A Service's cache: each Pod's contribution, and the ports Pods resolve. */
interface ServiceContributions {
  pods: WeakMap<Pod, PodContribution | null>;
  /** The ports of every Pod when no Service port names its target. */
  ports: EndpointsPort[] | undefined;
  /** Otherwise, the ports resolved per containers list (see resolvedPortsKey). */
  portsByContainers: WeakMap<object, EndpointsPort[]>;
}

/**
 * Each Pod's contribution to a Service's Endpoints, kept per Service object and Pod object: the
 * engine replaces both on every change and never edits one in place, so a sync only looks at the
 * Pods that changed since the previous one. Pods that resolve their ports alike share one list,
 * so that comparing them is free.
 */
export class PodContributions {
  private readonly byService = new WeakMap<Service, ServiceContributions>();

  get(service: Service, pod: Pod): PodContribution | null {
    const known = this.of(service);
    let contribution = known.pods.get(pod);
    if (contribution === undefined) {
      contribution = podContribution(service, pod, known.ports ?? portsOf(known, service, pod));
      known.pods.set(pod, contribution);
    }
    return contribution;
  }

  /**
   * The contribution of a Pod object just written, which nothing else asks for: built without
   * being kept (a weak entry per Pod write costs the garbage collector more than it saves).
   */
  fresh(service: Service, pod: Pod): PodContribution | null {
    const known = this.of(service);
    const kept = known.pods.get(pod);
    if (kept !== undefined) return kept;
    return podContribution(service, pod, known.ports ?? portsOf(known, service, pod));
  }

  private of(service: Service): ServiceContributions {
    let known = this.byService.get(service);
    if (!known) {
      known = {
        pods: new WeakMap(),
        ports: podIndependentEndpointsPorts(service),
        portsByContainers: new WeakMap(),
      };
      this.byService.set(service, known);
    }
    return known;
  }
}

/** The ports `pod` resolves, kept per {@link resolvedPortsKey}; undefined when it resolves none. */
function portsOf(
  known: ServiceContributions,
  service: Service,
  pod: Pod,
): EndpointsPort[] | undefined {
  const key = resolvedPortsKey(pod);
  let ports = key && known.portsByContainers.get(key);
  if (!ports) {
    ports = endpointsPortsOf(service, pod);
    if (key) known.portsByContainers.set(key, ports);
  }
  return ports.length > 0 ? ports : undefined;
}

/**
 * The Endpoints ports of every Pod (as {@link podContribution} resolves them) when every Service
 * port targets a number; undefined when one names its target, or there are none.
 */
function podIndependentEndpointsPorts(service: Service): EndpointsPort[] | undefined {
  const servicePorts = service.spec.ports ?? [];
  if (servicePorts.length === 0) return undefined;
  const ports: EndpointsPort[] = [];
  for (const servicePort of servicePorts) {
    const target = servicePort.targetPort ?? servicePort.port;
    if (typeof target !== 'number') return undefined;
    ports.push(endpointPortFromServicePort(servicePort, target));
  }
  return ports;
}
