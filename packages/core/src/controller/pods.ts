import type {
  AddressType,
  Endpoint,
  EndpointConditions,
  Node,
  ObjectReference,
  Pod,
  Service,
} from '../model/kubernetes.ts';
import { LABEL_TOPOLOGY_ZONE } from '../model/constants.ts';
import { isCanonicalIpv4, parseIp, UNPARSABLE_IP_TEXT } from '../net/ip.ts';
import { compareStrings } from '../util/records.ts';

/** The Pod's `Ready` condition is True (CU IsPodReady); readiness gates are folded into it by kubelet. */
export function isPodReady(pod: Pod): boolean {
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.type === 'Ready') return condition.status === 'True';
  }
  return false;
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
 * `status.podIPs` is read; an address that does not parse counts as IPv4 and is written as
 * `<nil>`, as upstream does. The result is sorted: upstream sorts the slice in place when it hashes
 * the endpoint's identity, so every written endpoint carries sorted addresses.
 */
export function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const addresses: string[] = [];
  for (const podIP of pod.status?.podIPs ?? []) {
    if (addressType === 'IPv4' && isCanonicalIpv4(podIP.ip)) {
      addresses.push(podIP.ip);
      continue;
    }
    const parsed = parseIp(podIP.ip);
    const family = parsed?.family ?? 'IPv4';
    if (family === addressType) addresses.push(parsed?.text ?? UNPARSABLE_IP_TEXT);
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

/** The eight possible conditions, frozen and shared: one object less for every endpoint built. */
const CONDITIONS: readonly EndpointConditions[] = Array.from({ length: 8 }, (_, bits) =>
  Object.freeze({
    ready: (bits & 4) !== 0,
    serving: (bits & 2) !== 0,
    terminating: (bits & 1) !== 0,
  }),
);

function sharedConditions(
  ready: boolean,
  serving: boolean,
  terminating: boolean,
): EndpointConditions {
  return CONDITIONS[
    (ready ? 4 : 0) | (serving ? 2 : 0) | (terminating ? 1 : 0)
  ] as EndpointConditions;
}

/**
 * The endpoint of one Pod for one address type (UTL podToEndpoint). `node` is undefined when the
 * Pod's Node is not known; the endpoint then has no zone. Keys are in the API's field order.
 * Its `conditions` object is shared and frozen: endpoints are replaced, never changed in place.
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
    conditions: sharedConditions(ready, serving, terminating),
  };
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec?.hostname as string;
  // ObjectReference's fields are omitempty: an empty namespace or UID is not written.
  const { namespace, name, uid } = pod.metadata;
  const targetRef: ObjectReference = { kind: 'Pod' };
  if (namespace) targetRef.namespace = namespace;
  if (name) targetRef.name = name;
  if (uid) targetRef.uid = uid;
  endpoint.targetRef = targetRef;
  const nodeName = pod.spec?.nodeName;
  if (nodeName) endpoint.nodeName = nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) endpoint.zone = zone;
  return endpoint;
}
