import type { StoredEvent } from './types.ts';

/**
 * The apiserver's watch cache sizing (k8s.io/apiserver storage/cacher, watch_cache.go): the
 * window starts at 100 events and, when it is full, doubles while all it holds is younger than
 * `eventFreshDuration` (75 s: the bookmark period plus a margin, so a watcher's last bookmark is
 * still inside) and halves once all but its newest quarter is older than that, within
 * 100–102,400 events. A burst of tens of thousands of Pod writes (a rollout wave of the
 * reference workload) stays replayable for 75 s, so a watcher closed for being slow resumes
 * instead of relisting.
 */
export const WATCH_CACHE_SIZING = {
  lowerBound: 100,
  upperBound: 100 * 1024,
  eventFreshMs: 75_000,
} as const;

/**
 * The bounded event window of one kind, like the apiserver's watch cache: `capacity` events
 * (fixed, or sized as {@link WATCH_CACHE_SIZING} says), and (when `maxAgeMs` is set) none older
 * than that.
 *
 * Invariant: every event of this kind with a resourceVersion above `floor` is in the window, so
 * a watch from any resourceVersion ≥ `floor` can be served by replay. When an event falls out,
 * `floor` becomes (the next remaining event's resourceVersion − 1) — the cacher's
 * "too old resource version: N (oldest − 1)" rule (watch_cache.go) — or the evicted event's own
 * resourceVersion when nothing remains.
 */
export interface EventHistory {
  readonly floor: number;
  /** How many events the window holds at most, now. */
  readonly capacity: number;
  append(event: StoredEvent): void;
  /** Events with a resourceVersion above `rv`, oldest first; `rv` must be ≥ `floor`. */
  since(rv: number): StoredEvent[];
  /** The newest `count` events, oldest first. */
  last(count: number): StoredEvent[];
  /** Drops every event and raises `floor` to `rv` (compaction; resourceVersions ≤ rv → 410). */
  compact(rv: number): void;
}

interface EventHistoryOptions {
  /** A fixed capacity; undefined sizes the window like the apiserver's watch cache. */
  capacity: number | undefined;
  maxAgeMs: number | undefined;
  now: () => number;
  floor: number;
}

export function createEventHistory(options: EventHistoryOptions): EventHistory {
  const { maxAgeMs, now } = options;
  const sized = options.capacity === undefined;
  let capacity = options.capacity ?? WATCH_CACHE_SIZING.lowerBound;
  let events: StoredEvent[] = [];
  let head = 0;
  let floor = options.floor;

  const size = (): number => events.length - head;

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

  /**
   * resizeCacheLocked, before an event recorded at `at` goes in: only a full window changes
   * size; halving drops the oldest events that no longer fit.
   */
  const resize = (at: number): void => {
    if (size() < capacity) return;
    const { lowerBound, upperBound, eventFreshMs } = WATCH_CACHE_SIZING;
    const oldest = events[head] as StoredEvent;
    if (at - oldest.at < eventFreshMs) {
      capacity = Math.min(capacity * 2, upperBound);
      return;
    }
    // The first of the newest quarter: everything before it is older still.
    const quarterFromEnd = events[events.length - Math.floor(capacity / 4)] as StoredEvent;
    if (at - quarterFromEnd.at > eventFreshMs) {
      capacity = Math.max(Math.floor(capacity / 2), lowerBound);
      while (size() > capacity) dropOldest();
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
    get capacity() {
      return capacity;
    },
    append(event) {
      if (sized) resize(event.at);
      events.push(event);
      while (size() > capacity) dropOldest();
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
