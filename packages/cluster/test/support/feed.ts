import type { KubeObject, ObjectChange, ObjectKind } from '@slicescope/core';
import type { ClusterStore } from '../../src/index.ts';

/**
 * Stands in for the engine: pushes ObjectChanges into a store, numbering them from its own
 * counter (as the engine does), one change or one batch at a time.
 */
export interface Feed {
  readonly lastRv: number;
  add(kind: ObjectKind, object: KubeObject): void;
  modify(kind: ObjectKind, object: KubeObject): void;
  remove(kind: ObjectKind, object: KubeObject): void;
  batch(changes: readonly [ObjectChange['type'], ObjectKind, KubeObject][]): void;
}

export function createFeed(store: ClusterStore, firstRv = 1): Feed {
  let rv = firstRv - 1;
  const change = (
    type: ObjectChange['type'],
    kind: ObjectKind,
    object: KubeObject,
  ): ObjectChange => {
    rv += 1;
    return {
      type,
      kind,
      object: { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } },
    } as ObjectChange;
  };
  return {
    get lastRv() {
      return rv;
    },
    add: (kind, object) => store.apply([change('ADDED', kind, object)]),
    modify: (kind, object) => store.apply([change('MODIFIED', kind, object)]),
    remove: (kind, object) => store.apply([change('DELETED', kind, object)]),
    batch: (changes) =>
      store.apply(changes.map(([type, kind, object]) => change(type, kind, object))),
  };
}
