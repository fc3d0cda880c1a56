import type { IPFamily, Node } from '../model/kubernetes.ts';
import { LABEL_OS, LABEL_TOPOLOGY_ZONE } from '../model/constants.ts';
import { nodeInternalIp, nodePodCidrs, podIp, SlotAllocator } from './addresses.ts';
import { formatTime } from './goTime.ts';
import type { ObjectStore } from './objectStore.ts';
import { uid, type Random } from './random.ts';
import type { ZoneSpec } from './scenario.ts';

/** The name the engine gives the n-th Node (from 1) of a zone without `nodeNames`. */
export function defaultNodeName(zone: string, n: number): string {
  return `${zone}-node-${n}`;
}

interface NodeState {
  name: string;
  index: number;
  zone: string;
  maxPods: number;
  ready: boolean;
  unschedulable: boolean;
  /** Being removed: no longer a candidate for new Pods. */
  retired: boolean;
  pods: Set<string>;
  slots: SlotAllocator;
  /** Its InternalIP, as every Pod on it has it for `status.hostIP`: one string for all. */
  hostIP: string;
}

interface ZoneState {
  spec: ZoneSpec;
  /** The zone's place among the zones: its entry in a workload's per-zone Pod counts. */
  ordinal: number;
  /** Its Nodes in the order they were added: the scheduler walks them without a lookup each. */
  nodes: NodeState[];
  /** Round-robin position of the scheduler in this zone. */
  cursor: number;
  added: number;
}

/**
 * The Nodes of the engine's cluster: their objects, readiness and schedulability, which Pods run
 * where, pod address slots, and a scheduler that spreads each workload over zones (fewest of its
 * Pods first) and, within a zone, over Nodes round-robin.
 */
export class ClusterNodes {
  private readonly states = new Map<string, NodeState>();
  private readonly zones = new Map<string, ZoneState>();
  private readonly objects = new Map<string, Node>();
  /** Per workload, its bound Pods per zone (by ordinal): what the scheduler spreads. */
  private readonly podsPerZone = new Map<string, number[]>();
  private nodeCount = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly random: Random,
    private readonly now: () => number,
  ) {}

  addZone(spec: ZoneSpec): void {
    this.zones.set(spec.name, { spec, ordinal: this.zones.size, nodes: [], cursor: 0, added: 0 });
    const names = spec.nodeNames ?? [];
    for (let i = 0; i < spec.nodes; i++) this.addNode(spec.name, names[i]);
  }

  addNodes(zone: string, count: number): void {
    for (let i = 0; i < count; i++) this.addNode(zone);
  }

  private addNode(zoneName: string, given?: string): void {
    const zone = this.zones.get(zoneName);
    if (!zone) return;
    const name = given ?? defaultNodeName(zoneName, ++zone.added);
    if (this.states.has(name)) return;
    const index = this.nodeCount++;
    const { spec } = zone;
    const state: NodeState = {
      name,
      index,
      zone: zoneName,
      maxPods: spec.maxPods ?? 110,
      ready: true,
      unschedulable: false,
      retired: false,
      pods: new Set(),
      slots: new SlotAllocator(),
      hostIP: nodeInternalIp(index),
    };
    this.states.set(name, state);
    zone.nodes.push(state);
    const cidrs = nodePodCidrs(index);
    const cpu = spec.cpu ?? '4';
    const pods = String(spec.maxPods ?? 110);
    this.put({
      kind: 'Node',
      apiVersion: 'v1',
      metadata: {
        name,
        uid: uid(this.random),
        creationTimestamp: formatTime(this.now()),
        labels: {
          ...spec.labels,
          'kubernetes.io/hostname': name,
          [LABEL_OS]: 'linux',
          [LABEL_TOPOLOGY_ZONE]: zoneName,
          ...(spec.region && { 'topology.kubernetes.io/region': spec.region }),
        },
      },
      spec: { podCIDR: cidrs.IPv4, podCIDRs: [cidrs.IPv4, cidrs.IPv6] },
      status: {
        capacity: { cpu, pods },
        allocatable: { cpu, pods },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        addresses: [
          { type: 'InternalIP', address: state.hostIP },
          { type: 'Hostname', address: name },
        ],
      },
    });
  }

  private put(node: Node): void {
    const stored = this.store.put('Node', node);
    this.objects.set(node.metadata.name ?? '', stored);
  }

  /** Takes a Node out of the scheduler's reach before it is removed. */
  retire(name: string): void {
    const state = this.states.get(name);
    if (state) state.retired = true;
  }

  remove(name: string): void {
    const state = this.states.get(name);
    if (!state) return;
    this.states.delete(name);
    this.objects.delete(name);
    const zone = this.zones.get(state.zone);
    if (zone) zone.nodes = zone.nodes.filter((node) => node !== state);
    this.store.remove('Node', name);
  }

  /** Nodes by name, as the controllers' Node lister sees them. */
  byName(): ReadonlyMap<string, Node> {
    return this.objects;
  }

  inZone(zone: string): string[] {
    return (this.zones.get(zone)?.nodes ?? []).map((node) => node.name);
  }

  podsOn(name: string): string[] {
    return [...(this.states.get(name)?.pods ?? [])];
  }

  isReady(name: string): boolean {
    return this.states.get(name)?.ready ?? false;
  }

  hostIp(name: string): string {
    return this.states.get(name)?.hostIP ?? nodeInternalIp(0);
  }

  /** Sets the Node's Ready condition; false when nothing changed. */
  setReady(name: string, ready: boolean): boolean {
    const state = this.states.get(name);
    const node = this.objects.get(name);
    if (!state || !node || state.ready === ready) return false;
    state.ready = ready;
    const conditions = (node.status?.conditions ?? []).map((condition) =>
      condition.type === 'Ready'
        ? {
            ...condition,
            status: ready ? 'True' : 'Unknown',
            reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
            lastTransitionTime: formatTime(this.now()),
          }
        : condition,
    );
    this.put({ ...node, status: { ...node.status, conditions } });
    return true;
  }

  setUnschedulable(name: string, unschedulable: boolean): void {
    const state = this.states.get(name);
    const node = this.objects.get(name);
    if (!state || !node || state.unschedulable === unschedulable) return;
    state.unschedulable = unschedulable;
    this.put({ ...node, spec: { ...(node.spec as object), unschedulable } });
  }

  /** The Node for a new Pod of `workload`, or undefined when no Node can take one. */
  pick(workload: string): string | undefined {
    const counts = this.podsPerZone.get(workload);
    let best: ZoneState | undefined;
    let bestCount = 0;
    let bestPosition = 0;
    for (const zone of this.zones.values()) {
      const count = counts?.[zone.ordinal] ?? 0;
      if (best && count >= bestCount) continue;
      const position = nextSchedulable(zone);
      if (position < 0) continue;
      best = zone;
      bestCount = count;
      bestPosition = position;
    }
    if (!best) return undefined;
    best.cursor = (bestPosition + 1) % best.nodes.length;
    return (best.nodes[bestPosition] as NodeState).name;
  }

  bind(node: string, pod: string, workload: string): void {
    const state = this.states.get(node);
    if (!state) return;
    state.pods.add(pod);
    const ordinal = this.zones.get(state.zone)?.ordinal ?? 0;
    let counts = this.podsPerZone.get(workload);
    if (!counts) {
      counts = [];
      this.podsPerZone.set(workload, counts);
    }
    counts[ordinal] = (counts[ordinal] ?? 0) + 1;
  }

  unbind(node: string, pod: string, workload: string, slot: number): void {
    const state = this.states.get(node);
    if (!state) return;
    state.pods.delete(pod);
    if (slot > 0) state.slots.release(slot);
    const counts = this.podsPerZone.get(workload);
    const ordinal = this.zones.get(state.zone)?.ordinal ?? 0;
    const count = counts?.[ordinal] ?? 0;
    if (counts && count > 0) counts[ordinal] = count - 1;
  }

  /** One address slot on the Node and the Pod IPs it gives, per family in order. */
  assignPodIps(
    node: string,
    families: readonly IPFamily[],
  ): { slot: number; ips: string[] } | undefined {
    const state = this.states.get(node);
    const slot = state?.slots.take();
    if (!state || slot === undefined) return undefined;
    return { slot, ips: families.map((family) => podIp(state.index, slot, family)) };
  }
}

/** The position of the zone's next Node, from its cursor, that can take a Pod; -1 if none. */
function nextSchedulable(zone: ZoneState): number {
  const size = zone.nodes.length;
  for (let step = 0; step < size; step++) {
    const position = (zone.cursor + step) % size;
    const state = zone.nodes[position] as NodeState;
    if (!state.ready || state.unschedulable || state.retired) continue;
    if (state.pods.size >= state.maxPods) continue;
    return position;
  }
  return -1;
}
