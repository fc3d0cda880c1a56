import { ANNOTATION_TRIGGER_TIME, type EndpointSlice } from '@slicescope/core';
import type { History, HistoryEntry } from '@slicescope/contract';
import { serviceKeyOfSlice, type ModelChange } from '../model/clusterModel.ts';
import { sliceDiff } from './sliceDiff.ts';

export interface HistoryOptions {
  /** Entries kept per Service (default 200). */
  maxEntries?: number;
  /** Approximate bytes kept per Service (default 256 KiB); the oldest entries go first. */
  maxBytes?: number;
  /**
   * Approximate bytes kept for all Services together (default 64 MiB, about three times that
   * in memory): past it, the oldest entries of the cluster go first. The per-Service bounds
   * alone grow with the number of Services (10,000 of them at 256 KiB would be 2.5 GiB).
   */
  maxTotalBytes?: number;
  /** Writes of one Service this close together, with the same trigger time, are one sync (default 250 ms). */
  groupWindowMs?: number;
  /** Wall clock for `at` (default Date.now). */
  now?: () => number;
  /** Monotonic clock of the group window, ms (default performance.now). */
  monotonic?: () => number;
}

/** An entry as kept: its estimated bytes, its Service's ring, and whether it was dropped. */
interface Kept {
  entry: HistoryEntry;
  bytes: number;
  ring: Ring;
  dropped: boolean;
}

interface Ring {
  entries: Kept[];
  bytes: number;
  dropped: number;
  /** Slice writes seen in total (the service's churn). */
  writes: number;
  /**
   * Syncs seen: entries are numbered per Service, so that consecutive syncs have consecutive
   * numbers (one count for all Services made a Service's #12 follow its #4, as if syncs were lost).
   */
  syncs: number;
  /** Monotonic time of the last write: groups are cut on it, never on the wall clock. */
  lastTick: number;
}

export interface ServiceHistory {
  /** Records an EndpointSlice change of the model (other kinds are ignored). */
  record(change: ModelChange): void;
  /** The entries and drops of a Service (the route adds its present slices). */
  history(serviceKey: string): Omit<History, 'slices'>;
  churn(serviceKey: string): number;
  /** Forgets a deleted Service. */
  forget(serviceKey: string): void;
}

/**
 * A bounded ring buffer of slice writes per Service, grouped per controller sync: the controller
 * writes every slice of one sync with the same last-change-trigger-time annotation, so consecutive
 * writes of a Service that share it (or, without it, arrive within the group window) are one entry.
 */
export function createServiceHistory(options: HistoryOptions = {}): ServiceHistory {
  const maxEntries = options.maxEntries ?? 200;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
  const windowMs = options.groupWindowMs ?? 250;
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  const rings = new Map<string, Ring>();

  const ringOf = (key: string): Ring => {
    let ring = rings.get(key);
    if (!ring) {
      ring = { entries: [], bytes: 0, dropped: 0, writes: 0, syncs: 0, lastTick: -Infinity };
      rings.set(key, ring);
    }
    return ring;
  };

  /**
   * Every entry kept, oldest first from `head`, for the cluster-wide bound. Entries a Service
   * dropped on its own stay here, marked, until they are passed or the queue is compacted.
   */
  let queue: Kept[] = [];
  let head = 0;
  let droppedInQueue = 0;
  let totalBytes = 0;

  const dropOldest = (ring: Ring): void => {
    const oldest = ring.entries.shift() as Kept;
    oldest.dropped = true;
    droppedInQueue++;
    ring.bytes -= oldest.bytes;
    totalBytes -= oldest.bytes;
    ring.dropped++;
  };

  const trim = (ring: Ring): void => {
    while (ring.entries.length > 1 && (ring.entries.length > maxEntries || ring.bytes > maxBytes))
      dropOldest(ring);
    // The oldest entry kept in the cluster is the oldest of its Service's: both drop oldest first.
    while (totalBytes > maxTotalBytes && head < queue.length) {
      const oldest = queue[head++] as Kept;
      // Behind `head` now: not counted among the dropped entries still in the queue.
      if (!oldest.dropped) dropOldest(oldest.ring);
      droppedInQueue--;
    }
    if (droppedInQueue + head > queue.length / 2 && queue.length > 1024) {
      queue = queue.slice(head).filter((kept) => !kept.dropped);
      head = 0;
      droppedInQueue = 0;
    }
  };

  /** One write as the Service `serviceKey` saw it (a slice moving in or out is a create or delete). */
  const recordWrite = (
    serviceKey: string,
    previous: EndpointSlice | undefined,
    next: EndpointSlice | undefined,
  ): void => {
    const ring = ringOf(serviceKey);
    ring.writes++;
    const name = (next ?? previous)?.metadata.name ?? '';
    const diff = sliceDiff(name, previous, next);
    const bytes = 64 + JSON.stringify(diff).length;
    const triggerTime = next?.metadata.annotations?.[ANNOTATION_TRIGGER_TIME];
    const at = now();
    const tick = monotonic();
    const last = ring.entries.at(-1);
    // A deleted slice carries no trigger time: it joins the sync it falls in.
    const sameSync =
      last !== undefined &&
      tick - ring.lastTick <= windowMs &&
      (next === undefined || last.entry.triggerTime === triggerTime) &&
      !last.entry.changes.some((c) => c.slice === name);
    ring.lastTick = tick;
    if (sameSync) {
      last.entry.changes.push(diff);
      last.bytes += bytes;
    } else {
      const entry: HistoryEntry = { seq: ++ring.syncs, at, changes: [diff] };
      if (triggerTime !== undefined) entry.triggerTime = triggerTime;
      const kept: Kept = { entry, bytes, ring, dropped: false };
      ring.entries.push(kept);
      queue.push(kept);
    }
    ring.bytes += bytes;
    totalBytes += bytes;
    trim(ring);
  };

  return {
    record(change) {
      if (change.kind !== 'EndpointSlice') return;
      const next = change.object as EndpointSlice | undefined;
      const previous = change.previous as EndpointSlice | undefined;
      const from = serviceKeyOfSlice(previous);
      const to = serviceKeyOfSlice(next);
      // A slice relabelled to another Service leaves the one and joins the other.
      if (from !== undefined && from !== to) recordWrite(from, previous, undefined);
      if (to !== undefined) recordWrite(to, from === to ? previous : undefined, next);
    },
    history(serviceKey) {
      const ring = rings.get(serviceKey);
      return {
        entries: ring?.entries.map((item) => item.entry) ?? [],
        dropped: ring?.dropped ?? 0,
      };
    },
    churn: (serviceKey) => rings.get(serviceKey)?.writes ?? 0,
    forget(serviceKey) {
      const ring = rings.get(serviceKey);
      if (!ring) return;
      for (const kept of ring.entries) kept.dropped = true;
      droppedInQueue += ring.entries.length;
      totalBytes -= ring.bytes;
      rings.delete(serviceKey);
    },
  };
}
