import type { AddressType, EndpointPort, EndpointSlice, Service } from '../model/kubernetes.ts';
import { hintsEnabled } from '../topology/topologyMode.ts';
import { validTrafficDistribution } from '../topology/trafficDistribution.ts';
import { EndpointSet } from './endpointSet.ts';
import { finalize, type SliceAction } from './finalize.ts';
import type { PodEndpoint } from './podEndpoints.ts';
import { portMapKey } from './ports.ts';
import { serviceKeyOf, sortedByName, type ReconcileOptions } from './reconcile.ts';
import { reconcileByPortMapping } from './reconcileByPortMapping.ts';
import { reconcileOneSlice } from './reconcileOneSlice.ts';
import { keepPlaceholder, ownedBy } from './slices.ts';

/** The endpoint ports every Pod of a Service gets (podIndependentPorts), and their key. */
export interface SharedPortMapping {
  ports: EndpointPort[];
  key: string;
}

/**
 * Whether the full reconcile of this Service and these listed slices has one address type and
 * one port mapping to handle, and no hints to add, remove or keep: the Service is not being
 * deleted, asks for neither topology hints nor a traffic distribution, and every slice is its
 * own, of its address type and port mapping, and without hints.
 */
function isOneMapping(
  service: Service,
  existingSlices: readonly EndpointSlice[],
  addressType: AddressType,
  mapping: SharedPortMapping,
  preferSameTrafficDistribution: boolean,
): boolean {
  if (service.metadata.deletionTimestamp != null || hintsEnabled(service)) return false;
  if (validTrafficDistribution(service.spec.trafficDistribution, preferSameTrafficDistribution))
    return false;
  for (const slice of existingSlices) {
    if (slice.addressType !== addressType || !ownedBy(slice, service)) return false;
    if (slice.ports !== mapping.ports && portMapKey(slice.ports) !== mapping.key) return false;
    for (const endpoint of slice.endpoints ?? []) if (endpoint.hints !== undefined) return false;
  }
  return true;
}

/**
 * The calls of the full reconcile ({@link reconcile}) for a Service whose one address type
 * (getAddressTypesForService) is `addressType` and whose Pods all get the same endpoint ports
 * (`mapping`), from its Pods' endpoints for that type in Pod name order (as `podEndpointOf` or
 * the reconcile's `podEndpoints` give them), when its listed slices leave one port mapping and
 * no hints to handle (see isOneMapping); undefined when they do not. The same
 * desired set, per-port-mapping plan, placeholder slice and calls, without the bookkeeping of
 * several address types and port mappings, the metrics or the hint passes that would change
 * nothing: most Services of a cluster are such, and small ones are reconciled in full at every
 * sync.
 */
export function reconcileOneMapping(
  service: Service,
  addressType: AddressType,
  podEndpoints: readonly PodEndpoint[],
  existingSlices: readonly EndpointSlice[],
  options: ReconcileOptions,
  mapping: SharedPortMapping,
): SliceAction[] | undefined {
  const { preferSameTrafficDistribution, maxEndpointsPerSlice } = options;
  if (!isOneMapping(service, existingSlices, addressType, mapping, preferSameTrafficDistribution))
    return undefined;
  const [onlySlice, otherSlice] = existingSlices;
  if (onlySlice && !otherSlice) {
    const actions = reconcileOneSlice(
      service,
      podEndpoints,
      onlySlice,
      maxEndpointsPerSlice,
      options.triggerTime,
    );
    if (actions) {
      options.topologyCache?.disableHints(serviceKeyOf(service), addressType);
      return actions;
    }
  }

  // The desired set exists once a Pod is published, even if none of them is then added to it.
  let desired: EndpointSet | undefined;
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  for (const { published, node, endpoint } of podEndpoints) {
    if (!published || !endpoint) continue;
    desired ??= new EndpointSet();
    if (!node && !publishNotReady) continue; // the full reconcile's "Node Not Found" error
    if (endpoint.addresses.length > 0) desired.insert(endpoint);
  }

  const existing = sortedByName(existingSlices);
  let slicesToCreate: EndpointSlice[] = [];
  let slicesToUpdate: EndpointSlice[] = [];
  let slicesToDelete: EndpointSlice[];
  if (desired) {
    const plan = reconcileByPortMapping(
      service,
      existing,
      desired,
      { ports: mapping.ports, addressType },
      maxEndpointsPerSlice,
    );
    ({ slicesToCreate, slicesToUpdate, slicesToDelete } = plan);
  } else {
    // No Pod published: the port mapping is wanted by nobody and its slices go.
    slicesToDelete = [...existing];
  }
  keepPlaceholder(service, addressType, existing.length, {
    slicesToCreate,
    slicesToDelete,
    portMappings: new Map(),
  });
  options.topologyCache?.disableHints(serviceKeyOf(service), addressType);
  return finalize(service, slicesToCreate, slicesToUpdate, slicesToDelete, options.triggerTime)
    .actions;
}
