import type { AddressType, Node, Pod, Service } from '../model/kubernetes.ts';
import { podEndpointOf, type PodEndpoint } from './podEndpoints.ts';

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
  /** Per Pod, in name order: its key, its name and its endpoint. */
  private readonly keys: string[] = [];
  private readonly names: string[] = [];
  private readonly list: PodEndpoint[] = [];

  constructor(
    readonly service: Service,
    readonly addressType: AddressType,
    pods: ReadonlyMap<string, Pod>,
    nodes: ReadonlyMap<string, Node>,
  ) {
    const entries: [string, string, PodEndpoint][] = [];
    for (const [key, pod] of pods) {
      entries.push([key, pod.metadata.name ?? '', podEndpointOf(pod, nodes, service, addressType)]);
    }
    // Stable, as the full reconcile's sort.
    entries.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, name, endpoint] of entries) {
      this.keys.push(key);
      this.names.push(name);
      this.list.push(endpoint);
    }
  }

  /** The endpoints, in Pod name order. */
  get endpoints(): readonly PodEndpoint[] {
    return this.list;
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
    const { keys, names, list } = this;
    for (const key of changed) {
      const at = keys.indexOf(key);
      const pod = pods.get(key);
      const name = pod?.metadata.name ?? '';
      // A Pod rewritten under its name keeps its place (between other names): only its endpoint
      // is built anew.
      if (
        at >= 0 &&
        pod &&
        names[at] === name &&
        names[at - 1] !== name &&
        names[at + 1] !== name
      ) {
        list[at] = podEndpointOf(pod, nodes, this.service, this.addressType);
        continue;
      }
      if (at >= 0) {
        keys.splice(at, 1);
        names.splice(at, 1);
        list.splice(at, 1);
      }
      if (!pod) continue;
      let to = names.length;
      while (to > 0 && (names[to - 1] as string) >= name) to--;
      if (to < names.length && names[to] === name) return false;
      keys.splice(to, 0, key);
      names.splice(to, 0, name);
      list.splice(to, 0, podEndpointOf(pod, nodes, this.service, this.addressType));
    }
    return true;
  }
}
