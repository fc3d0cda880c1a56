import type { StoredEvent } from './types.ts';

/**
 * The bounded event window of one kind, like the apiserver's watch cache: at most `capacity`
 * events, and (when `maxAgeMs` is set) none older than that.
 *
 * Invariant: every event of this kind with a resourceVersion above `floor` is in the window, so
 * a watch from any resourceVersion ≥ `floor` can be served by replay. When an event falls out,
 * `floor` becomes (the next remaining event's resourceVersion − 1) — the cacher's
 * "too old resource version: N (oldest − 1)" rule (watch_cache.go) — or the evicted event's own
 * resourceVersion when nothing remains.
 */
export interface EventHistory {
  readonly floor: number;
  append(event: StoredEvent): void;
  /** Events with a resourceVersion above `rv`, oldest first; `rv` must be ≥ `floor`. */
  since(rv: number): StoredEvent[];
  /** The newest `count` events, oldest first. */
  last(count: number): StoredEvent[];
  /** Drops every event and raises `floor` to `rv` (compaction; resourceVersions ≤ rv → 410). */
  compact(rv: number): void;
}

interface EventHistoryOptions {
  capacity: number;
  maxAgeMs: number | undefined;
  now: () => number;
  floor: number;
}

export function createEventHistory(options: EventHistoryOptions): EventHistory {
  const { capacity, maxAgeMs, now } = options;
  let events: StoredEvent[] = [];
  let head = 0;
  let floor = options.floor;

  const dropOldest = (): void => {
    const dropped = events[head];
    head += 1;
    if (dropped === undefined) return;
    const next = events[head];
    floor = Math.max(floor, next === undefined ? dropped.rv : next.rv - 1);
    if (head > 1024 && head * 2 > events.length) {
      events = events.slice(head);
      head = 0;
    }
  };

  const prune = (): void => {
    if (maxAgeMs === undefined) return;
    const oldestAllowed = now() - maxAgeMs;
    let guard = events.length;
    while (head < events.length && (events[head]?.at ?? Infinity) < oldestAllowed && guard-- > 0) {
      dropOldest();
    }
  };

  /** Index of the first event with a resourceVersion above `rv` (binary search). */
  const firstAbove = (rv: number): number => {
    let lo = head;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((events[mid]?.rv ?? Infinity) > rv) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  return {
    get floor() {
      prune();
      return floor;
    },
    append(event) {
      events.push(event);
      while (events.length - head > capacity) dropOldest();
      prune();
    },
    since(rv) {
      prune();
      return events.slice(firstAbove(rv));
    },
    last(count) {
      prune();
      return events.slice(Math.max(head, events.length - count));
    },
    compact(rv) {
      events = [];
      head = 0;
      floor = Math.max(floor, rv);
    },
  };
}
