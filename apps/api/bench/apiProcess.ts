import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigYaml } from '@slicescope/cluster';
import { ANNOTATION_TRIGGER_TIME, type ObjectKind } from '@slicescope/core';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../src/server.ts';
import type { ModelChange } from '../src/model/clusterModel.ts';
import { seqOf } from './marker.ts';
import { serveCommands, wallNow } from './rpc.ts';

/**
 * The api in its own process (started with --expose-gc), reading the cluster process over
 * loopback HTTP exactly as it reads a real cluster.
 */

export interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  /** The process's RSS high-water mark so far. */
  maxRss: number;
  /** Heap V8 has reserved (used or free). */
  heapTotal: number;
}

export interface ApiStarted {
  url: string;
  /** From startServer until every informer is synced and the model holds every object. */
  syncMs: number;
  /** Heap and RSS after a forced GC, before the api started (the process's own baseline). */
  before: Memory;
}

const gc = (globalThis as { gc?: () => void }).gc;

function memory(): Memory {
  if (!gc) throw new Error('the api process needs --expose-gc');
  // Twice: the first pass can leave weakly held and finalizable objects for the second.
  gc();
  gc();
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed,
    rss: usage.rss,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapTotal: usage.heapTotal,
  };
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let running: RunningServer | undefined;
let trace: [number, number][] | undefined;

const api = (): RunningServer => {
  if (!running) throw new Error('the api is not started');
  return running;
};

serveCommands(
  {
    async start(args: {
      url: string;
      counts: Record<ObjectKind, number>;
      windowMs: number;
      pageSize: number;
    }): Promise<ApiStarted> {
      const before = memory();
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(kubeconfigYaml({ url: args.url, insecureSkipTlsVerify: true }));
      const start = performance.now();
      running = await startServer({
        source: {
          info: { kind: 'demo', name: 'bench', frozen: false },
          kubeConfig,
          close: async () => undefined,
        },
        port: 0,
        logger: pino({ level: 'silent' }),
        stream: { windowMs: args.windowMs },
        informer: { pageSize: args.pageSize },
      });
      const { cluster } = running;
      const kinds = Object.keys(args.counts) as ObjectKind[];
      await until(
        () =>
          cluster.ready() &&
          kinds.every((kind) => cluster.model.count(kind) === args.counts[kind]) &&
          [...cluster.summaries.services()].length === args.counts.Service,
        180_000,
        'initial sync',
      );
      running.hub.flush();
      return { url: running.url, syncMs: performance.now() - start, before };
    },
    memory: (): Memory => memory(),
    /**
     * Resolves when the model applies `rv` of `kind` `key`, with the wall-clock time and the
     * number of `kind` changes applied since the call.
     */
    awaitRv(args: {
      kind: ObjectKind;
      key: string;
      rv: string;
      timeoutMs: number;
    }): Promise<{ at: number; applied: number }> {
      const { model } = api().cluster;
      let applied = 0;
      return new Promise((resolve, reject) => {
        const stop = model.onChange((change: ModelChange) => {
          if (change.kind !== args.kind) return;
          applied++;
          if (change.key === args.key && change.object?.metadata.resourceVersion === args.rv) {
            const at = wallNow();
            stop();
            clearTimeout(timer);
            resolve({ at, applied });
          }
        });
        const timer = setTimeout(() => {
          stop();
          reject(
            new Error(`rv ${args.rv} of ${args.kind} ${args.key} not applied (${applied} seen)`),
          );
        }, args.timeoutMs);
      });
    },
    /** Starts recording when each marked slice change reaches the model. */
    traceStart(): void {
      const recorded: [number, number][] = [];
      trace = recorded;
      const stop = api().cluster.model.onChange((change) => {
        if (trace !== recorded) {
          stop();
          return;
        }
        if (change.kind !== 'EndpointSlice') return;
        const seq = seqOf(change.object?.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]);
        if (seq !== undefined) recorded.push([seq, wallNow()]);
      });
    },
    traceTake(): [number, number][] {
      const recorded = trace ?? [];
      trace = undefined;
      return recorded;
    },
    /** Lists and watches the informers of `kind` have made so far. */
    requests(args: { kind: ObjectKind }): { lists: number; watches: number } {
      const statuses = api()
        .cluster.model.statuses()
        .filter((status) => status.kind === args.kind);
      return {
        lists: statuses.reduce((sum, status) => sum + status.lists, 0),
        watches: statuses.reduce((sum, status) => sum + status.watches, 0),
      };
    },
  },
  async () => {
    await running?.close();
  },
);
