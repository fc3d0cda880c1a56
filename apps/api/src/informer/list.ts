import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slicescope/core';
import { httpFailure, InformerFailure, streamFailure, transportFailure } from './failure.ts';
import { clusterUrl, exchange, TransportError } from './transport.ts';
import type { InformerTarget } from './types.ts';
import { isRecord } from '../rawJson.ts';

interface ListRequest {
  kubeConfig: KubeConfig;
  target: InformerTarget;
  /** `limit` of every page. */
  pageSize: number;
  inactivityMs: number;
  signal: AbortSignal;
  onRequest: (request: { verb: 'list'; url: string }) => void;
  /** Applied to every item as its page arrives (the sink's `prepare`). */
  prepare: (item: unknown) => KubeObject;
}

interface ListResult {
  /** Items as parsed JSON (list items carry no kind/apiVersion; the sink projects them). */
  items: KubeObject[];
  /** The first page's resourceVersion: every page of one list is read at it. */
  resourceVersion: string;
}

/** Full restarts after an expired continue token before the list counts as failed (back-off). */
const MAX_RESTARTS = 3;
/** Pages of one list, at most (a bound on a server that keeps handing out continue tokens). */
const MAX_PAGES = 100_000;

interface Page {
  items: unknown[];
  resourceVersion: string;
  continueToken: string | undefined;
}

function readPage(body: Buffer): Page | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !isRecord(parsed.metadata) || !Array.isArray(parsed.items)) {
    return undefined;
  }
  const { resourceVersion, continue: token } = parsed.metadata;
  if (typeof resourceVersion !== 'string' || resourceVersion === '') return undefined;
  return {
    items: parsed.items,
    resourceVersion,
    continueToken: typeof token === 'string' && token !== '' ? token : undefined,
  };
}

/**
 * Lists the whole collection in pages of `pageSize` (client-go's pager, §2.6). The first page
 * is a consistent read (resourceVersion unset: the newest state, never an older cached one),
 * later pages follow the continue token, which pins them to the first page's resourceVersion.
 * A 410 on a continue means that resourceVersion left the history window: the list restarts
 * from page 1 — the 410's own token would give an inconsistent list, so it is never used.
 */
export async function listAll(request: ListRequest): Promise<ListResult> {
  const { target } = request;
  for (let restart = 0; ; restart++) {
    const items: KubeObject[] = [];
    let resourceVersion: string | undefined;
    let token: string | undefined;
    let expired = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = clusterUrl(request.kubeConfig, target.path);
      url.searchParams.set('limit', String(request.pageSize));
      if (token !== undefined) url.searchParams.set('continue', token);
      request.onRequest({ verb: 'list', url: url.pathname + url.search });
      let reply;
      try {
        reply = await exchange(request.kubeConfig, url, {
          signal: request.signal,
          inactivityMs: request.inactivityMs,
        });
      } catch (error) {
        if (error instanceof TransportError) {
          throw transportFailure(target, 'list', error, request.inactivityMs);
        }
        throw error;
      }
      if (reply.status === 410 && token !== undefined && restart < MAX_RESTARTS) {
        expired = true;
        break;
      }
      if (reply.status !== 200) {
        const failure = httpFailure(target, 'list', reply);
        // A list that keeps expiring is retried after a back-off, not at once.
        throw failure.retry === 'now'
          ? new InformerFailure(failure.error, true, 'backoff')
          : failure;
      }
      const read = readPage(reply.body);
      if (read === undefined) {
        throw streamFailure(target, 'list', 'malformed', 'the list answer is not a list');
      }
      resourceVersion ??= read.resourceVersion;
      for (const item of read.items) items.push(request.prepare(item));
      token = read.continueToken;
      if (token === undefined) return { items, resourceVersion };
    }
    if (!expired) {
      throw streamFailure(target, 'list', 'malformed', `more than ${MAX_PAGES} pages`);
    }
  }
}
