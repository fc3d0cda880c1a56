import type { ObjectKind } from '@slicescope/core';
import type { ClusterStore } from '../store/clusterStore.ts';
import { WATCH_CACHE_SIZING } from '../store/eventHistory.ts';
import type { ListOptions } from './listOptions.ts';
import type { IncludeObject } from './table.ts';
import type { WatchSession } from './watchSession.ts';

/** Tunables of the API surface; all have real-server defaults (see `resolveApiConfig`). */
export interface ApiConfig {
  /** Wall clock (ms) for AGE columns and fault durations. */
  now: () => number;
  /** Randomness for the default watch timeout. */
  random: () => number;
  /** Interval of BOOKMARK events for watches that allow them (apiserver: 1 min). */
  bookmarkIntervalMs: number;
  /** Watch timeout when the client sends none: uniform in [min, max) s (apiserver: 30–60 min). */
  watchTimeoutSeconds: { min: number; max: number };
  /** How long a watcher that does not read may hold back events before it is closed. */
  slowWatcherBudgetMs: number;
  /**
   * Live events queued for a watcher (congested, or still sending its initial or replayed
   * events, which never count) before it is closed at once. The store hands a watcher a
   * write burst all at once, where the cacher would let it drain while it waits out the budget;
   * so the default is the largest watch cache: a watcher further behind could not resume.
   */
  maxPendingWatchEvents: number;
  /** How long a request for a resourceVersion the store has not reached waits (apiserver: 3 s). */
  tooLargeResourceVersionWaitMs: number;
}

export function resolveApiConfig(partial: Partial<ApiConfig> = {}): ApiConfig {
  return {
    now: partial.now ?? Date.now,
    random: partial.random ?? Math.random,
    bookmarkIntervalMs: partial.bookmarkIntervalMs ?? 60_000,
    watchTimeoutSeconds: partial.watchTimeoutSeconds ?? { min: 1800, max: 3600 },
    slowWatcherBudgetMs: partial.slowWatcherBudgetMs ?? 5_000,
    maxPendingWatchEvents: partial.maxPendingWatchEvents ?? WATCH_CACHE_SIZING.upperBound,
    tooLargeResourceVersionWaitMs: partial.tooLargeResourceVersionWaitMs ?? 3_000,
  };
}

export interface ApiContext {
  store: ClusterStore;
  /** Open watches, for fault injection and shutdown. */
  sessions: Set<WatchSession>;
  config: ApiConfig;
}

/** A decoded collection request (list or watch). */
export interface CollectionRequest {
  kind: ObjectKind;
  namespace: string | undefined;
  options: ListOptions;
  /** Set when the client negotiated a Table. */
  table:
    | { apiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1'; includeObject: IncludeObject }
    | undefined;
  /** Extra response headers (deprecation warnings). */
  headers: Record<string, string>;
}
