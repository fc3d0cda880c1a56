import type { AddressType, EndpointSlice, Node } from '../model/kubernetes.ts';
import { LABEL_TOPOLOGY_ZONE } from '../model/constants.ts';
import { parseQuantityMilli } from '../model/quantity.ts';
import { removeHintsFromSlices } from './removeHints.ts';
import type { ControllerEvent, SliceInfo, TopologyHinter } from './sliceInfo.ts';
import {
  endpointReady,
  getAllocations,
  getGivingAndReceivingZones,
  getHintsByZone,
  HINTS_MESSAGES,
  redistributeHints,
  serviceOverloaded,
  zonesInOrder,
} from './hintAllocation.ts';

const EXCLUDED_NODE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/** The Node's Ready condition is True; a missing condition is not ready. */
export function isNodeReady(node: Node): boolean {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  return ready?.status === 'True';
}

/** Allocatable CPU of ready worker Nodes, per zone, in milli-cores (TC SetNodes). */
export interface ZoneCapacity {
  /** Undefined when hints cannot be allocated from it; `reason` says why. */
  ratios: Map<string, number> | undefined;
  milliCpuByZone: Map<string, number>;
  totalMilliCpu: number;
  /** The first ready worker Node without a zone or allocatable CPU, which disables hints. */
  insufficientNode?: string;
}

/**
 * Zone capacity from Nodes (TC SetNodes): control-plane and unready Nodes are skipped; one ready
 * worker without a zone label or allocatable CPU makes the information insufficient for every
 * Service; fewer than two zones or no CPU give no ratios either.
 */
export function zoneCapacity(nodes: readonly Node[]): ZoneCapacity {
  const milliCpuByZone = new Map<string, number>();
  let totalMilliCpu = 0;
  for (const node of nodes) {
    const labels = node.metadata.labels ?? {};
    if (EXCLUDED_NODE_LABELS.some((label) => label in labels)) continue;
    if (!isNodeReady(node)) continue;
    const zone = labels[LABEL_TOPOLOGY_ZONE];
    const cpuText = node.status?.allocatable?.cpu;
    const milliCpu = cpuText === undefined ? 0 : (parseQuantityMilli(cpuText) ?? 0);
    if (!zone || milliCpu === 0) {
      return {
        ratios: undefined,
        milliCpuByZone: new Map(),
        totalMilliCpu: 0,
        insufficientNode: node.metadata.name ?? '',
      };
    }
    totalMilliCpu += milliCpu;
    milliCpuByZone.set(zone, (milliCpuByZone.get(zone) ?? 0) + milliCpu);
  }
  if (totalMilliCpu === 0 || milliCpuByZone.size < 2) {
    return { ratios: undefined, milliCpuByZone, totalMilliCpu };
  }
  const ratios = new Map<string, number>();
  for (const zone of zonesInOrder(milliCpuByZone)) {
    ratios.set(zone, (milliCpuByZone.get(zone) as number) / totalMilliCpu);
  }
  return { ratios, milliCpuByZone, totalMilliCpu };
}

function withAddressType(message: string, addressType: AddressType): string {
  return `${message}, addressType: ${addressType}`;
}

function disabledEvent(message: string, addressType: AddressType): ControllerEvent {
  return {
    type: 'Warning',
    reason: 'TopologyAwareHintsDisabled',
    message: withAddressType(message, addressType),
  };
}

/**
 * The EndpointSlice controller's topology cache (TC TopologyCache): zone CPU ratios from the
 * Nodes, and for each Service and address type the hints per zone it last allocated. It is
 * state kept between syncs, as in kube-controller-manager; a one-shot reconcile starts from a
 * fresh cache with its Nodes set.
 */
export class TopologyCache implements TopologyHinter {
  private capacity: ZoneCapacity = {
    ratios: undefined,
    milliCpuByZone: new Map(),
    totalMilliCpu: 0,
  };
  private readonly endpointsByService = new Map<string, Map<AddressType, Map<string, number>>>();
  private readonly hintsPopulatedByService = new Set<string>();

  /** Recomputes zone capacity from every Node (TC SetNodes). */
  setNodes(nodes: readonly Node[]): void {
    this.capacity = zoneCapacity(nodes);
  }

  get zoneCapacity(): ZoneCapacity {
    return this.capacity;
  }

  hasPopulatedHints(serviceKey: string): boolean {
    return this.hintsPopulatedByService.has(serviceKey);
  }

  /** Hints per zone last allocated for one address type of a Service. */
  hintsFor(serviceKey: string, addressType: AddressType): ReadonlyMap<string, number> | undefined {
    return this.endpointsByService.get(serviceKey)?.get(addressType);
  }

  /** Forgets a Service's hints of one address type (TC RemoveHints). */
  removeHints(serviceKey: string, addressType: AddressType): void {
    const byAddressType = this.endpointsByService.get(serviceKey);
    byAddressType?.delete(addressType);
    if (byAddressType && byAddressType.size === 0) this.endpointsByService.delete(serviceKey);
    this.hintsPopulatedByService.delete(serviceKey);
  }

  disableHints(serviceKey: string, addressType: AddressType): ControllerEvent[] {
    const events = this.hasPopulatedHints(serviceKey)
      ? [disabledEvent(HINTS_MESSAGES.disabled, addressType)]
      : [];
    this.removeHints(serviceKey, addressType);
    return events;
  }

  /** Services whose hints the current zone ratios no longer support (TC GetOverloadedServices). */
  getOverloadedServices(): string[] {
    const keys: string[] = [];
    for (const [serviceKey, byAddressType] of this.endpointsByService) {
      if (
        [...byAddressType.values()].some((hints) => serviceOverloaded(hints, this.capacity.ratios))
      ) {
        keys.push(serviceKey);
      }
    }
    return keys;
  }

  /**
   * Allocates zone hints to one address type's slices (TC AddHints): valid hints on unchanged
   * slices stay; every ready endpoint of a slice being written is hinted for its own zone, then
   * surplus zones give endpoints to deficit zones. On any failure every hint is removed and a
   * TopologyAwareHintsDisabled warning says why.
   *
   * As upstream, the hints of endpoints that are not ready are left as they are (upstream's loop
   * assigns nil to a copy of the endpoint, so the assignment has no effect).
   */
  addHints(info: SliceInfo): {
    toCreate: EndpointSlice[];
    toUpdate: EndpointSlice[];
    events: ControllerEvent[];
  } {
    // On failure, hints are removed from the slices as the allocation has arranged them so far:
    // an unchanged slice already moved to the update list is written, as upstream writes it.
    const disable = (current: SliceInfo, message: string) => {
      this.removeHints(info.serviceKey, info.addressType);
      return {
        ...removeHintsFromSlices(current),
        events: [disabledEvent(message, info.addressType)],
      };
    };
    const readyTotal = [...info.toCreate, ...info.toUpdate, ...info.unchanged].reduce(
      (sum, slice) => sum + (slice.endpoints ?? []).filter(endpointReady).length,
      0,
    );
    const allocation = getAllocations(this.capacity.ratios, readyTotal);
    if (!allocation.ok) return disable(info, allocation.message);
    const { allocations } = allocation;

    const allocatedHintsByZone = new Map<string, number>();
    const unchanged: EndpointSlice[] = [];
    const toUpdate = info.toUpdate.map(withOwnEndpoints);
    for (const slice of info.unchanged) {
      const hintsByZone = getHintsByZone(slice, allocatedHintsByZone, allocations);
      if (!hintsByZone) {
        toUpdate.push(withOwnEndpoints(slice));
        continue;
      }
      unchanged.push(slice);
      for (const [zone, count] of hintsByZone) {
        allocatedHintsByZone.set(zone, (allocatedHintsByZone.get(zone) ?? 0) + count);
      }
    }
    const toCreate = info.toCreate.map(withOwnEndpoints);
    const allocatable = [...toCreate, ...toUpdate];
    const current: SliceInfo = { ...info, toCreate, toUpdate, unchanged };
    for (const slice of allocatable) {
      const endpoints = slice.endpoints ?? [];
      for (const [i, endpoint] of endpoints.entries()) {
        if (!endpointReady(endpoint)) continue;
        if (!endpoint.zone) {
          return disable(current, HINTS_MESSAGES.noZoneSpecified);
        }
        allocatedHintsByZone.set(endpoint.zone, (allocatedHintsByZone.get(endpoint.zone) ?? 0) + 1);
        endpoints[i] = { ...endpoint, hints: { forZones: [{ name: endpoint.zone }] } };
      }
    }

    const { givingZones, receivingZones } = getGivingAndReceivingZones(
      allocations,
      allocatedHintsByZone,
    );
    for (const [zone, delta] of redistributeHints(allocatable, givingZones, receivingZones)) {
      allocatedHintsByZone.set(zone, (allocatedHintsByZone.get(zone) ?? 0) + delta);
    }
    if (allocatedHintsByZone.size === 0) {
      return disable(current, HINTS_MESSAGES.noAllocatedHintsForZones);
    }

    const wasPopulated = this.hasPopulatedHints(info.serviceKey);
    const byAddressType = this.endpointsByService.get(info.serviceKey) ?? new Map();
    byAddressType.set(info.addressType, allocatedHintsByZone);
    this.endpointsByService.set(info.serviceKey, byAddressType);
    this.hintsPopulatedByService.add(info.serviceKey);
    const events: ControllerEvent[] = wasPopulated
      ? []
      : [
          {
            type: 'Normal',
            reason: 'TopologyAwareHintsEnabled',
            message: withAddressType(HINTS_MESSAGES.enabled, info.addressType),
          },
        ];
    return { toCreate, toUpdate, events };
  }
}

/** A copy of the slice whose endpoint array may be changed without touching the original. */
function withOwnEndpoints(slice: EndpointSlice): EndpointSlice {
  return { ...slice, endpoints: [...(slice.endpoints ?? [])] };
}
