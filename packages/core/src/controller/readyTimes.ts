import type { Pod } from '../model/kubernetes.ts';

/**
 * Times the trigger-time trackers read, in ms: each RFC 3339 text is parsed once, since Pods
 * changed together share it (the cache is cleared past 4096 texts).
 */
export class ReadyTimes {
  private readonly parsed = new Map<string, number>();

  /** The Pod's Ready condition's lastTransitionTime; NaN without one. */
  of(pod: Pod): number {
    for (const condition of pod.status?.conditions ?? []) {
      if (condition.type !== 'Ready') continue;
      const text = condition.lastTransitionTime;
      return text ? this.parse(text) : NaN;
    }
    return NaN;
  }

  parse(text: string): number {
    let time = this.parsed.get(text);
    if (time === undefined) {
      if (this.parsed.size >= 4096) this.parsed.clear();
      time = Date.parse(text);
      this.parsed.set(text, time);
    }
    return time;
  }
}
