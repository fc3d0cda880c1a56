import type { ServerResponse } from 'node:http';
import type { ObjectKind } from '@slicescope/core';
import type { ApiContext, CollectionRequest } from './context.ts';
import { sendJson, sendStatus } from './respond.ts';
import { parseResourceVersion, requestedVersion } from './listOptions.ts';
import { notFound, tooLargeResourceVersion } from './status.ts';
import { toTable } from './table.ts';

interface ObjectRequest {
  kind: ObjectKind;
  namespace: string | undefined;
  name: string;
  /** Raw `resourceVersion` query parameter ("" when absent). */
  resourceVersion: string;
  table: CollectionRequest['table'];
  headers: Record<string, string>;
}

/**
 * Serves one object with kind and apiVersion (or a one-row Table). A resourceVersion is a lower
 * bound: one the store has not reached waits briefly, then 504 like the real server.
 */
export async function serveGet(
  ctx: ApiContext,
  res: ServerResponse,
  request: ObjectRequest,
): Promise<void> {
  const { store, config } = ctx;
  const raw = request.resourceVersion;
  const rv = parseResourceVersion(raw);
  if (typeof rv === 'object') {
    sendStatus(res, rv, request.headers);
    return;
  }
  if (
    rv > store.resourceVersion &&
    !(await store.waitForResourceVersion(rv, config.tooLargeResourceVersionWaitMs))
  ) {
    sendStatus(
      res,
      tooLargeResourceVersion(requestedVersion(raw), store.resourceVersion),
      request.headers,
    );
    return;
  }
  const stored = store.get(request.kind, request.namespace ?? '', request.name);
  if (stored === undefined) {
    sendStatus(res, notFound(request.kind, request.name), request.headers);
    return;
  }
  const body =
    request.table === undefined
      ? stored.object
      : toTable(
          request.kind,
          [stored.object],
          { resourceVersion: stored.object.metadata.resourceVersion ?? '' },
          { ...request.table, noHeaders: false, now: config.now() },
        );
  sendJson(res, 200, JSON.stringify(body), request.headers);
}
