import type { ObjectMeta, Pod, Service } from '../model/kubernetes.ts';
import type {
  EndpointAddress,
  Endpoints,
  EndpointSubset,
  EndpointsPort,
} from '../model/endpoints.ts';
import { ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS } from '../model/constants.ts';
import { isServiceIPSet } from '../controller/labels.ts';
import { selectorMatches } from '../controller/syncService.ts';
import { compareStrings, sortedRecord } from '../util/records.ts';
import { ANNOTATION_OVER_CAPACITY, OVER_CAPACITY_TRUNCATED } from './constants.ts';
import {
  compactSubset,
  compareEndpointAddresses,
  compareEndpointsPorts,
  repackSubsets,
  sortSubsets,
} from './repackSubsets.ts';
import {
  endpointSubsetsEqualIgnoreResourceVersion,
  endpointsPortsEqual,
  recordsEqual,
} from './subsetsEqual.ts';
import { capacityAnnotationSetCorrectly, truncateEndpoints, type Truncation } from './truncate.ts';
import { podContribution, type PodContribution, type PodContributions } from './podContribution.ts';

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
  /**
   * Each Pod's part kept between syncs (see {@link PodContributions}); without it every Pod is
   * looked at again.
   */
  contributions?: PodContributions | undefined;
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
  for (const key of Object.keys(metadata) as (keyof ObjectMeta)[]) {
    if (!(key in ordered)) ordered[key] = metadata[key];
  }
  return ordered;
}

/** Same ports in the same order. */
export function samePorts(a: readonly EndpointsPort[], b: readonly EndpointsPort[]): boolean {
  return (
    a === b || (a.length === b.length && a.every((port, i) => endpointsPortsEqual(port, b[i]!)))
  );
}

/**
 * Ports that every address may share in one subset, as repacking would leave them: present,
 * positive and distinct.
 */
export function singleSubsetPorts(
  ports: readonly EndpointsPort[] | undefined,
): ports is EndpointsPort[] {
  return (
    ports !== undefined &&
    ports.every(
      (port, i) => port.port > 0 && ports.findIndex((p) => endpointsPortsEqual(p, port)) === i,
    )
  );
}

/** The ports of the one subset: sorted as repacking sorts them. */
export function subsetPorts(ports: readonly EndpointsPort[]): readonly EndpointsPort[] {
  return ports.length > 1 ? [...ports].sort(compareEndpointsPorts) : ports;
}

const byAddress = (a: PodContribution, b: PodContribution): number =>
  compareEndpointAddresses(a.address, b.address);

/**
 * The repacked subsets when every contribution offers the same ports, positive and distinct, and
 * no two share an address: one subset, which is what repacking gives then; undefined otherwise.
 * Sorts `contributions` in place.
 */
function singleSubset(contributions: PodContribution[]): EndpointSubset[] | undefined {
  const ports = contributions[0]?.ports;
  if (!singleSubsetPorts(ports)) return undefined;
  for (const contribution of contributions) {
    if (contribution.ports === undefined || !samePorts(contribution.ports, ports)) return undefined;
  }
  const sorted = contributions.sort(byAddress);
  const ready: EndpointAddress[] = [];
  const notReady: EndpointAddress[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const { address, ready: isReady } = sorted[i]!;
    if (i > 0 && compareEndpointAddresses(sorted[i - 1]!.address, address) === 0) return undefined;
    (isReady ? ready : notReady).push(address);
  }
  return [compactSubset(ready, notReady, subsetPorts(ports))];
}

/**
 * The subsets the controller wants for `service` from `pods` (any Pods: those outside its
 * namespace or selector are skipped), before truncation to 1000 addresses — what it wrote before
 * Kubernetes 1.22. `cache` keeps each Pod's part across calls.
 */
export function desiredEndpointsSubsets(
  service: Service,
  pods: readonly Pod[],
  cache?: PodContributions,
): EndpointSubset[] {
  const namespace = service.metadata.namespace ?? '';
  const selector = service.spec.selector ?? {};
  const selected: { pod: Pod; contribution: PodContribution }[] = [];
  for (const pod of pods) {
    if ((pod.metadata.namespace ?? '') !== namespace) continue;
    if (!selectorMatches(selector, pod.metadata.labels)) continue;
    const contribution = cache ? cache.get(service, pod) : podContribution(service, pod);
    if (contribution) selected.push({ pod, contribution });
  }
  if (selected.length === 0) return [];
  // The usual case, built directly; repacking gives the same subset at a much higher cost.
  const single = singleSubset(selected.map(({ contribution }) => contribution));
  if (single) return single;

  // Pods in name order: where two give the same address, the first one's copy is kept.
  selected.sort((a, b) => compareStrings(a.pod.metadata.name ?? '', b.pod.metadata.name ?? ''));
  const subsets: EndpointSubset[] = [];
  for (const { contribution } of selected) {
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

  const subsets = desiredEndpointsSubsets(service, pods, options.contributions);
  return endpointsCall(service, subsets, existing, options.triggerTime);
}

/** What a caller of {@link endpointsCall} may know already of the desired subsets. */
export interface KnownSubsets {
  /** They differ from the stored ones: the comparison is skipped. */
  differs?: boolean;
  /** Their truncation ({@link truncateEndpoints}), kept while they stay the same. */
  truncation?: Truncation;
}

/**
 * The second half of {@link syncServiceEndpoints}: the call that makes `existing` hold the desired
 * `subsets` (sorted, untruncated) of `service`, or undefined when it holds them already. `known`
 * saves work for a caller that keeps its subsets between syncs (see IncrementalEndpoints).
 */
export function endpointsCall(
  service: Service,
  subsets: EndpointSubset[],
  existing: Endpoints | undefined,
  triggerTime: string | undefined,
  known: KnownSubsets = {},
): EndpointsAction | undefined {
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
    !known.differs &&
    endpointSubsetsEqualIgnoreResourceVersion(sortSubsets(currentSubsets, false), subsets) &&
    recordsEqual(withoutKey(current.metadata.labels, LABEL_HEADLESS), service.metadata.labels) &&
    capacityAnnotationSetCorrectly(current.metadata.annotations, currentSubsets)
  ) {
    return undefined;
  }

  const annotations: Record<string, string> = { ...current.metadata.annotations };
  if (triggerTime !== undefined) annotations[ANNOTATION_TRIGGER_TIME] = triggerTime;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  const truncation = known.truncation ?? truncateEndpoints(subsets);
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
