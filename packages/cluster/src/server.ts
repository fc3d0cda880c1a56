import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { createClusterFaults, type ClusterFaults } from './faults/clusterFaults.ts';
import { createRequestFaults } from './faults/requestFaults.ts';
import { resolveApiConfig, type ApiConfig } from './http/context.ts';
import { createRequestHandler } from './http/handler.ts';
import type { WatchSession } from './http/watchSession.ts';
import type { ClusterStore } from './store/clusterStore.ts';
import type { RestartMode } from './store/types.ts';

export interface ClusterServerOptions extends Partial<ApiConfig> {
  store: ClusterStore;
  /** Interface to listen on (default 127.0.0.1; use ::1 for IPv6 loopback). */
  host?: string;
  /** 0 (default) picks a free port; read it back from the result. */
  port?: number;
  /** Serve HTTPS with this PEM certificate and key instead of plain HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Require `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** How long `close()` waits for connections to finish before dropping them (default 2000 ms). */
  closeTimeoutMs?: number;
  /** Called at the start of every request (tests count lists and watches with it). */
  onRequest?: (request: { method: string; url: string }) => void;
}

export interface ClusterServer {
  /** Base URL for a kubeconfig, e.g. `http://127.0.0.1:41234` or `https://[::1]:41234`. */
  readonly url: string;
  readonly port: number;
  readonly faults: ClusterFaults;
  /** The most live events any open watch holds back, not yet taken by its client. */
  watchBacklog(): number;
  /**
   * Ends the watch that holds back the most events, as the cacher closes a watcher it could not
   * hand an event to within its budget: the client re-watches from its resourceVersion.
   */
  endLaggingWatch(): void;
  /** How long a watcher may hold events back (the slow-watcher budget), ms. */
  readonly slowWatcherBudgetMs: number;
  /** Ends every watch cleanly, stops listening and closes connections (bounded by closeTimeoutMs). */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function stopListening(server: Server, sockets: Set<Socket>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const timer = setTimeout(() => sockets.forEach((socket) => socket.destroy()), timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Starts the embedded cluster's Kubernetes API server on loopback (plain HTTP by default,
 * HTTPS with `tls`). Real @kubernetes/client-node informers and kubectl work against it.
 */
export async function startClusterServer(options: ClusterServerOptions): Promise<ClusterServer> {
  const { store } = options;
  const host = options.host ?? '127.0.0.1';
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const config = resolveApiConfig(options);
  const sessions = new Set<WatchSession>();
  const sockets = new Set<Socket>();
  /** The open watch holding back the most events, if any holds back one. */
  const laggingWatch = (): WatchSession | undefined => {
    let lagging: WatchSession | undefined;
    for (const session of sessions) {
      if (session.backlog > (lagging?.backlog ?? 0)) lagging = session;
    }
    return lagging;
  };
  const requestFaults = createRequestFaults(config.now);
  const handler = createRequestHandler({
    ctx: { store, sessions, config },
    takeFault: requestFaults.take,
    token: options.token,
  });
  const server: Server =
    options.tls === undefined
      ? createHttpServer((req, res) => {
          options.onRequest?.({ method: req.method ?? 'GET', url: req.url ?? '/' });
          handler(req, res);
        })
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
          options.onRequest?.({ method: req.method ?? 'GET', url: req.url ?? '/' });
          handler(req, res);
        });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const port = await listen(server, options.port ?? 0, host);
  const scheme = options.tls === undefined ? 'http' : 'https';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const dropConnections = (): void => {
    for (const session of [...sessions]) session.destroy();
    for (const socket of sockets) socket.destroy();
  };

  let closing: Promise<void> | undefined;
  const faults = createClusterFaults({
    store,
    sessions,
    addRequestFault: requestFaults.add,
    async restart(mode: RestartMode, downMs: number) {
      if (closing !== undefined) throw new Error('the cluster server is closed');
      dropConnections();
      store.restart(mode);
      if (downMs === 0) return;
      await stopListening(server, sockets, closeTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      if (closing === undefined) await listen(server, port, host);
    },
  });

  return {
    url,
    port,
    faults,
    watchBacklog() {
      return laggingWatch()?.backlog ?? 0;
    },
    endLaggingWatch() {
      laggingWatch()?.end();
    },
    slowWatcherBudgetMs: config.slowWatcherBudgetMs,
    close() {
      closing ??= (async () => {
        for (const session of [...sessions]) session.end();
        await stopListening(server, sockets, closeTimeoutMs);
      })();
      return closing;
    },
  };
}
