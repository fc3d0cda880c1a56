import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { InformerTimings } from './informer/options.ts';
import { createApp } from './http/app.ts';
import { DEFAULT_APP_CONFIG, type AppConfig } from './http/deps.ts';
import { createMetrics } from './http/metrics.ts';
import { watchCluster, type WatchedCluster, type WatchOptions } from './live/watchedCluster.ts';
import type { ClusterSource } from './sources/source.ts';
import { createSimulator, type SimulatorOptions } from './simulate/simulator.ts';
import { createStreamHub, type StreamHub, type StreamHubOptions } from './stream/streamHub.ts';

export interface ServeOptions {
  source: ClusterSource;
  host?: string;
  /** 0 picks a free port (default 8080). */
  port?: number;
  app?: Partial<AppConfig>;
  watch?: Omit<WatchOptions, 'logger' | 'maxEndpointsPerSlice'>;
  informer?: InformerTimings;
  stream?: Omit<StreamHubOptions, 'epoch' | 'onBatch'>;
  simulator?: SimulatorOptions;
  logger?: Logger;
  /** How long shutdown waits for requests to finish before closing connections (default 5 s). */
  closeTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  server: Server;
  cluster: WatchedCluster;
  hub: StreamHub;
  /** Graceful shutdown: end every stream, stop the informers, stop listening, close the source. */
  close(): Promise<void>;
}

/** Wires a source, the informers, the model, the stream and the app, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'slicescope' });
  const config: AppConfig = { ...DEFAULT_APP_CONFIG, ...options.app };
  const metrics = createMetrics();
  const cluster = watchCluster(options.source, {
    ...options.watch,
    ...(options.informer ? { informer: options.informer } : {}),
    maxEndpointsPerSlice: config.maxEndpointsPerSlice,
    logger: logger.child({ component: 'informer' }),
  });
  cluster.model.onStatus((status) => metrics.informerStatus(status));
  cluster.model.onChange((change) => metrics.eventIngested(change.kind));
  const hub = createStreamHub(cluster.model, cluster.summaries, {
    ...options.stream,
    epoch: randomUUID().slice(0, 8),
    onBatch: (changes) => metrics.batch(changes),
  });
  const simulator = createSimulator(options.simulator);
  // Warm before anyone asks: the first what-if run then takes about as long as the later ones.
  void simulator.start().then((started) => {
    if (!started) logger.warn('the simulation worker did not start; the first simulation retries');
  });
  // On loopback without a token, only loopback Host names are answered: a web page elsewhere
  // cannot reach the dashboard through DNS rebinding.
  const host = options.host ?? '127.0.0.1';
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(host);
  if (loopback && config.token === undefined && config.allowedHosts === undefined) {
    config.allowedHosts = ['127.0.0.1', 'localhost', '[::1]'];
  }
  // A dump's clock stopped when it was taken: its ages run to then, not to the wall clock.
  const { takenAt } = options.source.info;
  const frozenAt = takenAt === undefined ? undefined : Date.parse(takenAt);
  const now = frozenAt === undefined ? Date.now : () => frozenAt;
  const app = createApp({ cluster, hub, simulator, metrics, logger, config, now });
  const server = createServer(app);
  // Streams stay open for hours: no request timeout; headers must still arrive promptly.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing may keep running when the port is taken: the caller only closes the source.
    hub.close();
    await cluster.stop();
    await simulator.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}${config.basePath}`;
  logger.info({ url, source: cluster.source() }, 'slicescope is serving');

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    cluster,
    hub,
    close() {
      closing ??= (async () => {
        hub.close();
        await cluster.stop();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(
            () => server.closeAllConnections(),
            options.closeTimeoutMs ?? 5000,
          );
          timer.unref();
          server.close(() => {
            clearTimeout(timer);
            resolve();
          });
          server.closeIdleConnections();
        });
        await simulator.close();
        await options.source.close();
        logger.info('slicescope stopped');
      })();
      return closing;
    },
  };
}
