import type { ObjectChange } from '../engine/changes.ts';
import type { Pod, Service } from '../model/kubernetes.ts';
import { isPodReady, shouldPodBeInEndpoints } from '../controller/pods.ts';
import { serviceWantsSlices } from '../controller/syncService.ts';
import { sliceCount } from '../cost/fanout.ts';
import { PaperServiceIndex } from './paperServiceIndex.ts';

/** One write the papers count: its verb and how many endpoints the object holds. */
export interface PaperWrite {
  verb: 'create' | 'update' | 'delete';
  endpoints: number;
}

export interface PaperStepWrites {
  endpointSlices: PaperWrite[];
  endpoints: PaperWrite[];
}

interface ServiceTrack {
  /** Endpoints in its objects now: selected Pods with an IP that are not being deleted. */
  present: number;
  /** New endpoints that became ready, and ready ones that went away for good, so far. */
  arrivals: number;
  departures: number;
  /** max(arrivals, departures) already counted: a replaced Pod pairs one of each. */
  counted: number;
  /** Endpoints that flapped (ready → not ready → ready) this step. */
  flaps: number;
  rewrite: 'create' | 'update' | undefined;
}

interface PodTrack {
  present: boolean;
  ready: boolean;
  everReady: boolean;
}

/** An endpoint of the Service's objects: an IP, not being deleted. */
function paperPresent(pod: Pod): boolean {
  return shouldPodBeInEndpoints(pod) && pod.metadata.deletionTimestamp == null;
}

/**
 * Paper-mode writes of a scenario, counted by the published rules from the Pods' and Services'
 * changes (not from the controllers' writes): a Service's creation or deletion writes its one
 * Endpoints object and its ceil(P/B) slices; an edit rewrites them; afterwards every endpoint
 * change — an endpoint becoming ready or not — writes the one object that holds it, where a new
 * Pod's endpoint replacing one that went away counts once (the papers' "one write per replaced
 * Pod"). Objects hold the selected Pods that have an IP and are not being deleted, packed full
 * (B per slice). Services without a selector are not counted.
 */
export class PaperAccountant {
  private readonly services = new Map<string, ServiceTrack>();
  private readonly pods = new Map<string, PodTrack>();
  private readonly index = new PaperServiceIndex();
  private pending: PaperStepWrites = { endpointSlices: [], endpoints: [] };

  constructor(private readonly maxEndpointsPerSlice: number) {}

  observe(change: ObjectChange): void {
    if (change.kind === 'Service') this.observeService(change.type, change.object);
    else if (change.kind === 'Pod') this.observePod(change.type, change.object);
  }

  /** Objects the papers count now: one Endpoints and ceil(P/B) slices per Service. */
  objects(): { endpointSlices: number; endpoints: number } {
    let slices = 0;
    for (const track of this.services.values()) {
      slices += sliceCount(track.present, this.maxEndpointsPerSlice);
    }
    return { endpointSlices: slices, endpoints: this.services.size };
  }

  /** The writes of the step that just ended. */
  endStep(): PaperStepWrites {
    const writes = this.pending;
    for (const track of this.services.values()) {
      const paired = Math.max(track.arrivals, track.departures);
      if (track.rewrite) {
        this.writeAll(writes, track.rewrite, track.present);
      } else {
        const changes = paired - track.counted + track.flaps;
        const sliceEndpoints = Math.min(track.present, this.maxEndpointsPerSlice);
        for (let i = 0; i < changes; i++) {
          writes.endpoints.push({ verb: 'update', endpoints: track.present });
          writes.endpointSlices.push({ verb: 'update', endpoints: sliceEndpoints });
        }
      }
      track.counted = paired;
      track.flaps = 0;
      track.rewrite = undefined;
    }
    this.pending = { endpointSlices: [], endpoints: [] };
    return writes;
  }

  /** Every object of a Service of `count` endpoints: full slices and the rest. */
  private writeAll(writes: PaperStepWrites, verb: PaperWrite['verb'], count: number): void {
    writes.endpoints.push({ verb, endpoints: count });
    const b = this.maxEndpointsPerSlice;
    const full = Math.floor(count / b);
    for (let i = 0; i < full; i++) writes.endpointSlices.push({ verb, endpoints: b });
    if (count - full * b > 0 || full === 0) {
      writes.endpointSlices.push({ verb, endpoints: count - full * b });
    }
  }

  private observeService(type: ObjectChange['type'], service: Service): void {
    const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
    const before = this.services.get(key);
    const tracked = type !== 'DELETED' && serviceWantsSlices(service);
    if (!tracked) {
      if (before) this.writeAll(this.pending, 'delete', before.present);
      this.services.delete(key);
      this.index.setService(key, undefined);
      return;
    }
    const selected = this.index.setService(key, service);
    let present = 0;
    for (const podKey of selected) if (this.pods.get(podKey)?.present) present++;
    if (before) {
      before.present = present;
      before.rewrite ??= 'update';
    } else {
      this.services.set(key, {
        present,
        arrivals: 0,
        departures: 0,
        counted: 0,
        flaps: 0,
        rewrite: 'create',
      });
    }
  }

  private observePod(type: ObjectChange['type'], pod: Pod): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    const before = this.pods.get(key) ?? { present: false, ready: false, everReady: false };
    const present = type !== 'DELETED' && paperPresent(pod);
    const ready = present && isPodReady(pod);
    const gone = !present && (type === 'DELETED' || pod.metadata.deletionTimestamp != null);
    const services = type === 'ADDED' ? this.index.addPod(key, pod) : this.index.servicesOf(key);
    if (before.ready !== ready || before.present !== present) {
      for (const service of services) {
        const track = this.services.get(service);
        if (!track) continue;
        track.present += Number(present) - Number(before.present);
        if (before.ready === ready) continue;
        if (ready && !before.everReady) track.arrivals++;
        else if (!ready && gone) track.departures++;
        else track.flaps++;
      }
    }
    if (type === 'DELETED') {
      this.pods.delete(key);
      this.index.removePod(key);
    } else {
      this.pods.set(key, { present, ready, everReady: before.everReady || ready });
    }
  }
}
