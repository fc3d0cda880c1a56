import type { KindObjects, ObjectChange, ObjectKind } from './changes.ts';

type Stored = KindObjects[ObjectKind];

/** `namespace/name`, or `name` for cluster-scoped objects: how the engine keys every object. */
export function objectKey(object: { metadata: { name?: string; namespace?: string } }): string {
  const { namespace, name = '' } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The engine's objects, as an API server would hold them: one resourceVersion counter for all
 * kinds, every write recorded as an {@link ObjectChange} until drained. Pods and EndpointSlices
 * are also indexed by namespace, which is how the controllers read them.
 */
export class ObjectStore {
  private resourceVersion = 0;
  private readonly byKind = new Map<ObjectKind, Map<string, Stored>>();
  private readonly byNamespace = new Map<ObjectKind, Map<string, Map<string, Stored>>>();
  private pending: ObjectChange[] = [];

  constructor(private readonly indexedKinds: readonly ObjectKind[] = ['Pod', 'EndpointSlice']) {
    for (const kind of ['Node', 'Service', 'Pod', 'Endpoints', 'EndpointSlice'] as const) {
      this.byKind.set(kind, new Map());
    }
  }

  /** The last resourceVersion issued. */
  get lastResourceVersion(): number {
    return this.resourceVersion;
  }

  get<K extends ObjectKind>(kind: K, key: string): KindObjects[K] | undefined {
    return this.byKind.get(kind)?.get(key) as KindObjects[K] | undefined;
  }

  /** Every object of a kind, in insertion order. */
  list<K extends ObjectKind>(kind: K): KindObjects[K][] {
    return [...(this.byKind.get(kind)?.values() ?? [])] as KindObjects[K][];
  }

  count(kind: ObjectKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Objects of an indexed kind in one namespace. */
  inNamespace<K extends ObjectKind>(kind: K, namespace: string): KindObjects[K][] {
    const objects = this.byNamespace.get(kind)?.get(namespace);
    return objects ? ([...objects.values()] as KindObjects[K][]) : [];
  }

  /**
   * Creates or replaces an object, stamping the next resourceVersion; returns what is stored.
   * With `owned`, the caller hands over an object it just built and shares with nobody: its
   * metadata is stamped in place instead of copied.
   */
  put<K extends ObjectKind>(kind: K, object: KindObjects[K], owned = false): KindObjects[K] {
    const key = objectKey(object);
    const objects = this.byKind.get(kind)!;
    const existed = objects.has(key);
    const resourceVersion = String(++this.resourceVersion);
    let stored: KindObjects[K];
    if (owned) {
      object.metadata.resourceVersion = resourceVersion;
      stored = object;
    } else {
      stored = { ...object, metadata: { ...object.metadata, resourceVersion } } as KindObjects[K];
    }
    objects.set(key, stored);
    this.index(kind, key, stored);
    this.pending.push({
      type: existed ? 'MODIFIED' : 'ADDED',
      kind,
      object: stored,
    } as ObjectChange);
    return stored;
  }

  /** Deletes an object; the DELETED change carries it with the deletion's resourceVersion. */
  remove(kind: ObjectKind, key: string): void {
    const objects = this.byKind.get(kind)!;
    const object = objects.get(key);
    if (!object) return;
    objects.delete(key);
    const namespace = object.metadata.namespace;
    if (namespace !== undefined) this.byNamespace.get(kind)?.get(namespace)?.delete(key);
    const deleted = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(++this.resourceVersion) },
    };
    this.pending.push({ type: 'DELETED', kind, object: deleted } as ObjectChange);
  }

  /** The changes since the last drain, in resourceVersion order. */
  drain(): ObjectChange[] {
    const changes = this.pending;
    this.pending = [];
    return changes;
  }

  private index(kind: ObjectKind, key: string, object: Stored): void {
    if (!this.indexedKinds.includes(kind)) return;
    const namespace = object.metadata.namespace ?? '';
    let namespaces = this.byNamespace.get(kind);
    if (!namespaces) {
      namespaces = new Map();
      this.byNamespace.set(kind, namespaces);
    }
    let objects = namespaces.get(namespace);
    if (!objects) {
      objects = new Map();
      namespaces.set(namespace, objects);
    }
    objects.set(key, object);
  }
}
