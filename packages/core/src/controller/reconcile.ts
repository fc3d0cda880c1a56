import type { AddressType, EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';
import { LABEL_SERVICE_NAME } from '../model/constants.ts';
import { ipFamilyOf } from '../net/ip.ts';
import { removeHintsFromSlices } from '../topology/removeHints.ts';
import type { ControllerEvent, TopologyHinter } from '../topology/sliceInfo.ts';
import { hintsEnabled } from '../topology/topologyMode.ts';
import {
  reconcileTrafficDistributionHints,
  validTrafficDistribution,
} from '../topology/trafficDistribution.ts';
import { compareStrings } from '../util/records.ts';
import { finalize, type SliceAction } from './finalize.ts';
import {
  emptySyncMetrics,
  servicePortTotals,
  type EfficiencyInfo,
  type SyncMetrics,
} from './metrics.ts';
import { EndpointSet } from './endpointSet.ts';
import { podEndpointOf, type PodEndpoints } from './podEndpoints.ts';
import { getEndpointPorts, podIndependentPorts, portMapKey } from './ports.ts';
import { reconcileByPortMapping, type EndpointMeta } from './reconcileByPortMapping.ts';
import { keepPlaceholder, ownedBy } from './slices.ts';

export interface ReconcileOptions {
  /** `--max-endpoints-per-slice`, 1 to 1000. */
  maxEndpointsPerSlice: number;
  /**
   * Text of the `last-change-trigger-time` annotation for every slice written; undefined removes
   * the annotation from written slices (upstream's zero time).
   */
  triggerTime?: string | undefined;
  /** The topology cache; without one, topology-aware hints are removed like any other hint. */
  topologyCache?: TopologyHinter | undefined;
  /** Honour PreferSameZone and PreferSameNode (GA since 1.35). */
  preferSameTrafficDistribution: boolean;
  /** Endpoints kept between syncs (see PodEndpoints); without it every Pod's is built again. */
  podEndpoints?: PodEndpoints | undefined;
}

export interface Reconciliation {
  /** API calls in the order the controller makes them. */
  actions: SliceAction[];
  /** Why the sync is reported failed and retried; empty when it succeeds. */
  errors: string[];
  events: ControllerEvent[];
  metrics: SyncMetrics;
}

/**
 * The address types a Service wants slices for (UTL getAddressTypesForService), IPv4 first:
 * one per `ipFamilies` entry; without those, the family of a set clusterIP; else both.
 */
export function getAddressTypesForService(service: Service): AddressType[] {
  const families = service.spec.ipFamilies ?? [];
  if (families.length > 0) {
    return (['IPv4', 'IPv6'] as const).filter((family) => families.includes(family));
  }
  const clusterIP = service.spec.clusterIP ?? '';
  if (clusterIP !== '' && clusterIP !== 'None') return [ipFamilyOf(clusterIP)];
  return ['IPv4', 'IPv6'];
}

type Named = { metadata: { name?: string } };

/** Up to this many objects, an insertion sort: no index array, and few names to move. */
const INSERTION_SORT_LIMIT = 32;

/**
 * Objects in name order (stable); the input itself when it already is. Each name is read once:
 * Pods come in many shapes, and reading them in every comparison is what sorting cost.
 */
export function sortedByName<T extends Named>(objects: readonly T[]): readonly T[] {
  const names = objects.map((object) => object.metadata.name ?? '');
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++)
    sorted = (names[i - 1] as string) <= (names[i] as string);
  if (sorted) return objects;
  if (objects.length <= INSERTION_SORT_LIMIT) {
    // The Pods of a small Service, at every sync: names and objects moved together.
    const result = [...objects];
    for (let i = 1; i < result.length; i++) {
      const name = names[i] as string;
      const object = result[i] as T;
      let j = i;
      for (; j > 0 && (names[j - 1] as string) > name; j--) {
        names[j] = names[j - 1] as string;
        result[j] = result[j - 1] as T;
      }
      names[j] = name;
      result[j] = object;
    }
    return result;
  }
  const order = names.map((_, i) => i);
  order.sort((a, b) => compareStrings(names[a] as string, names[b] as string) || a - b);
  return order.map((i) => objects[i] as T);
}

export function serviceKeyOf(service: Service): string {
  return `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
}

/** The existing slices neither updated nor deleted. */
function unchangedSlices(
  existingSlices: readonly EndpointSlice[],
  slicesToUpdate: readonly EndpointSlice[],
  slicesToDelete: readonly EndpointSlice[],
): EndpointSlice[] {
  const changed = new Set([...slicesToUpdate, ...slicesToDelete].map((s) => s.metadata.name));
  return existingSlices.filter((slice) => !changed.has(slice.metadata.name));
}

interface AddressTypeResult {
  actions: SliceAction[];
  errors: string[];
  events: ControllerEvent[];
  portMappings: Map<string, EfficiencyInfo>;
  added: number;
  removed: number;
  slicesChanged: number;
}

/**
 * Reconciles one address type (REC reconcileByAddressType): desired endpoints per port mapping,
 * packing per port mapping, slices of port mappings nobody wants, the placeholder, hints, and the
 * calls. Port mappings are processed in key order.
 */
function reconcileByAddressType(
  service: Service,
  pods: readonly Pod[],
  existingSlices: readonly EndpointSlice[],
  nodes: ReadonlyMap<string, Node>,
  addressType: AddressType,
  options: ReconcileOptions,
): AddressTypeResult {
  const errors: string[] = [];
  const slicesToCreate: EndpointSlice[] = [];
  let slicesToUpdate: EndpointSlice[] = [];
  const slicesToDelete: EndpointSlice[] = [];
  let events: ControllerEvent[] = [];

  const existingByPortMap = new Map<string, EndpointSlice[]>();
  for (const slice of existingSlices) {
    if (!ownedBy(slice, service)) {
      slicesToDelete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    const group = existingByPortMap.get(key);
    if (group) group.push(slice);
    else existingByPortMap.set(key, [slice]);
  }

  const desiredMeta = new Map<string, EndpointMeta>();
  const desiredByPortMap = new Map<string, EndpointSet>();
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const { namespace = '', name = '' } = service.metadata;
  const sharedPorts = podIndependentPorts(service);
  const sharedKey = sharedPorts && portMapKey(sharedPorts);
  const endpointOf =
    options.podEndpoints?.of(service, addressType, nodes) ??
    ((pod: Pod) => podEndpointOf(pod, nodes, service, addressType));
  for (const pod of pods) {
    const { published, nodeName, node, endpoint } = endpointOf(pod);
    if (!published || !endpoint) continue;
    const ports = sharedPorts ?? getEndpointPorts(service, pod);
    const key = sharedKey ?? portMapKey(ports);
    let desired = desiredByPortMap.get(key);
    if (!desired) {
      desired = new EndpointSet();
      desiredByPortMap.set(key, desired);
      desiredMeta.set(key, { ports, addressType });
    }
    if (!node && !publishNotReady) {
      errors.push(
        `skipping Pod ${pod.metadata.name ?? ''} for Service ${namespace}/${name}: Node ${nodeName} Not Found`,
      );
      continue;
    }
    if (endpoint.addresses.length > 0) desired.insert(endpoint);
  }

  const portMappings = new Map<string, EfficiencyInfo>();
  let added = 0;
  let removed = 0;
  for (const key of [...desiredByPortMap.keys()].sort(compareStrings)) {
    const desired = desiredByPortMap.get(key) as EndpointSet;
    const existing = existingByPortMap.get(key) ?? [];
    const numEndpoints = desired.size;
    const plan = reconcileByPortMapping(
      service,
      existing,
      desired,
      desiredMeta.get(key) as EndpointMeta,
      options.maxEndpointsPerSlice,
    );
    added += plan.added;
    removed += plan.removed;
    portMappings.set(key, {
      endpoints: numEndpoints,
      slices: existing.length + plan.slicesToCreate.length - plan.slicesToDelete.length,
    });
    slicesToCreate.push(...plan.slicesToCreate);
    slicesToUpdate.push(...plan.slicesToUpdate);
    slicesToDelete.push(...plan.slicesToDelete);
  }

  for (const [key, slices] of existingByPortMap) {
    if (!desiredByPortMap.has(key)) slicesToDelete.push(...slices);
  }

  keepPlaceholder(service, addressType, existingSlices.length, {
    slicesToCreate,
    slicesToDelete,
    portMappings,
  });

  const serviceKey = serviceKeyOf(service);
  const topologyHints = hintsEnabled(service);
  const trafficDistribution = service.spec.trafficDistribution;
  const canUseTrafficDistribution =
    validTrafficDistribution(trafficDistribution, options.preferSameTrafficDistribution) &&
    !topologyHints;
  let toCreate = slicesToCreate;
  if (options.topologyCache && topologyHints) {
    const hinted = options.topologyCache.addHints({
      serviceKey,
      addressType,
      toCreate,
      toUpdate: slicesToUpdate,
      unchanged: unchangedSlices(existingSlices, slicesToUpdate, slicesToDelete),
    });
    ({ toCreate, toUpdate: slicesToUpdate, events } = hinted);
  } else {
    if (options.topologyCache) events = options.topologyCache.disableHints(serviceKey, addressType);
    if (!canUseTrafficDistribution) {
      ({ toCreate, toUpdate: slicesToUpdate } = removeHintsFromSlices({
        serviceKey,
        addressType,
        toCreate,
        toUpdate: slicesToUpdate,
        unchanged: unchangedSlices(existingSlices, slicesToUpdate, slicesToDelete),
      }));
    }
  }
  if (canUseTrafficDistribution) {
    ({ toCreate, toUpdate: slicesToUpdate } = reconcileTrafficDistributionHints(
      trafficDistribution,
      toCreate,
      slicesToUpdate,
      unchangedSlices(existingSlices, slicesToUpdate, slicesToDelete),
    ));
  }

  const { actions, slicesChanged } = finalize(
    service,
    toCreate,
    slicesToUpdate,
    slicesToDelete,
    options.triggerTime,
  );
  return { actions, errors, events, portMappings, added, removed, slicesChanged };
}

/**
 * One reconcile of one Service (REC Reconcile): `pods` are the Pods its selector matches and
 * `existingSlices` the managed slices listed for it, as syncService passes them. Every wanted
 * address type is reconciled in turn (IPv4 first); slices of address types the Service no
 * longer wants are deleted last and never reused.
 *
 * Deterministic where upstream is not: Pods are taken in name order and slices in name order,
 * so the result does not depend on the order of the inputs.
 */
export function reconcile(
  service: Service,
  pods: readonly Pod[],
  existingSlices: readonly EndpointSlice[],
  nodes: ReadonlyMap<string, Node>,
  options: ReconcileOptions,
): Reconciliation {
  const orderedPods = sortedByName(pods);
  const wanted = getAddressTypesForService(service);
  const slicesByAddressType = new Map<AddressType, EndpointSlice[]>();
  const unwanted: EndpointSlice[] = [];
  for (const slice of sortedByName(existingSlices)) {
    if (!wanted.includes(slice.addressType)) {
      const owner = slice.metadata.labels?.[LABEL_SERVICE_NAME];
      if (owner)
        options.topologyCache?.disableHints(
          `${slice.metadata.namespace ?? ''}/${owner}`,
          slice.addressType,
        );
      unwanted.push(slice);
      continue;
    }
    const group = slicesByAddressType.get(slice.addressType);
    if (group) group.push(slice);
    else slicesByAddressType.set(slice.addressType, [slice]);
  }

  const metrics = emptySyncMetrics();
  const result: Reconciliation = { actions: [], errors: [], events: [], metrics };
  const topologyLabel = options.topologyCache && hintsEnabled(service) ? 'Auto' : 'Disabled';
  const trafficDistribution = service.spec.trafficDistribution;
  const honouredTrafficDistribution =
    validTrafficDistribution(trafficDistribution, options.preferSameTrafficDistribution) &&
    !hintsEnabled(service)
      ? trafficDistribution
      : undefined;
  for (const addressType of wanted) {
    const outcome = reconcileByAddressType(
      service,
      orderedPods,
      slicesByAddressType.get(addressType) ?? [],
      nodes,
      addressType,
      options,
    );
    result.actions.push(...outcome.actions);
    result.errors.push(...outcome.errors);
    result.events.push(...outcome.events);
    metrics.addedPerSync += outcome.added;
    metrics.removedPerSync += outcome.removed;
    // The gauges keep one entry per Service, replaced by each address type (MET cache quirk).
    Object.assign(
      metrics,
      servicePortTotals(outcome.portMappings.values(), options.maxEndpointsPerSlice),
    );
    if (honouredTrafficDistribution)
      metrics.slicesChangedPerSyncTrafficDist += outcome.slicesChanged;
    else if (topologyLabel === 'Auto')
      metrics.slicesChangedPerSyncTopology += outcome.slicesChanged;
    else metrics.slicesChangedPerSync += outcome.slicesChanged;
  }
  for (const slice of unwanted)
    result.actions.push({ verb: 'delete', name: slice.metadata.name ?? '' });
  if (honouredTrafficDistribution) {
    metrics.servicesCountByTrafficDistribution = { [honouredTrafficDistribution]: 1 };
  }
  for (const action of result.actions) {
    if (action.verb === 'create') metrics.numCreated++;
    else if (action.verb === 'update') metrics.numUpdated++;
    else metrics.numDeleted++;
  }
  return result;
}
