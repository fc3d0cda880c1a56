import type { ObjectMeta, Pod, Service, ServicePort } from '../model/kubernetes.ts';
import type {
  EndpointAddress,
  Endpoints,
  EndpointSubset,
  EndpointsPort,
} from '../model/endpoints.ts';
import { ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS } from '../model/constants.ts';
import { isServiceIPSet } from '../controller/labels.ts';
import { isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from '../controller/pods.ts';
import { findPort, protocolOf } from '../controller/ports.ts';
import { selectorMatches } from '../controller/syncService.ts';
import { ipFamilyOf } from '../net/ip.ts';
import { compareStrings, sortedRecord } from '../util/records.ts';
import { ANNOTATION_OVER_CAPACITY, OVER_CAPACITY_TRUNCATED } from './constants.ts';
import { repackSubsets, sortSubsets } from './repackSubsets.ts';
import { endpointSubsetsEqualIgnoreResourceVersion, recordsEqual } from './subsetsEqual.ts';
import { capacityAnnotationSetCorrectly, truncateEndpoints } from './truncate.ts';

/** The one API call of a sync of the Endpoints controller, in `slicescope reconcile`'s words. */
export type EndpointsAction =
  | { verb: 'create'; endpoints: Endpoints }
  | { verb: 'update'; endpoints: Endpoints }
  | { verb: 'delete'; name: string };

export interface EndpointsControllerOptions {
  /**
   * Text of the `last-change-trigger-time` annotation (RFC 3339 with nanoseconds, UTC), as the
   * trigger-time tracker computes it; undefined removes the annotation (upstream's zero time).
   * It is written only when the object is written anyway: a change of it alone is no reason to.
   */
  triggerTime?: string | undefined;
}

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
 * resolves none of the Service's ports. Null when the Pod gives nothing.
 */
export function podContribution(service: Service, pod: Pod): PodContribution | null {
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
  const ports: EndpointsPort[] = [];
  for (const servicePort of servicePorts) {
    const portNumber = findPort(pod, servicePort);
    if (portNumber !== undefined) ports.push(endpointPortFromServicePort(servicePort, portNumber));
  }
  return ports.length === 0 ? null : { address, ready, ports };
}

/** A one-address subset (endpoints_controller.go addEndpointSubset). */
function addEndpointSubset(
  contribution: PodContribution,
  port: EndpointsPort | undefined,
): EndpointSubset {
  const ports = port ? { ports: [port] } : {};
  return contribution.ready
    ? { addresses: [contribution.address], ...ports }
    : { notReadyAddresses: [contribution.address], ...ports };
}

/** A copy of `labels` without `key`; the same object when it has no such key. */
function withoutKey(
  labels: Readonly<Record<string, string>> | undefined,
  key: string,
): Readonly<Record<string, string>> | undefined {
  if (labels === undefined || !Object.hasOwn(labels, key)) return labels;
  const { [key]: _removed, ...rest } = labels;
  return rest;
}

/** ObjectMeta fields in the order of the Go struct, as the API writes them. */
const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** `metadata` with its known fields in Go order, unknown ones after them. */
function inGoOrder(metadata: ObjectMeta): ObjectMeta {
  const ordered: ObjectMeta = {};
  for (const key of METADATA_ORDER) if (key in metadata) ordered[key] = metadata[key];
  for (const [key, value] of Object.entries(metadata)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/** The subsets the controller wants for `service`, before truncation. */
function desiredSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const namespace = service.metadata.namespace ?? '';
  const selector = service.spec.selector ?? {};
  const selected = pods
    .filter(
      (pod) =>
        (pod.metadata.namespace ?? '') === namespace &&
        selectorMatches(selector, pod.metadata.labels),
    )
    .sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));

  const subsets: EndpointSubset[] = [];
  for (const pod of selected) {
    const contribution = podContribution(service, pod);
    if (!contribution) continue;
    if (contribution.ports === undefined) subsets.push(addEndpointSubset(contribution, undefined));
    for (const port of contribution.ports ?? [])
      subsets.push(addEndpointSubset(contribution, port));
  }
  return repackSubsets(subsets);
}

/**
 * One sync of one Service by the v1 Endpoints controller (endpoints_controller.go syncService):
 * the call it makes, or undefined when it makes none.
 *
 * - No Service (deleted): the Endpoints object of that name is deleted. Upstream sends the DELETE
 *   even when there is none and ignores the NotFound; here there is no call without `existing`.
 * - ExternalName Services and Services whose selector is absent or null get nothing, and their
 *   Endpoints are left alone. An empty selector `{}` selects every Pod of the namespace.
 * - `pods` may hold any Pods: those of the Service's namespace that its selector matches are used,
 *   in name order. Failed and Succeeded Pods, Pods without IP, and terminating Pods (unless
 *   `publishNotReadyAddresses`) are left out; with `publishNotReadyAddresses` every address is
 *   ready. Only the primary IP family is published (see {@link podToEndpointAddressForService}).
 * - The subsets are repacked ({@link repackSubsets}); subsets and ports come in slicescope's
 *   order, not upstream's md5 order, so an existing object is compared after putting its subsets
 *   and ports in that order too (its addresses are compared as they are).
 * - No call when the object exists (has a resourceVersion), its subsets equal the desired ones
 *   (targetRef resourceVersions ignored), its labels equal the Service's (the headless label
 *   aside) and its over-capacity annotation is right ({@link capacityAnnotationSetCorrectly}).
 *   Other annotations, the trigger time included, are not compared.
 * - Otherwise the object written is the existing one (or a new one named after the Service) with
 *   the desired subsets, the Service's labels plus `service.kubernetes.io/headless: ""` when it
 *   has no cluster IP, its other annotations kept, the trigger time set or removed, and, over 1000
 *   addresses, the subsets truncated ({@link truncateEndpoints}) with
 *   `endpoints.kubernetes.io/over-capacity: truncated` (removed again under capacity). A new
 *   object also gets the Service's namespace, which upstream leaves to the request URL.
 */
export function syncServiceEndpoints(
  service: Service | undefined,
  pods: readonly Pod[],
  existing: Endpoints | undefined,
  options: EndpointsControllerOptions = {},
): EndpointsAction | undefined {
  if (!service) {
    return existing ? { verb: 'delete', name: existing.metadata.name ?? '' } : undefined;
  }
  if (service.spec.type === 'ExternalName') return undefined;
  if (service.spec.selector == null) return undefined;

  const subsets = desiredSubsets(service, pods);
  const current: Endpoints = existing ?? {
    metadata: {
      name: service.metadata.name ?? '',
      ...(service.metadata.labels && { labels: service.metadata.labels }),
    },
  };
  const create = !current.metadata.resourceVersion;
  const currentSubsets = current.subsets ?? [];
  if (
    !create &&
    endpointSubsetsEqualIgnoreResourceVersion(sortSubsets(currentSubsets, false), subsets) &&
    recordsEqual(withoutKey(current.metadata.labels, LABEL_HEADLESS), service.metadata.labels) &&
    capacityAnnotationSetCorrectly(current.metadata.annotations, currentSubsets)
  ) {
    return undefined;
  }

  const annotations: Record<string, string> = { ...current.metadata.annotations };
  if (options.triggerTime !== undefined) annotations[ANNOTATION_TRIGGER_TIME] = options.triggerTime;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  const truncation = truncateEndpoints(subsets);
  if (truncation.truncated) annotations[ANNOTATION_OVER_CAPACITY] = OVER_CAPACITY_TRUNCATED;
  else delete annotations[ANNOTATION_OVER_CAPACITY];

  const labels: Record<string, string> = { ...service.metadata.labels };
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];

  const { labels: _labels, annotations: _annotations, ...metadata } = current.metadata;
  if (create && metadata.namespace === undefined) {
    metadata.namespace = service.metadata.namespace ?? '';
  }
  const endpoints: Endpoints = {
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata: inGoOrder({
      ...metadata,
      ...(Object.keys(labels).length > 0 && { labels: sortedRecord(labels) }),
      ...(Object.keys(annotations).length > 0 && { annotations: sortedRecord(annotations) }),
    }),
    ...(truncation.subsets.length > 0 && { subsets: truncation.subsets }),
  };
  return create ? { verb: 'create', endpoints } : { verb: 'update', endpoints };
}
