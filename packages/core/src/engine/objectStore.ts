import type { KindObjects, ObjectChange, ObjectKind } from './changes.ts';

type Stored = KindObjects[ObjectKind];

/** `namespace/name`, or `name` for cluster-scoped objects: how the engine keys every object. */
export function objectKey(object: { metadata: { name?: string; namespace?: string } }): string {
  const { namespace, name = '' } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The engine's objects, as an API server would hold them: one resourceVersion counter for all
 * kinds, every write recorded as an {@link ObjectChange} until drained. EndpointSlices are also
 * indexed by namespace, which is how the controllers list them.
 */
export class ObjectStore {
  private resourceVersion = 0;
  /** Per kind, the objects by key and, for an indexed kind, by namespace then key. */
  private readonly kinds = {} as Record<
    ObjectKind,
    { objects: Map<string, Stored>; byNamespace: Map<string, Map<string, Stored>> | undefined }
  >;
  private pending: ObjectChange[] = [];

  constructor(indexedKinds: readonly ObjectKind[] = ['EndpointSlice']) {
    for (const kind of ['Node', 'Service', 'Pod', 'Endpoints', 'EndpointSlice'] as const) {
      this.kinds[kind] = {
        objects: new Map(),
        byNamespace: indexedKinds.includes(kind) ? new Map() : undefined,
      };
    }
  }

  /** The last resourceVersion issued. */
  get lastResourceVersion(): number {
    return this.resourceVersion;
  }

  get<K extends ObjectKind>(kind: K, key: string): KindObjects[K] | undefined {
    return this.kinds[kind].objects.get(key) as KindObjects[K] | undefined;
  }

  /** Every object of a kind, in insertion order. */
  list<K extends ObjectKind>(kind: K): KindObjects[K][] {
    return [...this.kinds[kind].objects.values()] as KindObjects[K][];
  }

  count(kind: ObjectKind): number {
    return this.kinds[kind].objects.size;
  }

  /** Objects of an indexed kind in one namespace (a kind without an index is a caller's bug). */
  inNamespace<K extends ObjectKind>(kind: K, namespace: string): KindObjects[K][] {
    const { byNamespace } = this.kinds[kind];
    if (!byNamespace) throw new Error(`${kind}s are not indexed by namespace`);
    const indexed = byNamespace.get(namespace);
    return indexed ? ([...indexed.values()] as KindObjects[K][]) : [];
  }

  /**
   * Creates or replaces an object, stamping the next resourceVersion; returns what is stored.
   * With `owned`, the caller hands over an object it just built and shares with nobody: its
   * metadata is stamped in place instead of copied. A caller that holds the object's key passes
   * it: a key built anew costs more than the map lookup it is for.
   */
  put<K extends ObjectKind>(
    kind: K,
    object: KindObjects[K],
    owned = false,
    key = objectKey(object),
  ): KindObjects[K] {
    const { objects, byNamespace } = this.kinds[kind];
    const resourceVersion = String(++this.resourceVersion);
    let stored: KindObjects[K];
    if (owned) {
      object.metadata.resourceVersion = resourceVersion;
      stored = object;
    } else {
      stored = { ...object, metadata: { ...object.metadata, resourceVersion } } as KindObjects[K];
    }
    const size = objects.size;
    objects.set(key, stored);
    // A replaced object leaves the size as it was: one lookup instead of has() and set().
    const existed = objects.size === size;
    if (byNamespace) this.index(byNamespace, key, stored);
    this.pending.push({
      type: existed ? 'MODIFIED' : 'ADDED',
      kind,
      object: stored,
    } as ObjectChange);
    return stored;
  }

  /** Deletes an object; the DELETED change carries it with the deletion's resourceVersion. */
  remove(kind: ObjectKind, key: string): void {
    const { objects, byNamespace } = this.kinds[kind];
    const object = objects.get(key);
    if (!object) return;
    objects.delete(key);
    const namespace = object.metadata.namespace;
    if (namespace !== undefined) byNamespace?.get(namespace)?.delete(key);
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

  private index(namespaces: Map<string, Map<string, Stored>>, key: string, object: Stored): void {
    const namespace = object.metadata.namespace ?? '';
    let objects = namespaces.get(namespace);
    if (!objects) {
      objects = new Map();
      namespaces.set(namespace, objects);
    }
    objects.set(key, object);
  }
}
