import type { IPFamily } from '../model/kubernetes.ts';

/**
 * Addresses the engine hands out, deterministic and collision-free: Node n gets the IPv4 pod CIDR
 * 10.(64 + n/256).(n%256).0/24 and the IPv6 one fd00:10:<n>::/64; Service s gets the cluster IPs
 * 10.(96 + s/65536).(s/256%256).(s%256) and fd00:96::<s>.
 */

export function nodePodCidrs(nodeIndex: number): { IPv4: string; IPv6: string } {
  return {
    IPv4: `10.${64 + (nodeIndex >> 8)}.${nodeIndex & 255}.0/24`,
    IPv6: `fd00:10:${nodeIndex.toString(16)}::/64`,
  };
}

export function nodeInternalIp(nodeIndex: number): string {
  return `172.${16 + (nodeIndex >> 16)}.${(nodeIndex >> 8) & 255}.${nodeIndex & 255}`;
}

/** The pod address `slot` (1–254) on a Node, per family. */
export function podIp(nodeIndex: number, slot: number, family: IPFamily): string {
  return family === 'IPv4'
    ? `10.${64 + (nodeIndex >> 8)}.${nodeIndex & 255}.${slot}`
    : `fd00:10:${nodeIndex.toString(16)}::${slot.toString(16)}`;
}

export function serviceClusterIp(serviceIndex: number, family: IPFamily): string {
  return family === 'IPv4'
    ? `10.${96 + (serviceIndex >> 16)}.${(serviceIndex >> 8) & 255}.${serviceIndex & 255}`
    : `fd00:96::${serviceIndex.toString(16)}`;
}

/** Pod address slots of one Node: the lowest free slot after the last one handed out. */
export class SlotAllocator {
  /** Per slot (1–size), whether it is taken: a flag per slot instead of a hash set of them. */
  private readonly used: Uint8Array;
  private count = 0;
  private next = 1;

  constructor(private readonly size = 254) {
    this.used = new Uint8Array(size + 1);
  }

  take(): number | undefined {
    if (this.count >= this.size) return undefined;
    while (this.used[this.next] === 1) this.next = (this.next % this.size) + 1;
    const slot = this.next;
    this.used[slot] = 1;
    this.count++;
    this.next = (slot % this.size) + 1;
    return slot;
  }

  release(slot: number): void {
    if (this.used[slot] !== 1) return;
    this.used[slot] = 0;
    this.count--;
  }
}
