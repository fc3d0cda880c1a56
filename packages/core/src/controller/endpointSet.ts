import type { Endpoint } from '../model/kubernetes.ts';

function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0] === b[0];
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((address, i) => address === sortedB[i]);
}

/**
 * Same identity (SET hashEndpoint): sorted addresses, hostname, targetRef namespace and name. Not
 * the UID, the Node or the conditions.
 */
function sameIdentity(a: Endpoint, b: Endpoint): boolean {
  return (
    (a.targetRef?.name ?? '') === (b.targetRef?.name ?? '') &&
    (a.targetRef?.namespace ?? '') === (b.targetRef?.namespace ?? '') &&
    (a.hostname ?? '') === (b.hostname ?? '') &&
    sameAddresses(a.addresses, b.addresses)
  );
}

/** Up to this many members, a lookup looks at each of them instead of building the index. */
const SCAN_LIMIT = 16;

/**
 * A set of endpoints by identity (SET EndpointSet), iterated in insertion order.
 *
 * Built for the reconciler's access pattern: endpoints arrive in targetRef-name order, so while
 * names keep increasing an insert only has to look at the run of equal names at the end, and no
 * index exists at all; a full sync from no slices never builds one. The index (name → positions)
 * is built on the first out-of-order insert, or lookup or delete in a set of more than
 * SCAN_LIMIT members, and kept up to date from then on.
 */
export class EndpointSet {
  private readonly members: (Endpoint | undefined)[] = [];
  private index: Map<string, number[]> | undefined;
  private lastName: string | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the endpoint, replacing one of the same identity (the later one wins, like Go's map). */
  insert(endpoint: Endpoint): void {
    const name = nameOf(endpoint);
    if (!this.index && this.lastName !== undefined && name < this.lastName) this.buildIndex();
    const existing = this.positionOf(endpoint, name);
    if (existing !== undefined) {
      this.members[existing] = endpoint;
      return;
    }
    if (this.index) {
      const positions = this.index.get(name);
      if (positions) positions.push(this.members.length);
      else this.index.set(name, [this.members.length]);
    }
    this.members.push(endpoint);
    this.lastName = name;
    this.count++;
  }

  /** The member with the same identity as `endpoint`. */
  get(endpoint: Endpoint): Endpoint | undefined {
    const position = this.lookUp(endpoint);
    return position === undefined ? undefined : this.members[position];
  }

  /** Removes the member with the same identity as `endpoint`, if any. */
  delete(endpoint: Endpoint): void {
    const position = this.lookUp(endpoint);
    if (position === undefined) return;
    this.members[position] = undefined;
    this.count--;
  }

  /** The members in insertion order. */
  toArray(): Endpoint[] {
    const result: Endpoint[] = [];
    for (const member of this.members) if (member !== undefined) result.push(member);
    return result;
  }

  /**
   * The position of the member with the same identity, by the index, or for a small set without
   * one by looking at every member (cheaper than building the index; the first match either way).
   */
  private lookUp(endpoint: Endpoint): number | undefined {
    if (!this.index && this.members.length <= SCAN_LIMIT) {
      for (let position = 0; position < this.members.length; position++) {
        const member = this.members[position];
        if (member !== undefined && sameIdentity(member, endpoint)) return position;
      }
      return undefined;
    }
    this.buildIndex();
    return this.positionOf(endpoint, nameOf(endpoint));
  }

  private positionOf(endpoint: Endpoint, name: string): number | undefined {
    if (this.index) {
      for (const position of this.index.get(name) ?? []) {
        const member = this.members[position];
        if (member !== undefined && sameIdentity(member, endpoint)) return position;
      }
      return undefined;
    }
    // Without an index, equal names can only be at the end.
    for (let position = this.members.length - 1; position >= 0; position--) {
      const member = this.members[position];
      if (member === undefined) continue;
      if (nameOf(member) !== name) return undefined;
      if (sameIdentity(member, endpoint)) return position;
    }
    return undefined;
  }

  private buildIndex(): void {
    if (this.index) return;
    const index = new Map<string, number[]>();
    this.members.forEach((member, position) => {
      if (member === undefined) return;
      const name = nameOf(member);
      const positions = index.get(name);
      if (positions) positions.push(position);
      else index.set(name, [position]);
    });
    this.index = index;
  }
}

/** The name of an endpoint's Pod, by which the desired set finds an endpoint's earlier version. */
export function nameOf(endpoint: Endpoint): string {
  return endpoint.targetRef?.name ?? '';
}
