import type { ServerResponse } from 'node:http';
import type { EndpointSlice } from '@slicescope/core';
import type { StreamState } from '@slicescope/contract';
import {
  informerKey,
  serviceKeyOfSlice,
  type ClusterModel,
  type ModelChange,
} from '../model/clusterModel.ts';
import type { InformerStatus } from '../informer/types.ts';
import type { Summaries } from '../live/summaries.ts';
import { sliceView } from '../views/sliceView.ts';
import { deltaJson, sealBatch, type Batch, type SliceChange } from './batch.ts';
import { SseClient } from './sseClient.ts';

export interface StreamHubOptions {
  /** Identifies this process's sequence numbers; ids from another epoch get a snapshot. */
  epoch: string;
  /** Batching window (default 250 ms). */
  windowMs?: number;
  /** Services with more endpoints than this send their changes every `hugeWindows` windows. */
  hugeEndpoints?: number;
  hugeWindows?: number;
  heartbeatMs?: number;
  /** Batches kept for Last-Event-ID replay, by count and bytes. */
  replayBatches?: number;
  replayBytes?: number;
  maxClientBufferBytes?: number;
  maxClientStallMs?: number;
  retryMs?: number;
  now?: () => number;
  /** Called with each batch's size in changes (metrics). */
  onBatch?: (changes: number) => void;
}

export interface StreamHub {
  /** Starts a tab's stream: a snapshot, or the missed deltas when `lastEventId` is still kept. */
  connect(response: ServerResponse, services: readonly string[], lastEventId?: string): void;
  /** The state a tab following `services` should hold now (its snapshot). */
  state(services: readonly string[]): StreamState;
  /** Closes the current window now (tests and shutdown). */
  flush(): void;
  clientCount(): number;
  /** Ends every stream (graceful shutdown) and stops the timers. */
  close(): void;
}

export function createStreamHub(
  model: ClusterModel,
  summaries: Summaries,
  options: StreamHubOptions,
): StreamHub {
  const now = options.now ?? (() => performance.now());
  const hugeEndpoints = options.hugeEndpoints ?? 5000;
  const hugeWindows = options.hugeWindows ?? 4;
  const replayBatches = options.replayBatches ?? 2000;
  const replayBytes = options.replayBytes ?? 16 * 1024 * 1024;
  const clientOptions = {
    maxBufferBytes: options.maxClientBufferBytes ?? 8 * 1024 * 1024,
    maxStallMs: options.maxClientStallMs ?? 30_000,
    retryMs: options.retryMs ?? 2000,
    now,
  };
  const clients = new Set<SseClient>();
  const replay: Batch[] = [];
  let replayBytesHeld = 0;
  let seq = 0;
  let windows = 0;

  const dirtyServices = new Set<string>();
  const dirtySlices = new Map<string, Set<string>>();
  const dirtyNodes = new Set<string>();
  const dirtyInformers = new Map<string, InformerStatus>();

  const onChange = (change: ModelChange): void => {
    if (change.kind === 'Service' || change.kind === 'Endpoints') dirtyServices.add(change.key);
    else if (change.kind === 'Node') dirtyNodes.add(change.key);
    else if (change.kind === 'EndpointSlice') {
      const services = dirtySlices.get(change.key) ?? new Set<string>();
      for (const slice of [change.previous, change.object]) {
        const service = serviceKeyOfSlice(slice as EndpointSlice | undefined);
        if (service === undefined) continue;
        services.add(service);
        dirtyServices.add(service);
      }
      dirtySlices.set(change.key, services);
    }
  };
  const unsubscribe = [
    model.onChange(onChange),
    model.onStatus((status) => dirtyInformers.set(informerKey(status), status)),
  ];

  const idOf = (n: number): string => `${options.epoch}-${n}`;

  const isHuge = (service: string): boolean =>
    (summaries.service(service)?.endpoints ?? 0) > hugeEndpoints;

  const takeWindow = (): Omit<Batch, 'common' | 'bytes'> => {
    const slowTurn = windows % hugeWindows === 0;
    const batch: Omit<Batch, 'common' | 'bytes'> = {
      seq: 0,
      informers: Object.fromEntries(dirtyInformers),
      services: {},
      nodes: {},
      slices: new Map<string, SliceChange>(),
    };
    dirtyInformers.clear();
    const deferred = new Set<string>();
    for (const key of dirtyServices) {
      if (!slowTurn && isHuge(key)) {
        deferred.add(key);
        continue;
      }
      batch.services[key] = summaries.refresh(key) ?? null;
    }
    dirtyServices.clear();
    for (const key of deferred) dirtyServices.add(key);
    for (const [key, services] of dirtySlices) {
      if ([...services].some((service) => deferred.has(service))) continue;
      const slice = model.get('EndpointSlice', key);
      batch.slices.set(key, { value: slice ? sliceView(slice) : null, services: [...services] });
      dirtySlices.delete(key);
    }
    for (const name of model.takeNodesWithChangedEndpoints()) dirtyNodes.add(name);
    for (const name of dirtyNodes) batch.nodes[name] = summaries.node(name) ?? null;
    dirtyNodes.clear();
    return batch;
  };

  const flush = (): void => {
    windows++;
    const window = takeWindow();
    const changes =
      Object.keys(window.informers).length +
      Object.keys(window.services).length +
      Object.keys(window.nodes).length +
      window.slices.size;
    if (changes === 0) return;
    const batch = sealBatch({ ...window, seq: ++seq });
    options.onBatch?.(changes);
    replay.push(batch);
    replayBytesHeld += batch.bytes;
    while (replay.length > replayBatches || (replayBytesHeld > replayBytes && replay.length > 1)) {
      replayBytesHeld -= (replay.shift() as Batch).bytes;
    }
    const sliceJson = new Map<string, string>();
    for (const client of clients) {
      if (client.closed) {
        clients.delete(client);
        continue;
      }
      const json = deltaJson(batch, client.services, sliceJson);
      if (json !== undefined) client.send('delta', idOf(batch.seq), json);
    }
  };

  const state = (services: readonly string[]): StreamState => {
    const followed = new Set(services);
    const out: StreamState = { informers: {}, services: {}, nodes: {}, slices: {} };
    for (const status of model.statuses()) out.informers[informerKey(status)] = status;
    for (const [key, row] of summaries.services()) out.services[key] = row;
    for (const node of summaries.nodes()) out.nodes[node.name] = node;
    for (const service of followed) {
      for (const slice of model.slicesOf(service)) {
        out.slices[`${slice.metadata.namespace ?? ''}/${slice.metadata.name ?? ''}`] =
          sliceView(slice);
      }
    }
    return out;
  };

  /** The batches after `lastEventId`, or undefined when a snapshot is needed instead. */
  const missedSince = (lastEventId: string | undefined): Batch[] | undefined => {
    const match = lastEventId === undefined ? null : /^(.+)-(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== options.epoch) return undefined;
    const last = Number(match[2]);
    if (last > seq) return undefined;
    if (last === seq) return [];
    const oldest = replay[0]?.seq ?? seq + 1;
    if (last + 1 < oldest) return undefined;
    return replay.filter((batch) => batch.seq > last);
  };

  const timers = [
    setInterval(flush, options.windowMs ?? 250),
    setInterval(() => {
      for (const client of clients) client.heartbeat();
    }, options.heartbeatMs ?? 15_000),
  ];
  for (const timer of timers) timer.unref();

  return {
    connect(response, services, lastEventId) {
      const client = new SseClient(response, new Set(services), clientOptions);
      clients.add(client);
      response.on('close', () => clients.delete(client));
      const missed = missedSince(lastEventId);
      if (missed === undefined) {
        const snapshot = JSON.stringify({ type: 'snapshot', state: state(services) });
        client.send('snapshot', idOf(seq), snapshot);
        return;
      }
      for (const batch of missed) {
        const json = deltaJson(batch, client.services);
        if (json !== undefined) client.send('delta', idOf(batch.seq), json);
      }
    },
    state,
    flush,
    clientCount: () => clients.size,
    close() {
      for (const timer of timers) clearInterval(timer);
      for (const stop of unsubscribe) stop();
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
