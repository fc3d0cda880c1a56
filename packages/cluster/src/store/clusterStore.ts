import {
  KIND_RESOURCES,
  type KubeObject,
  type ObjectChange,
  type ObjectKind,
} from '@slicescope/core';
import { createEventHistory, type EventHistory } from './eventHistory.ts';
import { objectKey, servedForm, servedRv } from './servedObject.ts';
import type { RestartMode, StoredEvent, StoredEventType, StoredObject } from './types.ts';

export interface ClusterStoreOptions {
  /**
   * Events kept per kind for watch replay. Default: sized like the apiserver's watch cache,
   * 100–102,400 events holding at least the last 75 s (see WATCH_CACHE_SIZING).
   */
  historySize?: number;
  /** Events older than this fall out of the window too (default: no age limit). */
  historyMaxAgeMs?: number;
  /** Clock for the age window (default `Date.now`). */
  now?: () => number;
  /**
   * Added to every engine resourceVersion to give the served one (default 0). Seed it above
   * the last resourceVersion a previous process served so clients never see one go backwards.
   */
  rvOffset?: number;
  /** How far a 'compact' or 'fresh' restart moves the served resourceVersion (default 1000). */
  restartBump?: number;
}

/** A change the store numbers itself (fault helpers), instead of taking the engine's number. */
export type SyntheticChange = Omit<ObjectChange, 'object'> & { object: KubeObject };

export type StoreListener = (event: StoredEvent) => void;

/**
 * The embedded cluster's state: the current objects of each kind keyed by namespace/name, one
 * global resourceVersion, a bounded event history per kind, and listeners for live watchers.
 *
 * ## Served resourceVersions
 * The engine numbers its changes with its own counter; the store serves
 * `engine resourceVersion + rvOffset`. `rvOffset` starts at `options.rvOffset` and is only ever
 * raised, at the moments the store itself advances the served counter — a synthetic change
 * (`inject`), or a 'compact'/'fresh' restart, which also bumps the counter by `restartBump` — to
 * `resourceVersion − last engine resourceVersion`, so the engine's next change is served just
 * above everything served before. A 'fresh' restart also forgets the last engine
 * resourceVersion (a new engine may count from 1 again). So served resourceVersions strictly
 * increase for the whole life of the store, across restarts, while the engine's own numbering
 * is never touched.
 */
export interface ClusterStore {
  /** The highest served resourceVersion (0 before any change). */
  readonly resourceVersion: number;
  readonly rvOffset: number;
  /**
   * Records engine changes in order. Throws, naming the resourceVersion, when one is not a
   * decimal above the last applied, and on changes that contradict the state (ADDED of an
   * existing object, MODIFIED or DELETED of a missing one); nothing of the batch is applied then.
   * The store keeps the objects (copied one level deep): callers must not mutate them afterwards.
   */
  apply(changes: readonly ObjectChange[]): void;
  /** Records changes under resourceVersions the store assigns (see "Served resourceVersions"). */
  inject(changes: readonly SyntheticChange[]): StoredEvent[];
  get(kind: ObjectKind, namespace: string, name: string): StoredObject | undefined;
  /** The current objects of a kind in key order, at the current resourceVersion. */
  snapshot(
    kind: ObjectKind,
    filter?: (object: KubeObject) => boolean,
  ): { resourceVersion: string; items: KubeObject[] };
  /**
   * The objects of a kind in key order as they were at `rv` (rebuilt from the history), or
   * undefined when `rv` is older than the kind's window or newer than the store.
   */
  snapshotAt(kind: ObjectKind, rv: number): readonly StoredObject[] | undefined;
  /** Lowest resourceVersion a watch of this kind can resume from; older ones get 410. */
  floor(kind: ObjectKind): number;
  /** Recorded events of a kind above `rv`, oldest first (`rv` must be ≥ `floor(kind)`). */
  eventsSince(kind: ObjectKind, rv: number): StoredEvent[];
  /** The newest `count` recorded events of a kind, oldest first. */
  lastEvents(kind: ObjectKind, count: number): StoredEvent[];
  subscribe(kind: ObjectKind, listener: StoreListener): () => void;
  /** Compacts the history of one kind (or all): resourceVersions below the current one → 410. */
  compact(kind?: ObjectKind): void;
  restart(mode: RestartMode): void;
  /** Resolves true once the store reaches `rv`, or false after `timeoutMs`. */
  waitForResourceVersion(rv: number, timeoutMs: number): Promise<boolean>;
}

const KINDS = Object.keys(KIND_RESOURCES) as ObjectKind[];

interface KindState {
  objects: Map<string, StoredObject>;
  history: EventHistory;
  sorted: StoredObject[] | undefined;
  past: { rv: number; items: StoredObject[] } | undefined;
}

interface Waiter {
  rv: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

function parseEngineRv(change: ObjectChange): number {
  const text = change.object.metadata.resourceVersion;
  const rv = text !== undefined && /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(rv) || rv <= 0) {
    throw new Error(
      `resourceVersion ${JSON.stringify(text)} of ${describe(change)} is not a positive decimal`,
    );
  }
  return rv;
}

function describe(change: { type: string; kind: ObjectKind; object: KubeObject }): string {
  const { namespace, name } = change.object.metadata;
  return `${change.type} ${change.kind} ${namespace ? `${namespace}/` : ''}${name ?? '<no name>'}`;
}

function identity(change: SyntheticChange): { namespace: string; name: string; key: string } {
  const { name, namespace } = change.object.metadata;
  const namespaced = KIND_RESOURCES[change.kind].namespaced;
  if (typeof name !== 'string' || name === '') throw new Error(`${describe(change)}: no name`);
  if (namespaced && (typeof namespace !== 'string' || namespace === '')) {
    throw new Error(`${describe(change)}: no namespace`);
  }
  const ns = namespaced ? (namespace as string) : '';
  return { namespace: ns, name, key: objectKey(change.kind, ns, name) };
}

function byKey(a: StoredObject, b: StoredObject): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function createClusterStore(options: ClusterStoreOptions = {}): ClusterStore {
  const now = options.now ?? Date.now;
  const restartBump = options.restartBump ?? 1000;
  let rvOffset = options.rvOffset ?? 0;
  let resourceVersion = rvOffset;
  let lastEngineRv = 0;
  const listeners = new Map<ObjectKind, Set<StoreListener>>();
  let waiters: Waiter[] = [];

  const newHistory = (floor: number): EventHistory =>
    createEventHistory({
      capacity: options.historySize,
      maxAgeMs: options.historyMaxAgeMs,
      now,
      floor,
    });
  const kinds = new Map<ObjectKind, KindState>(
    KINDS.map((kind) => [
      kind,
      {
        objects: new Map(),
        history: newHistory(resourceVersion),
        sorted: undefined,
        past: undefined,
      },
    ]),
  );
  const state = (kind: ObjectKind): KindState => {
    const found = kinds.get(kind);
    if (found === undefined) throw new Error(`unknown kind ${kind}`);
    return found;
  };

  const wakeWaiters = (): void => {
    const still: Waiter[] = [];
    for (const waiter of waiters) {
      if (waiter.rv <= resourceVersion) {
        clearTimeout(waiter.timer);
        waiter.resolve(true);
      } else still.push(waiter);
    }
    waiters = still;
  };

  /** Checks a batch against the state without changing anything; returns the identities. */
  const check = (
    changes: readonly SyntheticChange[],
  ): { namespace: string; name: string; key: string }[] => {
    // What the batch itself has done to each object so far, per kind.
    const overlay = new Map<ObjectKind, Map<string, boolean>>();
    return changes.map((change) => {
      const id = identity(change);
      let seen = overlay.get(change.kind);
      if (!seen) {
        seen = new Map();
        overlay.set(change.kind, seen);
      }
      const exists = seen.get(id.key) ?? state(change.kind).objects.has(id.key);
      if (change.type === 'ADDED' && exists) throw new Error(`${describe(change)}: already exists`);
      if (change.type !== 'ADDED' && !exists) throw new Error(`${describe(change)}: not found`);
      seen.set(id.key, change.type !== 'DELETED');
      return id;
    });
  };

  /** Applies checked changes at the given served resourceVersions and notifies listeners. */
  const commit = (
    changes: readonly SyntheticChange[],
    ids: readonly { namespace: string; name: string; key: string }[],
    rvs: readonly number[],
  ): StoredEvent[] => {
    const recorded = changes.map((change, index) => {
      const id = ids[index] as { namespace: string; name: string; key: string };
      const rv = rvs[index] as number;
      const kindState = state(change.kind);
      const object = servedForm(change.kind, change.object, rv);
      const previous = kindState.objects.get(id.key)?.object;
      if (change.type === 'DELETED') kindState.objects.delete(id.key);
      else kindState.objects.set(id.key, { ...id, rv, object });
      kindState.sorted = undefined;
      const event: StoredEvent = {
        type: change.type as StoredEventType,
        kind: change.kind,
        key: id.key,
        namespace: id.namespace,
        rv,
        object,
        ...(previous === undefined ? {} : { previous }),
        at: now(),
      };
      kindState.history.append(event);
      resourceVersion = rv;
      return event;
    });
    for (const event of recorded) {
      for (const listener of listeners.get(event.kind) ?? []) listener(event);
    }
    wakeWaiters();
    return recorded;
  };

  const sortedNow = (kindState: KindState): StoredObject[] => {
    kindState.sorted ??= [...kindState.objects.values()].sort(byKey);
    return kindState.sorted;
  };

  return {
    get resourceVersion() {
      return resourceVersion;
    },
    get rvOffset() {
      return rvOffset;
    },
    apply(changes) {
      let previous = lastEngineRv;
      const engineRvs = changes.map((change) => {
        const rv = parseEngineRv(change);
        if (rv <= previous) {
          throw new Error(
            `resourceVersion ${rv} of ${describe(change)} is not above the last applied ${previous}`,
          );
        }
        previous = rv;
        return rv;
      });
      const ids = check(changes);
      const last = engineRvs[engineRvs.length - 1];
      if (last === undefined) return;
      commit(
        changes,
        ids,
        engineRvs.map((rv) => rv + rvOffset),
      );
      lastEngineRv = last;
    },
    inject(changes) {
      const ids = check(changes);
      const recorded = commit(
        changes,
        ids,
        changes.map((_, index) => resourceVersion + index + 1),
      );
      rvOffset = resourceVersion - lastEngineRv;
      return recorded;
    },
    get(kind, namespace, name) {
      return state(kind).objects.get(objectKey(kind, namespace, name));
    },
    snapshot(kind, filter) {
      const items = sortedNow(state(kind)).map((stored) => stored.object);
      return {
        resourceVersion: String(resourceVersion),
        items: filter === undefined ? items : items.filter(filter),
      };
    },
    snapshotAt(kind, rv) {
      const kindState = state(kind);
      if (rv > resourceVersion || rv < kindState.history.floor) return undefined;
      const later = kindState.history.since(rv);
      if (later.length === 0) return sortedNow(kindState);
      if (kindState.past?.rv === rv) return kindState.past.items;
      const objects = new Map(kindState.objects);
      for (let index = later.length - 1; index >= 0; index--) {
        const event = later[index] as StoredEvent;
        if (event.previous === undefined) objects.delete(event.key);
        else {
          const { namespace = '', name = '' } = event.previous.metadata;
          const previous = event.previous;
          objects.set(event.key, {
            key: event.key,
            namespace: KIND_RESOURCES[kind].namespaced ? namespace : '',
            name,
            rv: servedRv(previous),
            object: previous,
          });
        }
      }
      const items = [...objects.values()].sort(byKey);
      kindState.past = { rv, items };
      return items;
    },
    floor(kind) {
      return state(kind).history.floor;
    },
    eventsSince(kind, rv) {
      return state(kind).history.since(rv);
    },
    lastEvents(kind, count) {
      return state(kind).history.last(count);
    },
    subscribe(kind, listener) {
      let set = listeners.get(kind);
      if (set === undefined) {
        set = new Set();
        listeners.set(kind, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    compact(kind) {
      for (const name of kind === undefined ? KINDS : [kind]) {
        const kindState = state(name);
        kindState.history.compact(resourceVersion);
        kindState.past = undefined;
      }
    },
    restart(mode) {
      if (mode === 'resume') return;
      resourceVersion += restartBump;
      for (const kindState of kinds.values()) {
        if (mode === 'fresh') {
          kindState.objects.clear();
          kindState.sorted = undefined;
        }
        kindState.history.compact(resourceVersion);
        kindState.past = undefined;
      }
      if (mode === 'fresh') lastEngineRv = 0;
      rvOffset = resourceVersion - lastEngineRv;
      wakeWaiters();
    },
    waitForResourceVersion(rv, timeoutMs) {
      if (rv <= resourceVersion) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter.timer !== timer);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        waiters.push({ rv, resolve, timer });
      });
    },
  };
}
