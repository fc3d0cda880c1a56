import type { AddressType, Endpoint, Node, Pod, Service } from '../model/kubernetes.ts';
import { LABEL_TOPOLOGY_ZONE } from '../model/constants.ts';
import { parseIp } from '../net/ip.ts';
import { compareStrings } from '../util/records.ts';

/** The Pod's `Ready` condition is True (CU IsPodReady); readiness gates are folded into it by kubelet. */
export function isPodReady(pod: Pod): boolean {
  const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
  return ready?.status === 'True';
}

/**
 * Whether a Pod is published at all (CU ShouldPodBeInEndpoints with includeTerminating): not in a
 * terminal phase, and with an IP. Terminating Pods are included.
 */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  return Boolean(pod.status?.podIP) || (pod.status?.podIPs?.length ?? 0) > 0;
}

/**
 * The Pod's addresses of one family, in canonical text (UTL getEndpointAddresses). Only
 * `status.podIPs` is read. The result is sorted: upstream sorts the slice in place when it hashes
 * the endpoint's identity, so every written endpoint carries sorted addresses.
 */
export function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const addresses: string[] = [];
  for (const podIP of pod.status?.podIPs ?? []) {
    const parsed = parseIp(podIP.ip);
    if (parsed && parsed.family === addressType) addresses.push(parsed.text);
  }
  return addresses.length > 1 ? addresses.sort(compareStrings) : addresses;
}

/** `spec.hostname` is published only for Pods in the Service's subdomain (CU ShouldSetHostname). */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    Boolean(pod.spec?.hostname) &&
    pod.spec?.subdomain === service.metadata.name &&
    pod.metadata.namespace === service.metadata.namespace
  );
}

/**
 * The endpoint of one Pod for one address type (UTL podToEndpoint). `node` is undefined when the
 * Pod's Node is not known; the endpoint then has no zone. Keys are in the API's field order.
 */
export function podToEndpoint(
  pod: Pod,
  node: Node | undefined,
  service: Service,
  addressType: AddressType,
): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp != null;
  const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname as string;
  endpoint.targetRef = {
    kind: 'Pod',
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
  };
  const nodeName = pod.spec?.nodeName;
  if (nodeName) endpoint.nodeName = nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) endpoint.zone = zone;
  return endpoint;
}
