import {
  LABEL_SERVICE_NAME,
  objectKey,
  type Endpoint,
  type EndpointSlice,
  type KubeObject,
  type Node,
  type ObjectKind,
  type Pod,
  type Service,
  type Endpoints,
} from '@slicescope/core';
import type {
  EventOutcome,
  InformerSink,
  InformerStatus,
  InformerTarget,
} from '../informer/types.ts';
import { project } from './project.ts';

/** One object's change in the model: `object` undefined = deleted, `previous` undefined = new. */
export interface ModelChange {
  kind: ObjectKind;
  key: string;
  object: KubeObject | undefined;
  previous: KubeObject | undefined;
}

export type ModelListener = (change: ModelChange) => void;

/**
 * The api's picture of the cluster: projected objects by kind and key (`namespace/name`, or the
 * name of a Node), the indexes the views need (Service → slices, namespace → Pods, Node →
 * endpoint count), and each informer's status. Informers write through {@link sink}; readers see
 * every change through {@link onChange}.
 */
export interface ClusterModel {
  sink(target: InformerTarget): InformerSink;
  onChange(listener: ModelListener): () => void;
  onStatus(listener: (status: InformerStatus) => void): () => void;
  statuses(): InformerStatus[];
  get<K extends ObjectKind>(kind: K, key: string): KindObject<K> | undefined;
  all<K extends ObjectKind>(kind: K): IterableIterator<KindObject<K>>;
  count(kind: ObjectKind): number;
  /** Slices labelled kubernetes.io/service-name for the Service `namespace/name`, by name. */
  slicesOf(serviceKey: string): EndpointSlice[];
  podsIn(namespace: string): Pod[];
  /** The slices of the namespace, with every endpoint whose targetRef names the Pod. */
  endpointsOfPod(namespace: string, name: string): { slice: EndpointSlice; endpoint: Endpoint }[];
  /** Endpoints (of every Service) whose nodeName is `node`. */
  endpointsOnNode(node: string): number;
  /** Nodes whose endpoint count changed since the last call (and forgets them). */
  takeNodesWithChangedEndpoints(): Set<string>;
}

export type KindObject<K extends ObjectKind> = {
  Service: Service;
  Pod: Pod;
  Node: Node;
  EndpointSlice: EndpointSlice;
  Endpoints: Endpoints;
}[K];

const KINDS: readonly ObjectKind[] = ['Service', 'EndpointSlice', 'Pod', 'Node', 'Endpoints'];

/** The numeric form of a resourceVersion, when it is a decimal (every real server's is). */
function rvNumber(object: KubeObject | undefined): number | undefined {
  const text = object?.metadata.resourceVersion;
  return text !== undefined && /^[0-9]{1,16}$/.test(text) ? Number(text) : undefined;
}

/** The `namespace/name` of the Service a slice is labelled for (kubernetes.io/service-name). */
export function serviceKeyOfSlice(slice: EndpointSlice | undefined): string | undefined {
  const service = slice?.metadata.labels?.[LABEL_SERVICE_NAME];
  return service === undefined ? undefined : `${slice?.metadata.namespace ?? ''}/${service}`;
}

/** The key of an informer's scope: kind, and namespace when it watches one. */
export function informerKey(scope: { kind: ObjectKind; namespace?: string | undefined }): string {
  return `${scope.kind}/${scope.namespace ?? ''}`;
}

export function createClusterModel(): ClusterModel {
  const objects = new Map<ObjectKind, Map<string, KubeObject>>(
    KINDS.map((kind) => [kind, new Map()]),
  );
  const slicesByService = new Map<string, Set<string>>();
  const podsByNamespace = new Map<string, Map<string, Pod>>();
  const endpointsPerNode = new Map<string, number>();
  const changedNodes = new Set<string>();
  const listeners = new Set<ModelListener>();
  const statusListeners = new Set<(status: InformerStatus) => void>();
  const statuses = new Map<string, InformerStatus>();
  /** Objects `prepare` already projected (a list's items), so `replace` does not project them twice. */
  const prepared = new WeakSet<KubeObject>();

  /**
   * Moves the per-Node counts from `before` to `after`. Only Nodes whose count actually moves
   * are marked changed: a slice write that keeps its endpoints on the same Nodes (a readiness
   * flip, the common case) would otherwise put a row for every Node of the slice in each delta.
   */
  const countNodes = (
    before: EndpointSlice | undefined,
    after: EndpointSlice | undefined,
  ): void => {
    const moves = new Map<string, number>();
    for (const [slice, sign] of [
      [before, -1],
      [after, 1],
    ] as const) {
      for (const endpoint of slice?.endpoints ?? []) {
        if (endpoint.nodeName)
          moves.set(endpoint.nodeName, (moves.get(endpoint.nodeName) ?? 0) + sign);
      }
    }
    for (const [node, move] of moves) {
      if (move === 0) continue;
      const next = (endpointsPerNode.get(node) ?? 0) + move;
      if (next === 0) endpointsPerNode.delete(node);
      else endpointsPerNode.set(node, next);
      changedNodes.add(node);
    }
  };

  const index = (
    kind: ObjectKind,
    key: string,
    object: KubeObject | undefined,
    previous: KubeObject | undefined,
  ): void => {
    if (kind === 'EndpointSlice') {
      const before = previous as EndpointSlice | undefined;
      const after = object as EndpointSlice | undefined;
      const oldService = serviceKeyOfSlice(before);
      const newService = serviceKeyOfSlice(after);
      if (oldService !== undefined && oldService !== newService) {
        const set = slicesByService.get(oldService);
        set?.delete(key);
        if (set?.size === 0) slicesByService.delete(oldService);
      }
      if (newService !== undefined) {
        let set = slicesByService.get(newService);
        if (!set) slicesByService.set(newService, (set = new Set()));
        set.add(key);
      }
      countNodes(before, after);
    } else if (kind === 'Pod') {
      const namespace = (object ?? previous)?.metadata.namespace ?? '';
      let pods = podsByNamespace.get(namespace);
      if (object) {
        if (!pods) podsByNamespace.set(namespace, (pods = new Map()));
        pods.set(key, object as Pod);
      } else if (pods) {
        pods.delete(key);
        if (pods.size === 0) podsByNamespace.delete(namespace);
      }
    }
  };

  const write = (kind: ObjectKind, key: string, object: KubeObject | undefined): void => {
    const map = objects.get(kind) as Map<string, KubeObject>;
    const previous = map.get(key);
    if (object) map.set(key, object);
    else map.delete(key);
    index(kind, key, object, previous);
    const change = { kind, key, object, previous };
    for (const listener of listeners) listener(change);
  };

  const inScope = (target: InformerTarget, object: KubeObject): boolean =>
    target.namespace === undefined || object.metadata.namespace === target.namespace;

  return {
    sink(target) {
      const { kind } = target;
      const map = objects.get(kind) as Map<string, KubeObject>;
      const statusKey = informerKey(target);
      return {
        prepare(item) {
          const object = project(kind, item);
          prepared.add(object);
          return object;
        },
        replace(items) {
          const seen = new Set<string>();
          for (const item of items) {
            const object = prepared.has(item) ? item : project(kind, item);
            const key = objectKey(object);
            seen.add(key);
            const held = map.get(key);
            const unchanged =
              held !== undefined &&
              held.metadata.resourceVersion === object.metadata.resourceVersion &&
              held.metadata.uid === object.metadata.uid;
            if (unchanged) continue;
            write(kind, key, object);
          }
          for (const [key, object] of [...map]) {
            if (!seen.has(key) && inScope(target, object)) write(kind, key, undefined);
          }
        },
        event(type, raw): EventOutcome {
          const object = project(kind, raw);
          const key = objectKey(object);
          const held = map.get(key);
          if (type === 'DELETED') {
            if (!held) return 'duplicate';
            const [was, now] = [rvNumber(held), rvNumber(object)];
            if (was !== undefined && now !== undefined && now < was) return 'stale';
            write(kind, key, undefined);
            return 'applied';
          }
          if (held) {
            if (held.metadata.resourceVersion === object.metadata.resourceVersion)
              return 'duplicate';
            const [was, now] = [rvNumber(held), rvNumber(object)];
            if (was !== undefined && now !== undefined && now < was) return 'stale';
          }
          write(kind, key, object);
          return 'applied';
        },
        status(status) {
          // Informers time themselves on the monotonic clock (back-off must not follow wall-clock
          // jumps, R22); what is shown is that clock as milliseconds since the epoch, which a
          // browser can subtract from its own time.
          const shown: InformerStatus = {
            ...status,
            since: performance.timeOrigin + status.since,
            ...(status.retryAt === undefined
              ? {}
              : { retryAt: performance.timeOrigin + status.retryAt }),
          };
          statuses.set(statusKey, shown);
          for (const listener of statusListeners) listener(shown);
        },
      };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    statuses: () => [...statuses.values()],
    get: (kind, key) => objects.get(kind)?.get(key) as never,
    all: (kind) => (objects.get(kind) as Map<string, never>).values(),
    count: (kind) => objects.get(kind)?.size ?? 0,
    slicesOf(serviceKey) {
      const keys = slicesByService.get(serviceKey);
      if (!keys) return [];
      const map = objects.get('EndpointSlice') as Map<string, EndpointSlice>;
      return [...keys].sort().flatMap((key) => map.get(key) ?? []);
    },
    podsIn: (namespace) => [...(podsByNamespace.get(namespace)?.values() ?? [])],
    endpointsOfPod(namespace, name) {
      // A lookup, not an index: an index would cost memory per endpoint for a rare question.
      const map = objects.get('EndpointSlice') as Map<string, EndpointSlice>;
      const found: { slice: EndpointSlice; endpoint: Endpoint }[] = [];
      for (const [service, keys] of slicesByService) {
        if (!service.startsWith(`${namespace}/`)) continue;
        for (const key of [...keys].sort()) {
          const slice = map.get(key);
          for (const endpoint of slice?.endpoints ?? []) {
            const ref = endpoint.targetRef;
            if (slice && ref?.kind === 'Pod' && ref.name === name) found.push({ slice, endpoint });
          }
        }
      }
      return found;
    },
    endpointsOnNode: (node) => endpointsPerNode.get(node) ?? 0,
    takeNodesWithChangedEndpoints() {
      const out = new Set(changedNodes);
      changedNodes.clear();
      return out;
    },
  };
}
