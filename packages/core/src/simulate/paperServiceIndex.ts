import type { Pod, Service } from '../model/kubernetes.ts';
import { selectorMatches } from '../controller/syncService.ts';

type Labels = Readonly<Record<string, string>>;

const NO_LABELS: Labels = Object.freeze({});
const NONE: readonly string[] = Object.freeze([]);

/**
 * Which Services select which Pods, for paper mode, from the changes a run sees. Pods' labels
 * never change, and Pods of one workload revision share their labels object, so the Services
 * selecting a new Pod are looked up once per labels object until a Service changes.
 */
export class PaperServiceIndex {
  private readonly selectors = new Map<string, Map<string, Labels>>();
  private readonly podLabels = new Map<string, Map<string, Labels>>();
  private readonly servicesOfPod = new Map<string, readonly string[]>();
  /** Services selecting Pods with these labels, per namespace; dropped when a Service changes. */
  private cache = new WeakMap<Labels, Map<string, readonly string[]>>();

  /** Sets or (undefined) removes a Service; returns the keys of the Pods it selects. */
  setService(key: string, service: Service | undefined): string[] {
    this.cache = new WeakMap();
    const namespace = key.slice(0, key.indexOf('/'));
    let selectors = this.selectors.get(namespace);
    if (!selectors) {
      selectors = new Map();
      this.selectors.set(namespace, selectors);
    }
    const selector = service?.spec.selector ?? undefined;
    if (selector) selectors.set(key, selector);
    else selectors.delete(key);
    const selected: string[] = [];
    for (const [podKey, labels] of this.podLabels.get(namespace) ?? []) {
      const matches = selector !== undefined && selectorMatches(selector, labels);
      const others = (this.servicesOfPod.get(podKey) ?? NONE).filter((s) => s !== key);
      this.servicesOfPod.set(podKey, matches ? [...others, key] : others);
      if (matches) selected.push(podKey);
    }
    return selected;
  }

  /** Records a new Pod; returns the Services selecting it. */
  addPod(key: string, pod: Pod): readonly string[] {
    const namespace = pod.metadata.namespace ?? '';
    const labels = pod.metadata.labels ?? NO_LABELS;
    let pods = this.podLabels.get(namespace);
    if (!pods) {
      pods = new Map();
      this.podLabels.set(namespace, pods);
    }
    pods.set(key, labels);
    let byNamespace = this.cache.get(labels);
    let services = byNamespace?.get(namespace);
    if (!services) {
      const found: string[] = [];
      for (const [service, selector] of this.selectors.get(namespace) ?? []) {
        if (selectorMatches(selector, labels)) found.push(service);
      }
      services = found;
      if (!byNamespace) {
        byNamespace = new Map();
        this.cache.set(labels, byNamespace);
      }
      byNamespace.set(namespace, services);
    }
    this.servicesOfPod.set(key, services);
    return services;
  }

  servicesOf(key: string): readonly string[] {
    return this.servicesOfPod.get(key) ?? NONE;
  }

  removePod(key: string): void {
    const namespace = key.slice(0, key.indexOf('/'));
    this.podLabels.get(namespace)?.delete(key);
    this.servicesOfPod.delete(key);
  }
}
