import type { AddressType, Node, Pod, Service } from '../model/kubernetes.ts';
import { podEndpointOf, type PodEndpoint } from './podEndpoints.ts';

interface Entry {
  key: string;
  name: string;
  endpoint: PodEndpoint;
}

/**
 * What the full reconcile reads of a Service's Pods for its one address type — each Pod's
 * {@link PodEndpoint}, in Pod name order — kept between syncs of one Service object: a sync
 * rebuilds only the Pods written since the previous one and moves them into place, instead of
 * sorting every Pod and looking each up again.
 *
 * It holds while the Service object stays, every Pod write is reported, and no Node changed
 * zone or came or went (all that an endpoint reads of its Node); the caller rebuilds it
 * otherwise. Pod names are unique in a namespace; should two be equal, their order would be
 * the Pods' and not this one's, so `update` then gives up.
 */
export class OrderedPodEndpoints {
  private readonly entries: Entry[] = [];

  constructor(
    readonly service: Service,
    readonly addressType: AddressType,
    pods: ReadonlyMap<string, Pod>,
    nodes: ReadonlyMap<string, Node>,
  ) {
    for (const [key, pod] of pods) this.entries.push(this.entryOf(key, pod, nodes));
    this.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The endpoints, in Pod name order. */
  *[Symbol.iterator](): IterableIterator<PodEndpoint> {
    for (const entry of this.entries) yield entry.endpoint;
  }

  /**
   * Takes in the Pods written since the last sync (by key; gone when `pods` no longer has
   * them); false when two Pods have the same name and the kept order cannot stand.
   */
  update(
    changed: Iterable<string>,
    pods: ReadonlyMap<string, Pod>,
    nodes: ReadonlyMap<string, Node>,
  ): boolean {
    const { entries } = this;
    for (const key of changed) {
      const at = entries.findIndex((entry) => entry.key === key);
      if (at >= 0) entries.splice(at, 1);
      const pod = pods.get(key);
      if (!pod) continue;
      const entry = this.entryOf(key, pod, nodes);
      let to = entries.length;
      while (to > 0 && (entries[to - 1] as Entry).name >= entry.name) to--;
      if (to < entries.length && (entries[to] as Entry).name === entry.name) return false;
      entries.splice(to, 0, entry);
    }
    return true;
  }

  private entryOf(key: string, pod: Pod, nodes: ReadonlyMap<string, Node>): Entry {
    return {
      key,
      name: pod.metadata.name ?? '',
      endpoint: podEndpointOf(pod, nodes, this.service, this.addressType),
    };
  }
}
