import type { EndpointAddress, EndpointSubset, EndpointsPort } from '../model/endpoints.ts';
import type { Pod, Service } from '../model/kubernetes.ts';
import { selectorMatches } from '../controller/syncService.ts';
import { podContribution } from '../legacy/endpointsController.ts';
import {
  compactSubset,
  compareEndpointAddresses,
  compareEndpointsPorts,
  repackSubsets,
} from '../legacy/repackSubsets.ts';

/** What one Pod contributes to a Service's Endpoints: its address, readiness and ports. */
interface PodEntry {
  address: EndpointAddress;
  ready: boolean;
  /** The resolved ports, sorted; undefined for a port-less headless Service. */
  ports: EndpointsPort[] | undefined;
  portsKey: string;
}

const portsKeyOf = (ports: readonly EndpointsPort[] | undefined): string =>
  ports === undefined ? '' : JSON.stringify(ports);

/** What one Pod contributes to a Service's Endpoints, by the controller's own rules; null when nothing. */
function podEntry(service: Service, pod: Pod): PodEntry | null {
  if ((pod.metadata.namespace ?? '') !== (service.metadata.namespace ?? '')) return null;
  if (!selectorMatches(service.spec.selector ?? {}, pod.metadata.labels)) return null;
  const contribution = podContribution(service, pod);
  if (!contribution) return null;
  const ports = contribution.ports && [...contribution.ports].sort(compareEndpointsPorts);
  return {
    address: contribution.address,
    ready: contribution.ready,
    ports,
    portsKey: portsKeyOf(ports),
  };
}

/**
 * Every subset the Endpoints controller wants for a Service, without the 1000-address cap. Each
 * Pod's part is kept per Pod object and Service object, so a Service of thousands of Pods is
 * recomputed in time proportional to its Pods without redoing the unchanged ones; when every
 * address offers the same ports (the usual case) the one subset is built directly, else the
 * subsets are repacked as the controller does.
 */
export class UnboundedSubsets {
  private service: Service | undefined;
  private entries = new WeakMap<Pod, PodEntry | null>();

  subsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
    if (service !== this.service) {
      this.service = service;
      this.entries = new WeakMap();
    }
    const chosen: PodEntry[] = [];
    for (const pod of pods) {
      let entry = this.entries.get(pod);
      if (entry === undefined) {
        entry = podEntry(service, pod);
        this.entries.set(pod, entry);
      }
      if (entry) chosen.push(entry);
    }
    if (chosen.length === 0) return [];
    const first = chosen[0]!;
    if (first.ports && chosen.every((entry) => entry.portsKey === first.portsKey)) {
      const ready = chosen.filter((e) => e.ready).map((e) => e.address);
      const notReady = chosen.filter((e) => !e.ready).map((e) => e.address);
      ready.sort(compareEndpointAddresses);
      notReady.sort(compareEndpointAddresses);
      return [compactSubset(ready, notReady, first.ports)];
    }
    return repackSubsets(
      chosen.map((e) => ({
        [e.ready ? 'addresses' : 'notReadyAddresses']: [e.address],
        ...(e.ports && { ports: e.ports }),
      })),
    );
  }
}

/** {@link UnboundedSubsets} once, without keeping anything (tests, one-off callers). */
export function unboundedSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  return new UnboundedSubsets().subsets(service, pods);
}
