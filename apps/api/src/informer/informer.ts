import type { KubeObject } from '@slicescope/core';
import { InformerFailure, scopeOf, streamFailure } from './failure.ts';
import { listAll } from './list.ts';
import { resolveOptions, type InformerOptions } from './options.ts';
import { compareResourceVersions, laterResourceVersion } from './resourceVersion.ts';
import { createRetryDelays, sleep } from './retry.ts';
import type { InformerError, InformerPhase, InformerStatus } from './types.ts';
import { watchOnce } from './watch.ts';

export interface Informer {
  /** Starts listing and watching; a no-op while running (so never two upstream watches). */
  start(): void;
  /**
   * Stops for good (until the next explicit `start()`): cancels the pending retry, aborts the
   * request in flight, and resolves once nothing is in flight. Never triggers a restart.
   */
  stop(): Promise<void>;
  status(): InformerStatus;
}

/** A watch that ends this soon having delivered nothing counts as failed (client-go's rule). */
const SHORT_WATCH_MS = 1000;

/**
 * A list/watch loop for one collection that never gives up until `stop()` — the supervisor
 * client-node's `ListWatch` lacks (watch-protocol.md §2.7): paged consistent lists, watches with
 * bookmarks and a server timeout, an inactivity watchdog, relist only when needed (410,
 * out-of-order), re-watch from the last resourceVersion otherwise, Retry-After, jittered
 * back-off, slow retry of 401/403/404, and an honest status on every phase change and error.
 *
 * Every run of the loop belongs to a generation; `stop()` and `start()` move to a new one, so
 * a retry timer or a late callback of an old run can neither restart nor touch anything (the
 * revival bug of the stock informer, T1 / kubernetes-client/javascript PR #3052).
 */
export function createInformer(options: InformerOptions): Informer {
  const config = resolveOptions(options);
  const { target, sink, logger, now } = config;
  const retry = createRetryDelays({
    initialMs: config.backoffInitialMs,
    maxMs: config.backoffMaxMs,
    resetMs: config.backoffResetMs,
    authRetryMs: config.authRetryMs,
    now,
    random: config.random,
  });
  const log = { kind: target.kind, namespace: target.namespace };
  const state = {
    phase: 'stopped' as InformerPhase,
    since: now(),
    synced: false,
    resourceVersion: '',
    lists: 0,
    watches: 0,
    events: 0,
    lastError: undefined as InformerError | undefined,
    retryAt: undefined as number | undefined,
  };
  /** Highest resourceVersion seen (when decimal): a relist below it means history was reset. */
  let highest = '';
  let needList = true;
  /** Consecutive watches that delivered nothing at all (not even a bookmark). */
  let idleWatches = 0;
  let generation = 0;
  let lifetime: AbortController | undefined;
  const loops = new Set<Promise<void>>();

  const status = (): InformerStatus => ({
    kind: target.kind,
    ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
    phase: state.phase,
    synced: state.synced,
    since: state.since,
    ...(state.lastError === undefined ? {} : { lastError: state.lastError }),
    ...(state.retryAt === undefined ? {} : { retryAt: state.retryAt }),
    resourceVersion: state.resourceVersion,
    lists: state.lists,
    watches: state.watches,
    events: state.events,
  });
  /** When the status was last published (see progressStatusMs). */
  let publishedAt = -Infinity;
  /** The publish owed to events that came too soon after the last one. */
  let owed: ReturnType<typeof setTimeout> | undefined;
  const publish = (): void => {
    publishedAt = now();
    clearTimeout(owed);
    owed = undefined;
    try {
      sink.status(status());
    } catch (error) {
      logger.warn({ ...log, err: error }, 'the sink rejected a status');
    }
  };
  const enter = (phase: InformerPhase, retryAt?: number): void => {
    const changed = phase !== state.phase;
    state.phase = phase;
    state.retryAt = retryAt;
    if (!changed && retryAt === undefined) return;
    if (changed) state.since = now();
    logger.debug({ ...log, phase }, `informer ${phase}`);
    publish();
  };
  const advance = (resourceVersion: string): void => {
    state.resourceVersion = laterResourceVersion(state.resourceVersion, resourceVersion);
    highest = laterResourceVersion(highest, resourceVersion);
  };
  /**
   * The counters and resourceVersion move with every event: their status goes out at most once
   * per progressStatusMs, and the last events of a burst go out when that time is up.
   */
  const progressed = (): void => {
    retry.progressed();
    const wait = config.progressStatusMs - (now() - publishedAt);
    if (wait <= 0) publish();
    else owed ??= setTimeout(publish, wait).unref();
  };

  async function relist(live: () => boolean, signal: AbortSignal): Promise<void> {
    enter('listing');
    const prepare = sink.prepare?.bind(sink) ?? ((item: unknown) => item as KubeObject);
    const list = await listAll({ ...config, signal, onRequest: config.onRequest, prepare });
    if (!live()) return;
    const order = compareResourceVersions(list.resourceVersion, highest);
    sink.replace(list.items, list.resourceVersion);
    state.lastError =
      order !== undefined && order < 0
        ? {
            reason: 'rv-regressed',
            message: `listed ${scopeOf(target)} at resourceVersion ${list.resourceVersion}, below ${highest} seen before: the cluster's history was reset`,
          }
        : undefined;
    if (state.lastError !== undefined) logger.warn({ ...log }, state.lastError.message);
    state.resourceVersion = highest = list.resourceVersion;
    state.synced = true;
    state.lists += 1;
    needList = false;
    publish();
  }

  async function watch(live: () => boolean, controller: AbortController): Promise<void> {
    const [min, max] = config.watchTimeoutSeconds;
    const timeoutSeconds = Math.min(max, min + Math.floor(config.random() * (max - min + 1)));
    if (state.phase === 'backoff') enter('starting');
    state.watches += 1;
    const started = now();
    let opened = false;
    let delivered = 0;
    try {
      await watchOnce({
        ...config,
        resourceVersion: state.resourceVersion,
        timeoutSeconds,
        controller,
        onOpen() {
          if (!live()) return;
          opened = true;
          if (state.lastError?.reason !== 'rv-regressed') state.lastError = undefined;
          enter('watching');
        },
        onEvent(type, object, resourceVersion) {
          if (!live()) return 'duplicate';
          delivered += 1;
          state.events += 1;
          const outcome = sink.event(type, object);
          if (outcome === 'applied') advance(resourceVersion);
          progressed();
          return outcome;
        },
        onBookmark(resourceVersion) {
          if (!live()) return;
          delivered += 1;
          advance(resourceVersion);
          progressed();
        },
      });
    } finally {
      if (live() && opened) idleWatches = delivered > 0 ? 0 : idleWatches + 1;
    }
    const lasted = now() - started;
    if (delivered === 0 && live() && lasted < SHORT_WATCH_MS) {
      const detail = `the watch ended after ${Math.round(lasted)} ms without events`;
      throw streamFailure(target, 'watch', 'network', detail);
    }
  }

  /** How long to wait after a failure (ms); marks the data for a relist when needed. */
  function plan(failure: InformerFailure): number {
    // A watch from a resourceVersion the server has not reached waits silently (§1.6); two
    // silent watches in a row despite bookmarks mean that, or worse: list again.
    if (failure.relist || (failure.error.reason === 'inactive' && idleWatches >= 2)) {
      needList = true;
    }
    return retry.after(failure);
  }

  async function run(live: () => boolean, stopped: AbortSignal): Promise<void> {
    while (live()) {
      const attempt = new AbortController();
      const cancel = (): void => attempt.abort();
      stopped.addEventListener('abort', cancel, { once: true });
      try {
        if (needList) await relist(live, attempt.signal);
        if (live()) await watch(live, attempt);
      } catch (error) {
        if (!live()) return;
        const failure =
          error instanceof InformerFailure
            ? error
            : streamFailure(target, needList ? 'list' : 'watch', 'internal', 'the model failed');
        if (!(error instanceof InformerFailure))
          logger.warn({ ...log, err: error }, failure.message);
        const delay = plan(failure);
        state.lastError = failure.error;
        logger.warn(
          { ...log, reason: failure.error.reason, delayMs: delay, relist: needList },
          failure.message,
        );
        if (delay > 0) {
          enter('backoff', now() + delay);
          await sleep(delay, stopped);
        } else publish();
      } finally {
        stopped.removeEventListener('abort', cancel);
      }
    }
  }

  return {
    start() {
      if (lifetime !== undefined) return;
      generation += 1;
      const mine = generation;
      const live = (): boolean => mine === generation;
      lifetime = new AbortController();
      enter('starting');
      const loop: Promise<void> = run(live, lifetime.signal)
        .catch((error: unknown) => logger.warn({ ...log, err: error }, 'the informer loop failed'))
        .finally(() => loops.delete(loop));
      loops.add(loop);
    },
    async stop() {
      // First invalidate the running generation, then cancel: whatever the old loop does next
      // sees it is no longer live and returns.
      generation += 1;
      lifetime?.abort();
      lifetime = undefined;
      enter('stopped');
      await Promise.all([...loops]);
    },
    status,
  };
}
