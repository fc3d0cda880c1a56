import { performance } from 'node:perf_hooks';
import type { KubeConfig } from '@kubernetes/client-node';
import type { InformerSink, InformerTarget } from './types.ts';

/** A pino-compatible logger (a pino child fits as is). */
export interface InformerLogger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
  debug(object: object, message: string): void;
}

/** One upstream request, as the `onRequest` hook sees it (path and query only, no credentials). */
export interface InformerRequest {
  verb: 'list' | 'watch';
  url: string;
}

/** Timing knobs; the defaults are client-go's reflector's (watch-protocol.md §2.6). */
export interface InformerTimings {
  /** Upper bound of the first back-off delay, ms (default 800). */
  backoffInitialMs?: number;
  /** Upper bound of any back-off delay, ms (default 30 000). */
  backoffMaxMs?: number;
  /** Back-off starts over after this long without one, ms (default 120 000). */
  backoffResetMs?: number;
  /** Wait after 401/403/404 and other rejections nothing quick would fix, ms (default 30 000). */
  authRetryMs?: number;
  /**
   * No bytes on a request for this long ⇒ it is abandoned, ms (default 120 000). Watches ask for
   * bookmarks, which the apiserver sends about once a minute, so a healthy idle watch never trips it.
   */
  inactivityMs?: number;
  /** Server-side watch timeout, uniform in [min, max] s (default [300, 600]: client-go's). */
  watchTimeoutSeconds?: readonly [number, number];
  /** `limit` of each list page (default 500, kubectl's and client-go's pager's). */
  pageSize?: number;
  /**
   * While watching, the status (event count, resourceVersion) is republished at most this
   * often as events and bookmarks arrive, ms (default 1000); phase changes publish at once.
   */
  progressStatusMs?: number;
}

export interface InformerOptions extends InformerTimings {
  /** Connection settings and credentials only; requests do not go through client-node. */
  kubeConfig: KubeConfig;
  target: InformerTarget;
  sink: InformerSink;
  /** Monotonic clock, ms (default `performance.now()`): back-off, `since`, `retryAt`. */
  now?: () => number;
  /** Uniform in [0, 1) (default `Math.random`): back-off jitter and watch timeouts. */
  random?: () => number;
  /** Called before every upstream request (tests count requests with it). */
  onRequest?: (request: InformerRequest) => void;
  logger?: InformerLogger;
}

type ResolvedOptions = Required<Omit<InformerOptions, 'onRequest'>> & {
  onRequest: (request: InformerRequest) => void;
};

const noop = (): void => undefined;
const silent: InformerLogger = { warn: noop, info: noop, debug: noop };

function positive(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!(Number.isFinite(chosen) && chosen >= 0)) throw new Error(`${name} ${chosen} is not ≥ 0`);
  return chosen;
}

export function resolveOptions(options: InformerOptions): ResolvedOptions {
  const [minTimeout, maxTimeout] = options.watchTimeoutSeconds ?? [300, 600];
  if (!(Number.isInteger(minTimeout) && Number.isInteger(maxTimeout) && minTimeout >= 1)) {
    throw new Error(`watchTimeoutSeconds [${minTimeout}, ${maxTimeout}] are not whole seconds ≥ 1`);
  }
  if (maxTimeout < minTimeout) throw new Error('watchTimeoutSeconds: max is below min');
  const pageSize = options.pageSize ?? 500;
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) throw new Error(`pageSize ${pageSize} < 1`);
  return {
    kubeConfig: options.kubeConfig,
    target: options.target,
    sink: options.sink,
    now: options.now ?? (() => performance.now()),
    random: options.random ?? Math.random,
    onRequest: options.onRequest ?? noop,
    logger: options.logger ?? silent,
    backoffInitialMs: positive(options.backoffInitialMs, 800, 'backoffInitialMs'),
    backoffMaxMs: positive(options.backoffMaxMs, 30_000, 'backoffMaxMs'),
    backoffResetMs: positive(options.backoffResetMs, 120_000, 'backoffResetMs'),
    authRetryMs: positive(options.authRetryMs, 30_000, 'authRetryMs'),
    inactivityMs: positive(options.inactivityMs, 120_000, 'inactivityMs'),
    watchTimeoutSeconds: [minTimeout, maxTimeout],
    pageSize,
    progressStatusMs: positive(options.progressStatusMs, 1000, 'progressStatusMs'),
  };
}
