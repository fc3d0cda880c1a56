import { ClusterEngine, type Scenario, type ScenarioAction } from '@slicescope/core';
import {
  createClusterStore,
  type ClusterStore,
  type ClusterStoreOptions,
} from '../store/clusterStore.ts';
import type { RestartMode } from '../store/types.ts';
import { startClusterServer, type ClusterServer, type ClusterServerOptions } from '../server.ts';

export interface LiveClusterOptions {
  scenario: Scenario;
  /** Seed of the engine's random choices (default 1). */
  seed?: number;
  /** Scenario seconds per wall-clock second (default 1). */
  speed?: number;
  /** How often the engine is advanced, in wall-clock ms (default 100). */
  tickMs?: number;
  /**
   * Engine tasks (Pod steps, controller syncs) run per turn of the event loop while work is
   * due (default 2,000: tens of milliseconds).
   */
  tasksPerTurn?: number;
  /**
   * The engine waits while a watch holds back more events than this (default 10,000): the
   * scenario's clock falls behind the wall clock in a large rollout wave instead of running
   * its watchers past the history window. It waits at most the server's slow-watcher budget at
   * a time; then the watch furthest behind is ended (its client re-watches from its
   * resourceVersion, replayed from the history) and the scenario goes on.
   */
  maxWatchBacklog?: number;
  /** The wall clock, in ms since the epoch (default Date.now). */
  now?: () => number;
  server?: Omit<ClusterServerOptions, 'store'>;
  store?: ClusterStoreOptions;
}

export interface LiveCluster {
  url: string;
  server: ClusterServer;
  store: ClusterStore;
  /** The engine now running (a 'fresh' restart replaces it). */
  readonly engine: ClusterEngine;
  /** Why the cluster stopped advancing, if it did. */
  readonly error: Error | undefined;
  /** Applies a scenario event now (scale, rollout, a Node going down, …). */
  apply(event: ScenarioAction): void;
  /**
   * Restarts like an API server: 'resume' keeps state and history, 'compact' bumps the
   * resourceVersion and drops history, 'fresh' starts the scenario over as a new cluster.
   */
  restart(mode: RestartMode): void;
  close(): Promise<void>;
}

/**
 * The embedded cluster in real time: the engine runs the scenario (starting settled, as a running
 * cluster) on the wall clock, scaled by `speed`, and every object change it makes is served over
 * the Kubernetes API by a loopback server. Where the engine's work or its watchers cannot keep
 * up (a rollout wave of the reference workload), the scenario falls behind the wall clock and
 * catches up after.
 *
 * Served resourceVersions start from the boot time in microseconds, so that a process started
 * later never serves resourceVersions an earlier one already served (watch-protocol.md §1.7).
 */
export async function startLiveCluster(options: LiveClusterOptions): Promise<LiveCluster> {
  const now = options.now ?? Date.now;
  const speed = options.speed ?? 1;
  const tasksPerTurn = options.tasksPerTurn ?? 2_000;
  const maxWatchBacklog = options.maxWatchBacklog ?? 10_000;
  if (!(Number.isInteger(tasksPerTurn) && tasksPerTurn >= 1)) {
    throw new Error(`tasksPerTurn ${tasksPerTurn} is not a whole number ≥ 1`);
  }
  if (!(Number.isInteger(maxWatchBacklog) && maxWatchBacklog >= 0)) {
    throw new Error(`maxWatchBacklog ${maxWatchBacklog} is not a whole number ≥ 0`);
  }
  let wallStart = now();
  const newEngine = (): ClusterEngine =>
    new ClusterEngine(options.scenario, {
      seed: options.seed ?? 1,
      startTime: wallStart,
      settled: true,
      msPerSecond: 1000 / speed,
      // The same writes as the full reconcile (property-tested), without redoing every
      // Service's desired set on each sync: a large demo keeps up with the wall clock.
      reconcile: 'incremental',
    });
  let engine = newEngine();
  const store = createClusterStore({ rvOffset: wallStart * 1000, ...options.store });
  store.apply(engine.advanceTo(0));
  const server = await startClusterServer({ ...options.server, store });
  let error: Error | undefined;
  let resuming: NodeJS.Immediate | undefined;
  /** Since when (wall clock) a watch's backlog has held the engine back. */
  let heldSince: number | undefined;
  const advance = (): void => {
    if (error) return;
    clearImmediate(resuming);
    resuming = undefined;
    if (server.watchBacklog() > maxWatchBacklog) {
      heldSince ??= now();
      if (now() - heldSince < server.slowWatcherBudgetMs) return; // the next tick looks again
      server.endLaggingWatch();
      heldSince = undefined;
      return;
    }
    heldSince = undefined;
    const target = ((now() - wallStart) / 1000) * speed;
    try {
      const changes = engine.advanceTo(target, tasksPerTurn);
      if (changes.length > 0) store.apply(changes);
    } catch (cause) {
      // The store refused what the engine produced: stop advancing rather than serve nonsense.
      error = cause as Error;
      clearInterval(timer);
      return;
    }
    // A large instant (a rollout wave of the reference workload runs seconds of syncs) goes on
    // after the event loop's turn: watchers drain and requests are answered in between, instead
    // of the whole process stalling and every watcher being closed as slow.
    if (engine.isDue(target)) resuming = setImmediate(advance).unref();
  };
  const timer = setInterval(advance, options.tickMs ?? 100);
  timer.unref();
  return {
    url: server.url,
    server,
    store,
    get engine() {
      return engine;
    },
    get error() {
      return error;
    },
    apply(event) {
      engine.apply(event);
      advance();
    },
    restart(mode) {
      store.restart(mode);
      if (mode !== 'fresh') return;
      wallStart = now();
      engine = newEngine();
      store.apply(engine.advanceTo(0));
    },
    async close() {
      clearInterval(timer);
      clearImmediate(resuming);
      await server.close();
    },
  };
}
