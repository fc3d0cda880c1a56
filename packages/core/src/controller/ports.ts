import type { EndpointPort, Pod, Protocol, Service, ServicePort } from '../model/kubernetes.ts';
import { compareStrings } from '../util/records.ts';

/** The API server defaults a port's protocol to TCP; objects from a cluster always carry it. */
export function protocolOf(port: { protocol?: Protocol | undefined }): Protocol {
  return port.protocol ?? 'TCP';
}

/**
 * The container port a Service port targets in one Pod (UTL FindPort). A numeric targetPort is
 * used as is; a named one is the first container port with that name and the Service port's
 * protocol, searching regular containers, then sidecars (init containers with restartPolicy
 * Always). Plain init containers are never searched. An absent targetPort defaults to `port`.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = protocolOf(servicePort);
  const sidecars = (pod.spec?.initContainers ?? []).filter(
    (container) => container.restartPolicy === 'Always',
  );
  for (const container of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (port.name === target && protocolOf(port) === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/**
 * What the ports a Pod resolves ({@link findPort}) depend on, to keep them by: its containers
 * list, which the Pods of one template share, when it has no init containers (a sidecar can name
 * a port too); undefined when its ports are to be resolved for it alone.
 */
export function resolvedPortsKey(pod: Pod): object | undefined {
  const containers = pod.spec?.containers;
  return containers && (pod.spec?.initContainers?.length ?? 0) === 0 ? containers : undefined;
}

/**
 * The endpoint ports of one Pod (UTL getEndpointPorts): one per Service port whose target
 * resolves in this Pod, in Service port order. Unresolved ports are left out for this Pod only.
 */
export function getEndpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const endpointPorts: EndpointPort[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = {
      name: servicePort.name ?? '',
      protocol: protocolOf(servicePort),
      port,
    };
    if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
    endpointPorts.push(endpointPort);
  }
  return endpointPorts;
}

/** Text that tells an absent field from an empty one. */
function field(value: string | number | undefined): string {
  return value === undefined ? '-' : `=${value}`;
}

/**
 * The port mapping key of a port list (CU NewPortMapKey): equal for the same set of
 * (name, protocol, port, appProtocol), whatever the order; an absent list equals an empty one
 * (PR #136502).
 */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  if (!ports || ports.length === 0) return '';
  return ports
    .map(
      (port) =>
        `${field(port.name)}|${field(port.protocol)}|${field(port.port)}|${field(port.appProtocol)}`,
    )
    .sort(compareStrings)
    .join(',');
}

/**
 * The endpoint ports every Pod gets when no Service port names its target (the common case), so
 * they are resolved once per sync instead of once per Pod; undefined when some target is named.
 */
export function podIndependentPorts(service: Service): EndpointPort[] | undefined {
  const named = (service.spec.ports ?? []).some((port) => typeof port.targetPort === 'string');
  return named ? undefined : getEndpointPorts(service, { metadata: {} });
}
