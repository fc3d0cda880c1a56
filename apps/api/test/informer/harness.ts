import { expect } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterServer, ClusterStore } from '@slicescope/cluster';
import { storeState, waitFor } from '@slicescope/cluster/testing';
import { KIND_RESOURCES, type KubeObject, type ObjectKind } from '@slicescope/core';
import { createInformer, type Informer } from '../../src/informer/informer.ts';
import type { InformerOptions, InformerRequest } from '../../src/informer/options.ts';
import type { EventOutcome, InformerSink, InformerStatus } from '../../src/informer/types.ts';

/** The cluster-wide collection path of a kind, e.g. `/apis/discovery.k8s.io/v1/endpointslices`. */
export function pathOf(kind: ObjectKind): string {
  const { group, apiVersion, resource } = KIND_RESOURCES[kind];
  return group === '' ? `/api/${apiVersion}/${resource}` : `/apis/${apiVersion}/${resource}`;
}

/** Short timings so every fault heals in tens of ms; jitter fixed at half the ceiling. */
export const FAST = {
  backoffInitialMs: 20,
  backoffMaxMs: 80,
  backoffResetMs: 60_000,
  authRetryMs: 100,
  random: () => 0.5,
} satisfies Partial<InformerOptions>;

const keyOf = (object: KubeObject): string =>
  `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;

/**
 * The model stand-in: objects by namespace/name; 'duplicate' when it holds the object at that
 * resourceVersion, 'stale' when it holds a newer one (numeric compare: the embedded cluster's
 * resourceVersions are decimals).
 */
export interface TestSink extends InformerSink {
  readonly statuses: InformerStatus[];
  /** Outcome counts, and every applied event as `type key@rv`. */
  readonly counts: Record<EventOutcome | 'replaced', number>;
  readonly applied: string[];
  /** `namespace/name → uid@resourceVersion`, the shape of `storeState`. */
  state(): Map<string, string>;
  /** Every lastError reason any status carried, in order, without repeats in a row. */
  reasons(): string[];
}

export function createTestSink(): TestSink {
  const objects = new Map<string, KubeObject>();
  const statuses: InformerStatus[] = [];
  const counts = { applied: 0, duplicate: 0, stale: 0, replaced: 0 };
  const applied: string[] = [];
  return {
    statuses,
    counts,
    applied,
    replace(items) {
      objects.clear();
      for (const item of items) objects.set(keyOf(item), item);
      counts.replaced += 1;
    },
    event(type, object) {
      const key = keyOf(object);
      const rv = Number(object.metadata.resourceVersion);
      const held = objects.get(key);
      const heldRv = held === undefined ? undefined : Number(held.metadata.resourceVersion);
      if (heldRv !== undefined && heldRv === rv) {
        counts.duplicate += 1;
        return 'duplicate';
      }
      if (heldRv !== undefined && heldRv > rv) {
        counts.stale += 1;
        return 'stale';
      }
      if (type === 'DELETED') objects.delete(key);
      else objects.set(key, object);
      counts.applied += 1;
      applied.push(`${type} ${key}@${rv}`);
      return 'applied';
    },
    status(status) {
      statuses.push(status);
    },
    state() {
      return new Map(
        [...objects].map(([key, object]) => [
          key,
          `${object.metadata.uid ?? ''}@${object.metadata.resourceVersion ?? ''}`,
        ]),
      );
    },
    reasons() {
      const seen: string[] = [];
      for (const status of statuses) {
        const reason = status.lastError?.reason;
        if (reason !== undefined && seen.at(-1) !== reason) seen.push(reason);
      }
      return seen;
    },
  };
}

/** A started informer under test, with the requests it sent (time in ms on `performance`). */
export interface Started {
  informer: Informer;
  sink: TestSink;
  requests: (InformerRequest & { at: number })[];
  lists(): number;
  watches(): number;
}

const running: Informer[] = [];

export function startInformer(
  kc: KubeConfig,
  kind: ObjectKind,
  overrides: Partial<InformerOptions> = {},
): Started {
  const sink = createTestSink();
  const requests: Started['requests'] = [];
  const informer = createInformer({
    kubeConfig: kc,
    target: { kind, path: pathOf(kind) },
    sink,
    ...FAST,
    ...overrides,
    onRequest(request) {
      requests.push({ ...request, at: performance.now() });
      overrides.onRequest?.(request);
    },
  });
  running.push(informer);
  informer.start();
  return {
    informer,
    sink,
    requests,
    lists: () => requests.filter((request) => request.verb === 'list').length,
    watches: () => requests.filter((request) => request.verb === 'watch').length,
  };
}

/** Stops every informer the test started (afterEach). */
export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((informer) => informer.stop()));
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** P1: waits until the sink holds exactly the store's objects of the kind (uid and RV). */
export async function waitSynced(
  started: Started,
  store: ClusterStore,
  kind: ObjectKind,
  timeoutMs = 5000,
): Promise<void> {
  await waitFor(
    () =>
      started.informer.status().phase === 'watching' &&
      same(started.sink.state(), storeState(store, kind)),
    `the ${kind} informer to match the store`,
    { timeoutMs },
  );
  expect(started.sink.state()).toEqual(storeState(store, kind));
}

/** Waits for exactly one open upstream watch of the kind (P4: no leaked watches). */
export async function waitOneWatch(server: ClusterServer, kind: ObjectKind): Promise<void> {
  await waitFor(() => server.faults.watchCount(kind) === 1, `one open ${kind} watch`);
}

/** The `resourceVersion` query parameter of a request. */
export function rvOf(request: InformerRequest | undefined): string | null {
  return new URL(request?.url ?? '/', 'http://x').searchParams.get('resourceVersion');
}
