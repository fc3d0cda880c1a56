import type { Pod, Service } from '../model/kubernetes.ts';
import { selectorMatches, serviceWantsSlices } from '../controller/syncService.ts';
import { objectKey } from './objectStore.ts';

/**
 * The Services selecting one Pod, as one object per Pod that follows Service changes: the
 * engine keeps it with the Pod's state, so a Pod write finds its Services without a lookup.
 */
export interface PodSelection {
  services: readonly string[];
}

/**
 * Which Services select which Pods, kept up to date as both change, so that a Pod change finds
 * its Services and a sync finds its Pods without scanning the namespace. Services are indexed by
 * one `key=value` pair of their selector: a Pod is only tested against Services whose indexed
 * pair it carries. Each Service's Pods are held as stored (the engine reports every Pod write),
 * so that a sync reads them from its own small map rather than the store's map of every Pod.
 */
export class ServiceIndex {
  private readonly byPair = new Map<string, Set<string>>();
  private readonly pairOf = new Map<string, string>();
  private readonly selectors = new Map<string, Record<string, string>>();
  private readonly podsOf = new Map<string, Map<string, Pod>>();
  private readonly servicesOf = new Map<string, PodSelection>();
  /** Services selecting Pods with these labels, per namespace; dropped when a Service changes. */
  private selectingByLabels = new WeakMap<object, Map<string, string[]>>();

  /** Adds, replaces or (with `undefined`) removes a Service; returns its key. */
  setService(key: string, service: Service | undefined, namespacePods: readonly Pod[]): void {
    this.selectingByLabels = new WeakMap();
    const previous = this.pairOf.get(key);
    if (previous !== undefined) this.byPair.get(previous)?.delete(key);
    this.pairOf.delete(key);
    this.selectors.delete(key);
    for (const podKey of this.podsOf.get(key)?.keys() ?? []) {
      const selection = this.servicesOf.get(podKey);
      if (selection) selection.services = selection.services.filter((service) => service !== key);
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
    for (const pod of namespacePods) {
      if (!selectorMatches(selector, pod.metadata.labels)) continue;
      const podKey = objectKey(pod);
      pods.set(podKey, pod);
      const selection = this.servicesOf.get(podKey);
      if (selection) selection.services = [...selection.services, key];
      else this.servicesOf.set(podKey, { services: [key] });
    }
    this.podsOf.set(key, pods);
  }

  /**
   * Records a new Pod of key `podKey` (its labels never change); returns the Services that
   * select it, as its selection. Pods of one workload revision share their labels object, so
   * the answer is kept per labels object and namespace until a Service changes.
   */
  addPod(podKey: string, pod: Pod): PodSelection {
    const namespace = pod.metadata.namespace ?? '';
    const labels = pod.metadata.labels ?? {};
    let byNamespace = this.selectingByLabels.get(labels);
    let selecting = byNamespace?.get(namespace);
    if (!selecting) {
      selecting = [];
      for (const [label, value] of Object.entries(labels)) {
        for (const key of this.byPair.get(`${namespace}\u0000${label}=${value}`) ?? []) {
          if (selectorMatches(this.selectors.get(key) ?? {}, labels)) selecting.push(key);
        }
      }
      if (!byNamespace) {
        byNamespace = new Map();
        this.selectingByLabels.set(labels, byNamespace);
      }
      byNamespace.set(namespace, selecting);
    }
    for (const key of selecting) this.podsOf.get(key)?.set(podKey, pod);
    const selection = { services: selecting };
    this.servicesOf.set(podKey, selection);
    return selection;
  }

  /** Records a new version of a Pod (its selection, as addPod gave it); returns its Services. */
  updatePod(podKey: string, pod: Pod, selection: PodSelection): readonly string[] {
    for (const key of selection.services) this.podsOf.get(key)?.set(podKey, pod);
    return selection.services;
  }

  removePod(podKey: string): void {
    for (const key of this.servicesOf.get(podKey)?.services ?? [])
      this.podsOf.get(key)?.delete(podKey);
    this.servicesOf.delete(podKey);
  }

  /** The Pods a Service selects, by key. */
  podsSelectedBy(key: string): ReadonlyMap<string, Pod> {
    return this.podsOf.get(key) ?? new Map();
  }
}
