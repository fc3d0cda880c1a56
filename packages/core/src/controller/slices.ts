import type {
  AddressType,
  Endpoint,
  EndpointPort,
  EndpointSlice,
  Service,
} from '../model/kubernetes.ts';
import { DISCOVERY_API_VERSION } from '../model/constants.ts';
import { setEndpointSliceLabels } from './labels.ts';
import type { EfficiencyInfo } from './metrics.ts';
import { portMapKey } from './ports.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * `generateName` of a new slice (UTL getEndpointSlicePrefix): `<service>-`, or the bare name
 * when that prefix could not start a valid name (never for a valid Service name).
 */
export function getEndpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  // The API server appends random characters, so a trailing dash is fine: check as if it were not.
  const asName = `${serviceName}a`;
  return asName.length <= 253 && DNS1123_SUBDOMAIN.test(asName) ? prefix : serviceName;
}

/**
 * A new slice for one port mapping of `service` (UTL newEndpointSlice), without a name: the API
 * server names it from `generateName`.
 */
export function newEndpointSlice(
  service: Service,
  ports: EndpointPort[],
  addressType: AddressType,
): EndpointSlice {
  const { labels } = setEndpointSliceLabels({ metadata: {} }, service);
  return {
    kind: 'EndpointSlice',
    apiVersion: DISCOVERY_API_VERSION,
    metadata: {
      generateName: getEndpointSlicePrefix(service.metadata.name ?? ''),
      namespace: service.metadata.namespace ?? '',
      labels,
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: service.metadata.name ?? '',
          uid: service.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** The slice has an owner reference to this Service (v1, kind Service, same UID) (UTL ownedBy). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (owner) =>
      owner.uid === (service.metadata.uid ?? '') &&
      owner.kind === 'Service' &&
      owner.apiVersion === 'v1',
  );
}

/**
 * The unchanged slice that will be closest to full after receiving all `numEndpoints`
 * (UTL getSliceToFill), or undefined when none has room for all of them. Ties go to the slice
 * met first; an exact fit is taken at once.
 */
export function getSliceToFill(
  slices: readonly EndpointSlice[],
  numEndpoints: number,
  maxEndpoints: number,
): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = maxEndpoints - (numEndpoints + (slice.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

function labelsEqualMissingAsEmpty(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const [key, value] of Object.entries(a ?? {})) if ((b?.[key] ?? '') !== value) return false;
  for (const [key, value] of Object.entries(b ?? {})) if ((a?.[key] ?? '') !== value) return false;
  return true;
}

function endpointsDeepEqual(a: readonly Endpoint[], b: readonly Endpoint[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether an existing slice can stand for the placeholder (REC placeholderSliceCompare):
 * namespace, labels (a missing key equals ""), addressType, ports and endpoints (absent equals
 * empty). Names, owner references and annotations are not compared in the code this follows
 * (upstream PR #141593, for 1.38, adds the owner UIDs).
 */
export function placeholderSliceEquals(
  existing: EndpointSlice,
  placeholder: EndpointSlice,
): boolean {
  return (
    (existing.metadata.namespace ?? '') === (placeholder.metadata.namespace ?? '') &&
    labelsEqualMissingAsEmpty(existing.metadata.labels, placeholder.metadata.labels) &&
    existing.addressType === placeholder.addressType &&
    portMapKey(existing.ports) === portMapKey(placeholder.ports) &&
    endpointsDeepEqual(existing.endpoints ?? [], placeholder.endpoints ?? [])
  );
}

/**
 * The placeholder of an address type that would be left without slices (reconcileByAddressType):
 * when every existing slice is deleted and none is created, an empty slice stands for the Service
 * — the one to delete is kept if it already is that placeholder, else a new one is created.
 * Edits the plan's lists and records the placeholder's port mapping.
 */
export function keepPlaceholder(
  service: Service,
  addressType: AddressType,
  existingSlices: number,
  plan: {
    slicesToCreate: EndpointSlice[];
    slicesToDelete: EndpointSlice[];
    portMappings: Map<string, EfficiencyInfo>;
  },
): void {
  const { slicesToCreate, slicesToDelete } = plan;
  if (existingSlices !== slicesToDelete.length || slicesToCreate.length > 0) return;
  const placeholder = newEndpointSlice(service, [], addressType);
  const [onlyDelete] = slicesToDelete;
  if (
    slicesToDelete.length === 1 &&
    onlyDelete &&
    placeholderSliceEquals(onlyDelete, placeholder)
  ) {
    slicesToDelete.length = 0;
  } else {
    slicesToCreate.push(placeholder);
  }
  plan.portMappings.set(portMapKey(placeholder.ports), { endpoints: 0, slices: 1 });
}
