import type { ServerResponse } from 'node:http';
import { KIND_RESOURCES, type KubeObject } from '@slicescope/core';
import type { StoredObject } from '../store/types.ts';
import type { ApiContext, CollectionRequest } from './context.ts';
import { decodeContinue, encodeContinue } from './continueToken.ts';
import { requestedVersion } from './listOptions.ts';
import { sendJson, sendStatus } from './respond.ts';
import { hasSelector, selection } from './selection.ts';
import { badRequest, expired, tooLargeResourceVersion, type Status } from './status.ts';
import { toTable } from './table.ts';

const EXPIRED_LIST = 'The resourceVersion for the provided list is too old.';
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** List items carry no kind/apiVersion (the Go list encoder leaves them out); cached per object. */
const itemCache = new WeakMap<KubeObject, string>();

function itemJson(object: KubeObject): string {
  let json = itemCache.get(object);
  if (json === undefined) {
    const { kind: _kind, apiVersion: _apiVersion, ...item } = object;
    json = JSON.stringify(item);
    itemCache.set(object, json);
  }
  return json;
}

interface Source {
  items: readonly StoredObject[];
  rv: number;
  /** Items with a key at or before this one were returned by earlier pages. */
  after: string | undefined;
}

/** Which state the list reads, per the resourceVersion / resourceVersionMatch / continue rules. */
async function source(ctx: ApiContext, request: CollectionRequest): Promise<Source | Status> {
  const { store, config } = ctx;
  const { kind, options } = request;
  if (options.continue !== '') {
    if (options.resourceVersion !== '' && options.resourceVersion !== '0') {
      return badRequest('specifying resource version is not allowed when using continue');
    }
    const decoded = decodeContinue(options.continue);
    if (!decoded.ok) return badRequest(`invalid continue token: ${decoded.message}`);
    const { rv, start } = decoded.token;
    if (rv === -1) {
      return {
        items: store.snapshotAt(kind, store.resourceVersion) ?? [],
        rv: store.resourceVersion,
        after: start,
      };
    }
    const items = store.snapshotAt(kind, rv);
    if (items === undefined) {
      const status = expired(INCONSISTENT_CONTINUE);
      status.metadata.continue = encodeContinue({ rv: -1, start });
      return status;
    }
    return { items, rv, after: start };
  }

  // An explicit resourceVersion is a lower bound ("not older than"), or an exact point with
  // resourceVersionMatch=Exact and — the legacy rule — with a limit and no match.
  const exact =
    options.rv > 0 &&
    (options.resourceVersionMatch === 'Exact' ||
      (options.resourceVersionMatch === '' && options.limit > 0));
  if (options.rv > store.resourceVersion) {
    const reached = await store.waitForResourceVersion(
      options.rv,
      config.tooLargeResourceVersionWaitMs,
    );
    if (!reached) {
      return tooLargeResourceVersion(
        requestedVersion(options.resourceVersion),
        store.resourceVersion,
      );
    }
  }
  const rv = exact ? options.rv : store.resourceVersion;
  const items = store.snapshotAt(kind, rv);
  if (items === undefined) return expired(EXPIRED_LIST);
  return { items, rv, after: undefined };
}

/** The first index whose key is ≥ `key` (items sorted by key). */
function lowerBound(items: readonly StoredObject[], key: string): number {
  let [low, high] = [0, items.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as StoredObject).key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index whose key is > `key`. */
function upperBound(items: readonly StoredObject[], key: string): number {
  let [low, high] = [0, items.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as StoredObject).key <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Serves a list: one consistent snapshot at one resourceVersion for every page; with `limit`,
 * an opaque continue token bound to that resourceVersion, which expires (410 with an
 * inconsistent token to go on) when the resourceVersion leaves the history window.
 */
export async function serveList(
  ctx: ApiContext,
  res: ServerResponse,
  request: CollectionRequest,
): Promise<void> {
  const { kind, namespace, options } = request;
  const found = await source(ctx, request);
  if ('code' in found) {
    sendStatus(res, found, request.headers);
    return;
  }
  const matches = selection(kind, namespace, options);
  const { items } = found;
  // Items are in key order and a namespace's keys (`ns/name`) are contiguous, all below `ns0`:
  // binary searches find where a page starts and how many remain, so paging through a large
  // collection costs O(page) per page rather than a scan of the whole collection.
  const scoped = namespace !== undefined && KIND_RESOURCES[kind].namespaced;
  const begin = lowerBound(items, scoped ? `${namespace}/` : '');
  const end = scoped ? lowerBound(items, `${namespace}0`) : items.length;
  const page: StoredObject[] = [];
  let remaining = 0;
  let index = found.after === undefined ? begin : Math.max(begin, upperBound(items, found.after));
  for (; index < end; index++) {
    const stored = items[index] as StoredObject;
    if (!matches(stored.object)) continue;
    if (options.limit === 0 || page.length < options.limit) {
      page.push(stored);
      continue;
    }
    // The page is full: with a selector only whether more match is known (no count is sent).
    remaining = hasSelector(options) ? 1 : end - index;
    break;
  }
  const last = page[page.length - 1];
  const metadata = {
    resourceVersion: String(found.rv),
    ...(remaining > 0 && last !== undefined
      ? {
          continue: encodeContinue({ rv: found.rv, start: last.key }),
          ...(hasSelector(options) ? {} : { remainingItemCount: remaining }),
        }
      : {}),
  };

  if (request.table !== undefined) {
    const table = toTable(
      kind,
      page.map((stored) => stored.object),
      metadata,
      { ...request.table, noHeaders: false, now: ctx.config.now() },
    );
    sendJson(res, 200, JSON.stringify(table), request.headers);
    return;
  }
  const { apiVersion } = KIND_RESOURCES[kind];
  const head = JSON.stringify({ kind: `${kind}List`, apiVersion, metadata });
  const body = `${head.slice(0, -1)},"items":[${page.map((stored) => itemJson(stored.object)).join(',')}]}`;
  sendJson(res, 200, body, request.headers);
}
