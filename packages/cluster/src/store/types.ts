import type { KubeObject, ObjectKind } from '@slicescope/core';

/** The event types a store records; BOOKMARK and ERROR exist only on the wire. */
export type StoredEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * An object as the cluster serves it: `kind` and `apiVersion` set, `metadata.resourceVersion`
 * the served (not the engine's) resourceVersion. Never mutated once stored.
 */
export interface StoredObject {
  /** `namespace/name` for namespaced kinds, `name` for cluster-scoped ones; the list order. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** The served resourceVersion as a number (the string form is in `object.metadata`). */
  readonly rv: number;
  readonly object: KubeObject;
}

/** One recorded change of one object, in served form. */
export interface StoredEvent {
  readonly type: StoredEventType;
  readonly kind: ObjectKind;
  readonly key: string;
  readonly namespace: string;
  readonly rv: number;
  /** The new state; for DELETED the last state carrying the deletion's resourceVersion. */
  readonly object: KubeObject;
  /** The state before this change (absent for ADDED); watchers need it for selector transitions. */
  readonly previous?: KubeObject;
  /** Milliseconds on the store's clock when the event was recorded (for the age window). */
  readonly at: number;
}

/** How a restart treats state and history (watch-protocol.md §1.7). */
export type RestartMode =
  /** (a) keep state and history: watchers resume from their resourceVersion. */
  | 'resume'
  /** (b) keep state, bump the resourceVersion and compact history: watchers get 410 and relist. */
  | 'compact'
  /** (c) a fresh, empty cluster at a bumped resourceVersion: the engine re-adds everything. */
  | 'fresh';
