import type { ServerResponse } from 'node:http';
import type { ApiContext, CollectionRequest } from './context.ts';
import { requestedVersion } from './listOptions.ts';
import { commonHeaders } from './respond.ts';
import { selection } from './selection.ts';
import { expired, tooLargeResourceVersion } from './status.ts';
import { WatchSession } from './watchSession.ts';

/**
 * Serves a watch: headers flushed at once (client-node's `start()` waits for them), then
 * - `sendInitialEvents=true`: ADDED for the current state, a BOOKMARK marked
 *   `k8s.io/initial-events-end` (when bookmarks are allowed), then changes (streaming list);
 * - resourceVersion "" or "0": ADDED for the current state, then changes;
 * - resourceVersion N in the window: the recorded changes after N, then live ones;
 * - N below the window: an in-band ERROR 410 Expired, then the end of the stream;
 * - N above the store: nothing until the store passes N (the real server waits too).
 */
export async function serveWatch(
  ctx: ApiContext,
  res: ServerResponse,
  request: CollectionRequest,
): Promise<void> {
  const { store, config } = ctx;
  const { kind, options } = request;
  const streaming = options.sendInitialEvents === true;

  let reached = true;
  if (streaming && options.rv > store.resourceVersion) {
    reached = await store.waitForResourceVersion(options.rv, config.tooLargeResourceVersionWaitMs);
  }
  if (res.destroyed) return;

  const { min, max } = config.watchTimeoutSeconds;
  const timeoutSeconds = options.timeoutSeconds ?? min + Math.floor(config.random() * (max - min));
  const matches = selection(kind, request.namespace, options);
  const session = new WatchSession(res, {
    kind,
    store,
    matches,
    table: request.table,
    now: config.now,
    allowBookmarks: options.allowWatchBookmarks,
    bookmarkIntervalMs: config.bookmarkIntervalMs,
    timeoutMs: Math.max(0, timeoutSeconds) * 1000,
    minRv: streaming ? 0 : options.rv,
    slowBudgetMs: config.slowWatcherBudgetMs,
    maxPendingLines: config.maxPendingWatchEvents,
    onClosed: (closed) => ctx.sessions.delete(closed),
  });
  ctx.sessions.add(session);

  res.writeHead(200, {
    ...commonHeaders(),
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    ...request.headers,
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  if (!reached) {
    session.sendError(
      tooLargeResourceVersion(requestedVersion(options.resourceVersion), store.resourceVersion),
    );
    return;
  }
  if (streaming || options.rv === 0) {
    await session.start({
      initial: options.sendInitialEvents === false ? [] : store.snapshot(kind, matches).items,
      ...(streaming && options.allowWatchBookmarks
        ? { initialEventsEndRv: store.resourceVersion }
        : {}),
    });
    return;
  }
  const floor = store.floor(kind);
  if (options.rv < floor) {
    session.sendError(expired(`too old resource version: ${options.rv} (${floor})`));
    return;
  }
  await session.start({
    events: options.rv < store.resourceVersion ? store.eventsSince(kind, options.rv) : [],
  });
}
