import {
  ANNOTATION_TRIGGER_TIME,
  LABEL_SERVICE_NAME,
  type EndpointSlice,
  type KubeObject,
  type ObjectKind,
} from '@slicescope/core';
import { createClusterStore, startClusterServer, type ClusterServer } from '@slicescope/cluster';
import { createFeed, type Feed } from '@slicescope/cluster/testing';
import { serveCommands, wallNow } from './rpc.ts';
import { buildWorld } from './world.ts';
import { markerOf } from './marker.ts';

/**
 * The embedded cluster in its own process: core's engine builds the world, the store serves it on
 * loopback, and the orchestrator asks for bursts of changes (as fast as the store takes them) or
 * a steady ticker of slice changes carrying send-time markers.
 */

export interface ClusterStarted {
  url: string;
  counts: Record<ObjectKind, number>;
  buildMs: number;
  resourceVersion: number;
}

export interface BurstResult {
  /** Wall-clock time of the first change handed to the store. */
  firstAt: number;
  /** Wall-clock time after the store took the last change. */
  emittedAt: number;
  lastRv: string;
  lastKey: string;
  /** JSON bytes of the changed objects (what the watch carries, without envelopes). */
  bytes: number;
}

export interface TickResult {
  /** [marker sequence number, wall-clock send time, slice key] of every change. */
  sent: [number, number, string][];
}

const KINDS: ObjectKind[] = ['Service', 'EndpointSlice', 'Endpoints', 'Pod', 'Node'];
const keyOf = (object: KubeObject): string =>
  object.metadata.namespace
    ? `${object.metadata.namespace}/${object.metadata.name ?? ''}`
    : (object.metadata.name ?? '');

let server: ClusterServer | undefined;
let feed: Feed | undefined;
const current = new Map<ObjectKind, Map<string, KubeObject>>();
let sequence = 0;

const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function objects(kind: ObjectKind): Map<string, KubeObject> {
  const map = current.get(kind);
  if (!map) throw new Error(`no ${kind} objects`);
  return map;
}

/** The slice with one more endpoint flipped between ready and not ready, and a new marker. */
function touchedSlice(slice: EndpointSlice, seq: number): EndpointSlice {
  const endpoints = slice.endpoints ?? [];
  const flip = seq % Math.max(1, endpoints.length);
  return {
    ...slice,
    metadata: {
      ...slice.metadata,
      annotations: { ...slice.metadata.annotations, [ANNOTATION_TRIGGER_TIME]: markerOf(seq) },
    },
    endpoints: endpoints.map((endpoint, i) => {
      if (i !== flip) return endpoint;
      const ready = !(endpoint.conditions?.ready ?? true);
      return { ...endpoint, conditions: { ...endpoint.conditions, ready, serving: ready } };
    }),
  };
}

function touchedPod(pod: KubeObject, generation: number): KubeObject {
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      annotations: {
        ...pod.metadata.annotations,
        'bench.slicescope.dev/generation': `${generation}`,
      },
    },
  };
}

let prepared: { kind: ObjectKind; changes: KubeObject[] } | undefined;

/** What the next `fire` will end with, so the api can be told before the first change. */
function prepare(kind: ObjectKind, changes: KubeObject[]): { lastRv: string; lastKey: string } {
  prepared = { kind, changes };
  return {
    lastRv: String((feed as Feed).lastRv + changes.length),
    lastKey: keyOf(changes.at(-1) as KubeObject),
  };
}

/** Hands the prepared changes to the store in batches, a turn of the event loop between them. */
async function fire(batch: number): Promise<BurstResult> {
  if (!prepared) throw new Error('nothing prepared');
  const { kind, changes } = prepared;
  prepared = undefined;
  const target = feed as Feed;
  let bytes = 0;
  for (const object of changes) bytes += JSON.stringify(object).length;
  const firstAt = wallNow();
  for (let i = 0; i < changes.length; i += batch) {
    target.batch(changes.slice(i, i + batch).map((object) => ['MODIFIED', kind, object]));
    await yieldTurn();
  }
  const emittedAt = wallNow();
  for (const object of changes) objects(kind).set(keyOf(object), object);
  return {
    firstAt,
    emittedAt,
    lastRv: String(target.lastRv),
    lastKey: keyOf(changes.at(-1) as KubeObject),
    bytes,
  };
}

serveCommands(
  {
    async start(args: { endpoints: number }): Promise<ClusterStarted> {
      const world = buildWorld(args.endpoints);
      // Large enough that no watch of the bench falls out of the window (no relists mid-run).
      const store = createClusterStore({ historySize: 200_000 });
      store.apply(world.changes);
      const lastRv = Number(world.changes.at(-1)?.object.metadata.resourceVersion ?? 0);
      feed = createFeed(store, lastRv + 1);
      const counts = {} as Record<ObjectKind, number>;
      for (const kind of KINDS) {
        const items = store.snapshot(kind).items;
        counts[kind] = items.length;
        current.set(kind, new Map(items.map((object) => [keyOf(object), object])));
      }
      // A burst is handed to the store faster than any client reads it: the apiserver-like limit
      // of 1,000 queued events per watcher would close the watch mid-burst (the informer then
      // re-watches). Raised so the bench measures the consumer's rate, not its reconnects.
      server = await startClusterServer({ store, maxPendingWatchEvents: 1_000_000 });
      return {
        url: server.url,
        counts,
        buildMs: world.buildMs,
        resourceVersion: store.resourceVersion,
      };
    },
    /** `count` Pod MODIFIED events, round robin over the Pods (an annotation bumped). */
    preparePods(args: { count: number }): { lastRv: string; lastKey: string } {
      const pods = [...objects('Pod').values()];
      const changes = Array.from({ length: args.count }, (_, i) =>
        touchedPod(pods[i % pods.length] as KubeObject, ++sequence),
      );
      return prepare('Pod', changes);
    },
    /** `count` EndpointSlice MODIFIED events, round robin, each flipping one endpoint's readiness. */
    prepareSlices(args: { count: number }): { lastRv: string; lastKey: string } {
      const slices = new Map(objects('EndpointSlice'));
      const keys = [...slices.keys()];
      const changes: KubeObject[] = [];
      for (let i = 0; i < args.count; i++) {
        const key = keys[i % keys.length] as string;
        const next = touchedSlice(slices.get(key) as EndpointSlice, ++sequence);
        slices.set(key, next);
        changes.push(next);
      }
      return prepare('EndpointSlice', changes);
    },
    fire: (args: { batch: number }): Promise<BurstResult> => fire(args.batch),
    resourceVersion: (): string => String((feed as Feed).lastRv),
    /**
     * Changes one slice of `service` (round robin) every 1/`rate` s for `seconds`, on a fixed
     * schedule; each change carries a new marker in its trigger-time annotation.
     */
    async tick(args: { service: string; rate: number; seconds: number }): Promise<TickResult> {
      const target = feed as Feed;
      const slices = objects('EndpointSlice');
      const keys = [...slices.keys()]
        .filter((key) => {
          const slice = slices.get(key) as KubeObject;
          const service = `${slice.metadata.namespace}/${slice.metadata.labels?.[LABEL_SERVICE_NAME]}`;
          return service === args.service;
        })
        .sort();
      if (keys.length === 0) throw new Error(`no slices of ${args.service}`);
      const period = 1000 / args.rate;
      const total = Math.round(args.rate * args.seconds);
      const sent: [number, number, string][] = [];
      const start = performance.now();
      for (let i = 0; i < total; i++) {
        const wait = start + i * period - performance.now();
        if (wait > 0) await sleep(wait);
        const key = keys[i % keys.length] as string;
        const seq = ++sequence;
        const next = touchedSlice(slices.get(key) as EndpointSlice, seq);
        slices.set(key, next);
        sent.push([seq, wallNow(), key]);
        target.modify('EndpointSlice', next);
      }
      return { sent };
    },
  },
  async () => {
    await server?.close();
  },
);
