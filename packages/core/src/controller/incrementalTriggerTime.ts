import type { Pod, Service } from '../model/kubernetes.ts';
import { ReadyTimes } from './readyTimes.ts';

function earlier(current: number | undefined, time: number): number {
  return current === undefined || time < current ? time : current;
}

interface TrackedService {
  service: Service;
  /** Ready lastTransitionTime per Pod name, in ms; Pods without one are absent. */
  pods: Map<string, number>;
  serviceTime: number;
}

/**
 * The trigger-time tracker of {@link TriggerTimeTracker} (TT ComputeEndpointLastChangeTriggerTime)
 * fed with the Pods that changed instead of all Pods: the earliest Ready lastTransitionTime (or
 * Service creationTimestamp) that moved since the previous sync, the creationTimestamp for a
 * Service first seen, undefined when nothing moved. Times are in ms.
 *
 * The result equals TriggerTimeTracker's for the same sequence of syncs as long as every Pod
 * whose Ready time, name or selection changed is among the changed ones; a sync that sees a new
 * Service object (its selector may select other Pods now) must pass all Pods.
 */
export class IncrementalTriggerTimes {
  private readonly states = new Map<string, TrackedService>();
  private readonly times = new ReadyTimes();

  /** Whether `changed` suffices for this sync, or all Pods are needed. */
  needsAllPods(serviceKey: string, service: Service): boolean {
    return this.states.get(serviceKey)?.service !== service;
  }

  /** The trigger time from every Pod the Service selects. */
  computeAll(serviceKey: string, service: Service, pods: Iterable<Pod>): number | undefined {
    const state = this.states.get(serviceKey);
    let earliest: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const time = this.times.of(pod);
      if (Number.isNaN(time)) continue;
      const name = pod.metadata.name ?? '';
      podTimes.set(name, time);
      if (time > (state?.pods.get(name) ?? -Infinity)) earliest = earlier(earliest, time);
    }
    return this.finish(serviceKey, service, state, podTimes, earliest);
  }

  /**
   * The trigger time from the Pods that changed, by key: `current` holds the Pods selected now
   * (one gone or no longer selected is absent). The name is the Pod's own string when there is
   * one: its hash is known, a name cut from the key is hashed anew.
   */
  computeChanged(
    serviceKey: string,
    service: Service,
    changed: Iterable<string>,
    current: ReadonlyMap<string, Pod>,
  ): number | undefined {
    const state = this.states.get(serviceKey);
    if (!state) throw new Error(`no trigger times for ${serviceKey}: pass all Pods`);
    let earliest: number | undefined;
    for (const podKey of changed) {
      const pod = current.get(podKey);
      const name = pod?.metadata.name ?? podKey.slice(podKey.indexOf('/') + 1);
      const time = pod ? this.times.of(pod) : NaN;
      if (Number.isNaN(time)) {
        state.pods.delete(name);
        continue;
      }
      if (time > (state.pods.get(name) ?? -Infinity)) earliest = earlier(earliest, time);
      state.pods.set(name, time);
    }
    return this.finish(serviceKey, service, state, state.pods, earliest);
  }

  /** Forgets a deleted Service. */
  deleteService(serviceKey: string): void {
    this.states.delete(serviceKey);
  }

  private finish(
    serviceKey: string,
    service: Service,
    state: TrackedService | undefined,
    pods: Map<string, number>,
    earliestPod: number | undefined,
  ): number | undefined {
    let earliest = earliestPod;
    const created = this.times.parse(service.metadata.creationTimestamp ?? '');
    const serviceTime = Number.isNaN(created) ? -Infinity : created;
    if (serviceTime > (state?.serviceTime ?? -Infinity)) earliest = earlier(earliest, serviceTime);
    if (!state) {
      this.states.set(serviceKey, { service, pods, serviceTime });
      return Number.isFinite(serviceTime) ? serviceTime : undefined;
    }
    state.service = service;
    state.pods = pods;
    state.serviceTime = serviceTime;
    return earliest;
  }
}
