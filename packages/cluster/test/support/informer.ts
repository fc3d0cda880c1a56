import {
  CoreV1Api,
  DiscoveryV1Api,
  makeInformer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ListWatch,
} from '@kubernetes/client-node';
import type { ObjectKind } from '@slicescope/core';
import type { ClusterStore } from '../../src/index.ts';
import { delay, waitFor } from './wait.ts';

export const COLLECTION_PATHS: Record<ObjectKind, string> = {
  Pod: '/api/v1/pods',
  Service: '/api/v1/services',
  Endpoints: '/api/v1/endpoints',
  Node: '/api/v1/nodes',
  EndpointSlice: '/apis/discovery.k8s.io/v1/endpointslices',
};

type ListFn = () => Promise<KubernetesListObject<KubernetesObject>>;

/** One list page of a kind through client-node's typed API (what an informer's listFn calls). */
export function listPage(
  kc: KubeConfig,
  kind: ObjectKind,
  page: { limit?: number; _continue?: string } = {},
): Promise<KubernetesListObject<KubernetesObject>> {
  const core = kc.makeApiClient(CoreV1Api);
  switch (kind) {
    case 'Pod':
      return core.listPodForAllNamespaces(page);
    case 'Service':
      return core.listServiceForAllNamespaces(page);
    case 'Endpoints':
      return core.listEndpointsForAllNamespaces(page);
    case 'Node':
      return core.listNode(page);
    case 'EndpointSlice':
      return kc.makeApiClient(DiscoveryV1Api).listEndpointSliceForAllNamespaces(page);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/**
 * A paging listFn (the stock informer cannot page, spec §2.4 T7): stitches pages of `limit`
 * into one list carrying the first page's resourceVersion; an expired continue token (410)
 * restarts the list from the first page, never using the inconsistent token.
 */
export function pagingList(
  kc: KubeConfig,
  kind: ObjectKind,
  limit: number,
  pages: { count: number; restarts: number },
  afterPage: (count: number) => void = () => undefined,
): ListFn {
  return async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const items: KubernetesObject[] = [];
      let first: KubernetesListObject<KubernetesObject> | undefined;
      let token: string | undefined;
      try {
        for (let page = 0; page < 10_000; page++) {
          const list = await listPage(kc, kind, {
            limit,
            ...(token === undefined ? {} : { _continue: token }),
          });
          pages.count += 1;
          afterPage(pages.count);
          first ??= list;
          items.push(...list.items);
          token = list.metadata?._continue;
          if (token === undefined || token === '') return { ...first, items };
        }
      } catch (error) {
        if ((error as { code?: number }).code !== 410) throw error;
        pages.restarts += 1;
      }
    }
    throw new Error('the list kept expiring');
  };
}

/** A stock informer plus what a test (acting as its supervisor) needs to watch it. */
export interface TestInformer {
  readonly informer: ListWatch<KubernetesObject>;
  /** Errors the informer emitted, other than the AbortError of our own stop(). */
  readonly errors: unknown[];
  /** `add`/`update`/`delete` callbacks seen, as `verb namespace/name rv`. */
  readonly events: string[];
  /** (Re)starts like a supervisor: keeps the cached objects and the last resourceVersion. */
  start(): Promise<void>;
  /**
   * Stops, and waits (bounded) for the AbortError client-node emits for the aborted watch:
   * starting again before it arrives lets the late error abort the new watch (spec §2.4 T1).
   */
  stop(): Promise<void>;
  /** The cache as `namespace/name → uid@resourceVersion`. */
  state(): Map<string, string>;
}

/** The HTTP status of an informer error: watch errors carry statusCode, list errors code (T11). */
export function statusOf(error: unknown): number | undefined {
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return typeof statusCode === 'number' ? statusCode : typeof code === 'number' ? code : undefined;
}

const isAbort = (error: unknown): boolean => (error as { name?: unknown }).name === 'AbortError';

export function createInformer(
  kc: KubeConfig,
  kind: ObjectKind,
  options: { query?: string; listFn?: ListFn } = {},
): TestInformer {
  const path = COLLECTION_PATHS[kind] + (options.query === undefined ? '' : `?${options.query}`);
  // makeInformer builds a ListWatch; its type hides latestResourceVersion(), which tests read.
  const informer = makeInformer(
    kc,
    path,
    options.listFn ?? (() => listPage(kc, kind)),
  ) as ListWatch<KubernetesObject>;
  const errors: unknown[] = [];
  const events: string[] = [];
  let aborts = 0;
  const describe = (verb: string) => (object: KubernetesObject) =>
    events.push(
      `${verb} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''} ${object.metadata?.resourceVersion ?? ''}`,
    );
  informer.on('add', describe('add'));
  informer.on('update', describe('update'));
  informer.on('delete', describe('delete'));
  informer.on('error', (error) => {
    if (isAbort(error)) aborts += 1;
    else errors.push(error);
  });
  // client-node keeps the open watch's AbortController in a private field.
  const watching = (): boolean =>
    (informer as unknown as { request?: unknown }).request !== undefined;
  return {
    informer,
    errors,
    events,
    start: () => informer.start(),
    async stop() {
      const expectAbort = watching();
      const before = aborts;
      await informer.stop();
      // A watch whose response headers have not arrived is not in `request` yet, so stop()
      // cannot abort it (client-node 1.4 assigns the controller only after `await watch()`);
      // it ends when the server closes. So this wait is bounded and not an error.
      for (let waited = 0; expectAbort && aborts === before && waited < 1000; waited += 10) {
        await delay(10);
      }
    },
    state() {
      return new Map(
        informer
          .list()
          .map((object) => [
            `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
            `${object.metadata?.uid ?? ''}@${object.metadata?.resourceVersion ?? ''}`,
          ]),
      );
    },
  };
}

/** The store's objects of a kind as `namespace/name → uid@resourceVersion` (the oracle S). */
export function storeState(store: ClusterStore, kind: ObjectKind): Map<string, string> {
  return new Map(
    store
      .snapshot(kind)
      .items.map((object) => [
        `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`,
        `${object.metadata.uid ?? ''}@${object.metadata.resourceVersion ?? ''}`,
      ]),
  );
}

function same(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}

/** Waits until the informer cache equals the store's state, by uid and resourceVersion. */
export async function waitInSync(
  test: TestInformer,
  store: ClusterStore,
  kind: ObjectKind,
  timeoutMs = 5000,
): Promise<void> {
  await waitFor(
    () => same(test.state(), storeState(store, kind)),
    `the ${kind} informer to match the store`,
    {
      timeoutMs,
    },
  );
}

/**
 * What a supervisor does after the stock informer stopped on an error: start it again (keeping
 * its cache and resourceVersion) until a start produces no new error; bounded.
 */
export async function restartUntilHealthy(
  test: TestInformer,
  { attempts = 40, settleMs = 60 } = {},
): Promise<number> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = test.errors.length;
    await test.start();
    await delay(settleMs);
    if (test.errors.length === before) return attempt;
  }
  throw new Error(`the informer did not recover in ${attempts} starts`);
}
