import type { Pod, Service } from '../model/kubernetes.ts';
import { selectorMatches, serviceWantsSlices } from '../controller/syncService.ts';
import { objectKey } from './objectStore.ts';

/**
 * The Services selecting a Pod, with each one's map of selected Pods, in the same order. Pods of
 * one namespace and labels object select alike, so they share one selection, which follows
 * Service changes: the engine keeps it with the Pod's state, so a Pod write reaches its Services
 * and their Pod maps without a lookup.
 */
export interface PodSelection {
  services: readonly string[];
  pods: readonly Map<string, Pod>[];
}

/**
 * Which Services select which Pods, kept up to date as both change, so that a Pod change finds
 * its Services and a sync finds its Pods without scanning the namespace. Services are indexed by
 * one `key=value` pair of their selector: a Pod is only tested against Services whose indexed
 * pair it carries. Each Service's Pods are held as stored (the engine reports every Pod write),
 * so that a sync reads them from its own small map rather than the store's map of every Pod.
 * A stored Pod's selection is the one addPod gave it, as `selectionOf` finds it.
 */
export class ServiceIndex {
  private readonly byPair = new Map<string, Set<string>>();
  private readonly pairOf = new Map<string, string>();
  private readonly selectors = new Map<string, Record<string, string>>();
  private readonly podsOf = new Map<string, Map<string, Pod>>();
  /** Selections of new Pods, per labels object and namespace; dropped when a Service changes. */
  private selectingByLabels = new WeakMap<object, Map<string, PodSelection>>();

  constructor(private readonly selectionOf: (podKey: string) => PodSelection | undefined) {}

  /** Adds, replaces or (with `undefined`) removes a Service. */
  setService(key: string, service: Service | undefined, namespacePods: readonly Pod[]): void {
    this.selectingByLabels = new WeakMap();
    const previous = this.pairOf.get(key);
    if (previous !== undefined) this.byPair.get(previous)?.delete(key);
    this.pairOf.delete(key);
    this.selectors.delete(key);
    const edited = new Set<PodSelection>();
    for (const podKey of this.podsOf.get(key)?.keys() ?? []) {
      const selection = this.selectionOf(podKey);
      if (!selection || edited.has(selection)) continue;
      edited.add(selection);
      const at = selection.services.indexOf(key);
      if (at < 0) continue;
      selection.services = selection.services.filter((_, i) => i !== at);
      selection.pods = selection.pods.filter((_, i) => i !== at);
    }
    this.podsOf.delete(key);
    if (!service || !serviceWantsSlices(service)) return;
    const selector = service.spec.selector ?? {};
    const [first] = Object.keys(selector).sort();
    const pair = `${service.metadata.namespace ?? ''}\u0000${first}=${selector[first as string]}`;
    this.pairOf.set(key, pair);
    this.selectors.set(key, selector);
    const keys = this.byPair.get(pair) ?? new Set<string>();
    keys.add(key);
    this.byPair.set(pair, keys);
    const pods = new Map<string, Pod>();
    edited.clear();
    for (const pod of namespacePods) {
      if (!selectorMatches(selector, pod.metadata.labels)) continue;
      const podKey = objectKey(pod);
      pods.set(podKey, pod);
      const selection = this.selectionOf(podKey);
      if (!selection || edited.has(selection)) continue;
      edited.add(selection);
      selection.services = [...selection.services, key];
      selection.pods = [...selection.pods, pods];
    }
    this.podsOf.set(key, pods);
  }

  /**
   * Records a new Pod of key `podKey` (its labels never change); returns its selection: the
   * Services that select it. Pods of one workload revision share their labels object, so the
   * selection is shared per labels object and namespace until a Service changes.
   */
  addPod(podKey: string, pod: Pod): PodSelection {
    const namespace = pod.metadata.namespace ?? '';
    const labels = pod.metadata.labels ?? {};
    let byNamespace = this.selectingByLabels.get(labels);
    let selection = byNamespace?.get(namespace);
    if (!selection) {
      const services: string[] = [];
      for (const [label, value] of Object.entries(labels)) {
        for (const key of this.byPair.get(`${namespace}\u0000${label}=${value}`) ?? []) {
          if (selectorMatches(this.selectors.get(key) ?? {}, labels)) services.push(key);
        }
      }
      selection = { services, pods: services.map((key) => this.podsOf.get(key) ?? new Map()) };
      if (!byNamespace) {
        byNamespace = new Map();
        this.selectingByLabels.set(labels, byNamespace);
      }
      byNamespace.set(namespace, selection);
    }
    for (const pods of selection.pods) pods.set(podKey, pod);
    return selection;
  }

  /** Records a new version of a Pod (its selection, as addPod gave it); returns its Services. */
  updatePod(podKey: string, pod: Pod, selection: PodSelection): readonly string[] {
    for (const pods of selection.pods) pods.set(podKey, pod);
    return selection.services;
  }

  /** Forgets a Pod gone from the store (its selection, as addPod gave it). */
  removePod(podKey: string, selection: PodSelection): void {
    for (const pods of selection.pods) pods.delete(podKey);
  }

  /** The Pods a Service selects, by key. */
  podsSelectedBy(key: string): ReadonlyMap<string, Pod> {
    return this.podsOf.get(key) ?? new Map();
  }
}
