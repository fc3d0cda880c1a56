import type { EndpointAddress } from '../model/endpoints.ts';
import { ListChanges } from '../util/listEdits.ts';
import { compareEndpointAddresses } from './repackSubsets.ts';

/**
 * One address list of a kept Endpoints subset, in subset order (compareEndpointAddresses). The
 * list itself is handed out to the subsets built from it, never a copy: once handed out it is
 * never changed again, and the next edit builds the new list in the same pass that copies it.
 * Each list handed out is noted as an edit of the one before (util/listEdits.ts).
 */
export class SortedAddresses {
  private items: EndpointAddress[] = [];
  /** The list was handed out: the next edit works on a copy. */
  private shared = false;
  private readonly changes = new ListChanges<EndpointAddress>();

  get length(): number {
    return this.items.length;
  }

  /** Adds an address known to sort after every one in the list. */
  append(address: EndpointAddress): void {
    this.own();
    this.items.push(address);
    this.changes.add(address);
  }

  /** Index of the first address that is not before `address`. */
  private lowerBound(address: EndpointAddress): number {
    const { items } = this;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareEndpointAddresses(items[middle]!, address) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Whether the list holds an address that compares equal to `address`. */
  holdsEqual(address: EndpointAddress): boolean {
    const at = this.lowerBound(address);
    return at < this.items.length && compareEndpointAddresses(this.items[at]!, address) === 0;
  }

  /** Inserts `address` where it sorts; false when an equal one is there already. */
  insert(address: EndpointAddress): boolean {
    const at = this.lowerBound(address);
    const { items } = this;
    if (at < items.length && compareEndpointAddresses(items[at]!, address) === 0) return false;
    if (this.shared) {
      // One native copy: several times faster than a loop over the elements.
      this.items = items.toSpliced(at, 0, address);
      this.shared = false;
    } else {
      items.splice(at, 0, address);
    }
    this.changes.add(address);
    return true;
  }

  /** Removes this very address; false when it is not in the list. */
  remove(address: EndpointAddress): boolean {
    const at = this.lowerBound(address);
    const { items } = this;
    if (items[at] !== address) return false;
    if (this.shared) {
      this.items = items.toSpliced(at, 1);
      this.shared = false;
    } else {
      items.splice(at, 1);
    }
    this.changes.remove(address);
    return true;
  }

  /** The list as it is now, for a subset: never to be changed. */
  handOut(): EndpointAddress[] {
    if (!this.shared) {
      this.shared = true;
      this.changes.noteVersion(this.items);
    }
    return this.items;
  }

  private own(): void {
    if (!this.shared) return;
    this.items = this.items.slice();
    this.shared = false;
  }
}
