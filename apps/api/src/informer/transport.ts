import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/*
 * Why not client-node's `Watch` and typed list calls (1.4.0)? Its `Watch` silently skips lines
 * that do not parse (R16: the event is lost for good), discards the body and `Retry-After` of a
 * watch error (R11), and has no inactivity timeout (R3: its 30 s abort signal is overwritten);
 * its typed lists drop unknown fields, rename `continue`, and cannot read
 * discovery.k8s.io/v1beta1 objects. So client-node is used only for what it does well — the
 * kubeconfig: server, CA, client certificates, proxy agent and credentials (token, token file
 * re-read every 60 s, exec plugins) via `applyToHTTPSOptions` — and the request itself goes
 * through node:http(s).
 */

/** Why an exchange failed before a complete HTTP answer. */
type TransportFailure = 'credentials' | 'network' | 'inactive' | 'aborted';

/** A failed exchange. Carries an errno-like code at most, never a header, token or body. */
export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    readonly code?: string,
  ) {
    super(code === undefined ? failure : `${failure} (${code})`);
    this.name = 'TransportError';
  }
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body; empty when it was streamed to `onChunk`. */
  body: Buffer;
}

interface ExchangeOptions {
  signal: AbortSignal;
  /** No bytes (headers or body) for this long ⇒ the exchange fails as 'inactive'. */
  inactivityMs: number;
  /** When set, a 200 body is handed over chunk by chunk instead of being collected. */
  onChunk?: (chunk: Buffer) => void;
  /** Called once the response headers arrived. */
  onHeaders?: (status: number) => void;
}

/** Bodies of error answers are read only up to this size (for Status.reason and details). */
const MAX_ERROR_BODY = 64 * 1024;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
};

/** The collection URL on the kubeconfig's current cluster (whose server may carry a path prefix). */
export function clusterUrl(kubeConfig: KubeConfig, path: string): URL {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (server === undefined || server === '') {
    throw new TransportError('credentials', 'NO_CLUSTER');
  }
  return new URL(server.replace(/\/+$/, '') + path);
}

/**
 * One GET on the cluster. Resolves with the status and the body (or after the streamed body ended
 * cleanly); rejects with a TransportError when credentials cannot be applied, the connection
 * fails or ends early, nothing arrives for `inactivityMs`, or `signal` aborts.
 */
export async function exchange(
  kubeConfig: KubeConfig,
  url: URL,
  options: ExchangeOptions,
): Promise<Reply> {
  const requestOptions: RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'User-Agent': 'slicescope' },
  };
  try {
    // Exec plugins and token files fail here; awaited inside our own try, they can never become
    // the unhandled rejection that crashes processes using the stock informer (T5).
    await kubeConfig.applyToHTTPSOptions(requestOptions);
  } catch (error) {
    throw new TransportError('credentials', codeOf(error));
  }
  if (options.signal.aborted) throw new TransportError('aborted');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<Reply>((resolve, reject) => {
    let settled = false;
    let req: ReturnType<typeof send>;
    try {
      req = send(url, requestOptions);
    } catch (error) {
      // e.g. an agent for the other protocol: a configuration problem, retried with back-off.
      reject(new TransportError('network', codeOf(error) ?? 'ERR_REQUEST'));
      return;
    }
    const settle = (error: TransportError | undefined, reply?: Reply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      options.signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(reply as Reply);
      else {
        req.destroy();
        reject(error);
      }
      // applyToHTTPSOptions builds a fresh agent for every request: release its sockets.
      const agent = requestOptions.agent;
      if (typeof agent === 'object' && agent !== null) agent.destroy();
    };
    // One timer, restarted (refresh) on every chunk: cheap even at thousands of events a second.
    const watchdog = setTimeout(() => settle(new TransportError('inactive')), options.inactivityMs);
    const onAbort = (): void => settle(new TransportError('aborted'));
    options.signal.addEventListener('abort', onAbort, { once: true });

    req.on('error', (error) => settle(new TransportError('network', codeOf(error) ?? 'ERROR')));
    req.on('response', (res) => {
      watchdog.refresh();
      const status = res.statusCode ?? 0;
      const streaming = status === 200 && options.onChunk !== undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      options.onHeaders?.(status);
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        watchdog.refresh();
        if (streaming) options.onChunk?.(chunk);
        else if (status === 200 || size < MAX_ERROR_BODY) {
          chunks.push(chunk);
          size += chunk.length;
        }
      });
      res.on('end', () =>
        settle(undefined, { status, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', (error) =>
        settle(new TransportError('network', codeOf(error) ?? 'ECONNRESET')),
      );
      res.on('close', () => {
        if (!res.complete) settle(new TransportError('network', 'ECONNRESET'));
      });
    });
    req.end();
  });
}
