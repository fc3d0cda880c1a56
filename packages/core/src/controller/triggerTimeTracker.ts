import type { Pod, Service } from '../model/kubernetes.ts';
import { ReadyTimes } from './readyTimes.ts';

/**
 * The time of the change that leads to an Endpoints or EndpointSlice write (TT
 * TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime): for a Service first seen, its
 * creationTimestamp; afterwards the earliest of the trigger times that moved since the previous
 * sync — each Pod's Ready lastTransitionTime and the Service's creationTimestamp — or undefined
 * when none moved (the annotation is then removed from what is written). Times are in ms.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, { pods: Map<string, number>; service: number }>();
  private readonly times = new ReadyTimes();

  compute(serviceKey: string, service: Service, pods: readonly Pod[]): number | undefined {
    const state = this.states.get(serviceKey);
    let earliest: number | undefined;
    const moved = (time: number) => {
      if (earliest === undefined || time < earliest) earliest = time;
    };
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const time = this.times.of(pod);
      if (Number.isNaN(time)) continue;
      const name = pod.metadata.name ?? '';
      podTimes.set(name, time);
      if (time > (state?.pods.get(name) ?? -Infinity)) moved(time);
    }
    const created = Date.parse(service.metadata.creationTimestamp ?? '');
    const serviceTime = Number.isNaN(created) ? -Infinity : created;
    if (serviceTime > (state?.service ?? -Infinity)) moved(serviceTime);
    this.states.set(serviceKey, { pods: podTimes, service: serviceTime });
    if (!state) return Number.isFinite(serviceTime) ? serviceTime : undefined;
    return earliest;
  }

  /** Forgets a deleted Service. */
  deleteService(serviceKey: string): void {
    this.states.delete(serviceKey);
  }
}
