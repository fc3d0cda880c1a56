import { ClusterEngine, type Scenario, type ScenarioEvent } from '@slicescope/core';
import {
  createClusterStore,
  type ClusterStore,
  type ClusterStoreOptions,
} from '../store/clusterStore.ts';
import { startClusterServer, type ClusterServer, type ClusterServerOptions } from '../server.ts';

export interface LiveClusterOptions {
  scenario: Scenario;
  /** Seed of the engine's random choices (default 1). */
  seed?: number;
  /** Scenario seconds per wall-clock second (default 1). */
  speed?: number;
  /** How often the engine is advanced, in wall-clock ms (default 100). */
  tickMs?: number;
  /** The wall clock, in ms since the epoch (default Date.now). */
  now?: () => number;
  server?: Omit<ClusterServerOptions, 'store'>;
  store?: ClusterStoreOptions;
}

export interface LiveCluster {
  url: string;
  server: ClusterServer;
  store: ClusterStore;
  engine: ClusterEngine;
  /** Applies a scenario event now (scale, rollout, a Node going down, …). */
  apply(event: Omit<ScenarioEvent, 'at'>): void;
  close(): Promise<void>;
}

/**
 * The embedded cluster in real time: the engine runs the scenario (starting settled, as a running
 * cluster) on the wall clock, scaled by `speed`, and every object change it makes is served over
 * the Kubernetes API by a loopback server.
 */
export async function startLiveCluster(options: LiveClusterOptions): Promise<LiveCluster> {
  const now = options.now ?? Date.now;
  const speed = options.speed ?? 1;
  const wallStart = now();
  const engine = new ClusterEngine(options.scenario, {
    seed: options.seed ?? 1,
    startTime: wallStart,
    settled: true,
  });
  const store = createClusterStore(options.store);
  store.apply(engine.advanceTo(0));
  const server = await startClusterServer({ ...options.server, store });
  const advance = (): void => {
    const scenarioTime = ((now() - wallStart) / 1000) * speed;
    const changes = engine.advanceTo(scenarioTime);
    if (changes.length > 0) store.apply(changes);
  };
  const timer = setInterval(advance, options.tickMs ?? 100);
  timer.unref();
  return {
    url: server.url,
    server,
    store,
    engine,
    apply(event) {
      engine.apply(event);
      advance();
    },
    async close() {
      clearInterval(timer);
      await server.close();
    },
  };
}
