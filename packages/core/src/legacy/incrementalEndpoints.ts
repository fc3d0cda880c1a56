import type { Pod, Service } from '../model/kubernetes.ts';
import type { Endpoints, EndpointSubset, EndpointsPort } from '../model/endpoints.ts';
import { MAX_ENDPOINTS_CAPACITY } from './constants.ts';
import { truncateEndpoints, type Truncation } from './truncate.ts';
import {
  desiredEndpointsSubsets,
  endpointsCall,
  samePorts,
  singleSubsetPorts,
  subsetPorts,
  type EndpointsAction,
} from './endpointsController.ts';
import type { PodContribution, PodContributions } from './podContribution.ts';
import { compareEndpointAddresses, subsetHolding } from './repackSubsets.ts';
import { SortedAddresses } from './sortedAddresses.ts';
import { addressesEqual } from './subsetsEqual.ts';

/** What the last sync of one Service left: its one subset, with each Pod's part. */
interface ServiceSubset {
  service: Service;
  /** The ports every contribution offers; undefined while there is none. */
  ports: EndpointsPort[] | undefined;
  /** The subset's addresses, each list sorted (compareEndpointAddresses), no two equal in both. */
  ready: SortedAddresses;
  notReady: SortedAddresses;
  byPod: Map<string, PodContribution>;
  /** The desired subsets built from the lists, until they change (shared by every reader). */
  subsets: EndpointSubset[] | undefined;
  /** The truncation of the last subsets written over capacity (see truncateEndpoints). */
  truncated: { of: EndpointSubset[]; truncation: Truncation } | undefined;
  /** The Endpoints object stored after the last sync: any other means someone else wrote. */
  stored: Endpoints | undefined;
}

const sameContribution = (a: PodContribution, b: PodContribution): boolean =>
  a.ready === b.ready &&
  addressesEqual(a.address, b.address) &&
  (a.ports === b.ports || (!!a.ports && !!b.ports && samePorts(a.ports, b.ports)));

/**
 * The Endpoints controller's sync (syncServiceEndpoints) for the engine, keeping each Service's
 * desired subset between syncs: a sync looks only at the Pods written since the previous one,
 * moves their addresses in the kept order, and makes exactly the call the full sync makes.
 *
 * It keeps a Service only in the usual case, one subset (every Pod offers the same positive,
 * distinct ports; no two addresses equal), and only while the Service object and the stored
 * Endpoints object are the ones of its last sync; otherwise that sync is the full one, and the
 * state is rebuilt from its result. With the state kept, the desired subset differs from the
 * stored one exactly when a Pod's part changed (the stored object holds what the last sync
 * wanted), or when the Service is over capacity (the stored object is truncated, so the
 * controller rewrites it on every sync).
 */
export class IncrementalEndpoints {
  private readonly services = new Map<string, ServiceSubset>();

  constructor(private readonly contributions: PodContributions) {}

  /**
   * The call of one sync of `service`: `selected` are the Pods its selector selects, by key,
   * `changed` the keys of Pods written since the Service's last sync.
   */
  sync(
    key: string,
    service: Service,
    selected: ReadonlyMap<string, Pod>,
    changed: Iterable<string>,
    existing: Endpoints | undefined,
    triggerTime: string | undefined,
  ): EndpointsAction | undefined {
    const kept = this.services.get(key);
    if (kept && existing && kept.service === service && kept.stored === existing) {
      const dirty = this.update(kept, selected, changed);
      if (dirty !== undefined) {
        const count = kept.ready.length + kept.notReady.length;
        if (!dirty && count <= MAX_ENDPOINTS_CAPACITY) return undefined;
        const subsets = subsetOf(kept);
        if (kept.truncated?.of !== subsets) {
          const truncation = truncateEndpoints(subsets, kept.truncated?.truncation);
          kept.truncated = { of: subsets, truncation };
        }
        return endpointsCall(service, subsets, existing, triggerTime, {
          differs: true,
          truncation: kept.truncated.truncation,
        });
      }
    }
    this.services.delete(key);
    const built = this.build(service, selected);
    if (!built) {
      const subsets = desiredEndpointsSubsets(service, [...selected.values()], this.contributions);
      return endpointsCall(service, subsets, existing, triggerTime);
    }
    this.services.set(key, built);
    return endpointsCall(service, subsetOf(built), existing, triggerTime);
  }

  /** The object stored after the sync's call (or without one): the next sync expects it. */
  stored(key: string, endpoints: Endpoints | undefined): void {
    const kept = this.services.get(key);
    if (kept) kept.stored = endpoints;
  }

  /**
   * The desired subsets now, from the kept state, when it is this Service object's and no Pod
   * written since the last sync (`changed`) changed its part; undefined otherwise.
   */
  desired(
    key: string,
    service: Service,
    selected: ReadonlyMap<string, Pod>,
    changed: Iterable<string>,
  ): EndpointSubset[] | undefined {
    const kept = this.services.get(key);
    if (kept?.service !== service) return undefined;
    for (const pod of changed) {
      if (this.changedPart(kept, pod, selected) !== undefined) return undefined;
    }
    return subsetOf(kept);
  }

  forget(key: string): void {
    this.services.delete(key);
  }

  /** A Pod's part now (null for none) when it differs from the kept one; undefined when not. */
  private changedPart(
    kept: ServiceSubset,
    pod: string,
    selected: ReadonlyMap<string, Pod>,
  ): PodContribution | null | undefined {
    const object = selected.get(pod);
    const next = object ? this.contributions.fresh(kept.service, object) : null;
    const previous = kept.byPod.get(pod) ?? null;
    if (next === previous || (previous && next && sameContribution(previous, next)))
      return undefined;
    return next;
  }

  /** The state of a Service whose Pods make one subset; undefined otherwise. */
  private build(service: Service, selected: ReadonlyMap<string, Pod>): ServiceSubset | undefined {
    const kept: ServiceSubset = {
      service,
      ports: undefined,
      ready: new SortedAddresses(),
      notReady: new SortedAddresses(),
      byPod: new Map(),
      subsets: undefined,
      truncated: undefined,
      stored: undefined,
    };
    const parts: PodContribution[] = [];
    for (const [pod, object] of selected) {
      const contribution = this.contributions.get(service, object);
      if (!contribution) continue;
      if (!acceptPorts(kept, contribution)) return undefined;
      parts.push(contribution);
      kept.byPod.set(pod, contribution);
    }
    parts.sort((a, b) => compareEndpointAddresses(a.address, b.address));
    for (let i = 0; i < parts.length; i++) {
      const { address, ready } = parts[i]!;
      if (i > 0 && compareEndpointAddresses(parts[i - 1]!.address, address) === 0) return undefined;
      (ready ? kept.ready : kept.notReady).append(address);
    }
    return kept;
  }

  /**
   * Moves the changed Pods' parts: whether one changed, or undefined when the Service no longer
   * makes one subset (the state is then dropped by the caller's full sync).
   */
  private update(
    kept: ServiceSubset,
    selected: ReadonlyMap<string, Pod>,
    changed: Iterable<string>,
  ): boolean | undefined {
    let dirty = false;
    for (const pod of changed) {
      const next = this.changedPart(kept, pod, selected);
      if (next === undefined) continue;
      const previous = kept.byPod.get(pod);
      dirty = true;
      kept.subsets = undefined;
      if (previous) {
        const list = previous.ready ? kept.ready : kept.notReady;
        if (!list.remove(previous.address)) return undefined;
        kept.byPod.delete(pod);
      }
      if (!next) continue;
      if (!acceptPorts(kept, next)) return undefined;
      const other = next.ready ? kept.notReady : kept.ready;
      if (other.holdsEqual(next.address)) return undefined;
      if (!(next.ready ? kept.ready : kept.notReady).insert(next.address)) return undefined;
      kept.byPod.set(pod, next);
    }
    return dirty;
  }
}

/** Whether a contribution fits the one subset; the first one sets its ports. */
function acceptPorts(kept: ServiceSubset, contribution: PodContribution): boolean {
  const { ports } = contribution;
  if (kept.ports === undefined) {
    if (!singleSubsetPorts(ports)) return false;
    kept.ports = ports;
    return true;
  }
  return ports !== undefined && (ports === kept.ports || samePorts(ports, kept.ports));
}

/**
 * The desired subsets from the kept state, as desiredEndpointsSubsets builds them: built once
 * per change, holding the kept lists themselves, which its readers share and never edit.
 */
function subsetOf(kept: ServiceSubset): EndpointSubset[] {
  if (kept.ready.length + kept.notReady.length === 0 || kept.ports === undefined) return [];
  kept.subsets ??= [
    subsetHolding(kept.ready.handOut(), kept.notReady.handOut(), [...subsetPorts(kept.ports)]),
  ];
  return kept.subsets;
}
