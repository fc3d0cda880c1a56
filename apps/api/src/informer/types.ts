import type { KubeObject, ObjectKind } from '@slicescope/core';

/** Where an informer is in its cycle (watch-protocol.md §2.7, item 1). */
export type InformerPhase = 'starting' | 'listing' | 'watching' | 'backoff' | 'stopped';

/** Why the last attempt failed, safe to show to browsers: never a token or an upstream body. */
export interface InformerError {
  /** A short machine word: 'expired', 'unauthorized', 'forbidden', 'not-found', 'throttled',
   * 'server-error', 'network', 'inactive', 'malformed', 'out-of-order', 'credentials'. */
  reason: string;
  /** The HTTP status, when the failure had one. */
  code?: number;
  /** One sentence for a person, naming the kind, verb and scope. */
  message: string;
}

/** One informer's state, as health checks, metrics and the dashboard show it. */
export interface InformerStatus {
  kind: ObjectKind;
  /** The namespace it is scoped to; absent for a cluster-wide informer. */
  namespace?: string;
  phase: InformerPhase;
  /** Whether a full list has been applied since the informer started (data may still be stale). */
  synced: boolean;
  /** When the informer entered `phase` (ms on the informer's clock). */
  since: number;
  lastError?: InformerError;
  /** When the next attempt is due while in 'backoff' (ms on the informer's clock). */
  retryAt?: number;
  /** The resourceVersion the informer would resume from ('' before the first list). */
  resourceVersion: string;
  lists: number;
  watches: number;
  events: number;
}

/** What the model answers to a watch event, so the informer can spot replays and disorder. */
export type EventOutcome = 'applied' | 'duplicate' | 'stale';

/** Where an informer delivers what it reads; the model implements it, once per informer scope. */
export interface InformerSink {
  /**
   * Turns a listed item into the form the sink keeps, page by page while a list is read, so a
   * large list is never held in its raw form; `replace` then gets the prepared items (and must
   * still accept raw ones from sinks' other callers).
   */
  prepare?(item: unknown): KubeObject;
  /**
   * The whole state of the informer's scope from a (re)list: objects the sink holds in that scope
   * and that are missing here are deleted.
   */
  replace(items: readonly KubeObject[], resourceVersion: string): void;
  /**
   * One watch event. 'duplicate' when the sink already holds the object at that resourceVersion
   * (ignored); 'stale' when it holds a newer one (a contract violation: the informer relists).
   */
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): EventOutcome;
  status(status: InformerStatus): void;
}

/** The collection an informer lists and watches. */
export interface InformerTarget {
  kind: ObjectKind;
  /** e.g. `/api/v1/pods`, `/api/v1/namespaces/shop/pods`, `/apis/discovery.k8s.io/v1beta1/endpointslices`. */
  path: string;
  namespace?: string;
}
