import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@slicescope/core';
import type { InformerFailure } from './failure.ts';
import { httpFailure, inBandFailure, streamFailure, transportFailure } from './failure.ts';
import { createLineSplitter } from './lineSplitter.ts';
import { clusterUrl, exchange, TransportError } from './transport.ts';
import type { EventOutcome, InformerTarget } from './types.ts';
import { parseWatchLine } from './watchEvent.ts';

interface WatchRequest {
  kubeConfig: KubeConfig;
  target: InformerTarget;
  /** Resume point: only changes after it are sent (never empty: the informer lists first). */
  resourceVersion: string;
  /** Server-side timeout of this watch, s. */
  timeoutSeconds: number;
  inactivityMs: number;
  /** Aborts the request; the watch also aborts it itself when the stream turns out broken. */
  controller: AbortController;
  onRequest: (request: { verb: 'watch'; url: string }) => void;
  /** The watch got its 200 headers. */
  onOpen: () => void;
  /** An object event; the answer decides whether the stream is still trusted. */
  onEvent: (
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    object: KubeObject,
    resourceVersion: string,
  ) => EventOutcome;
  onBookmark: (resourceVersion: string) => void;
}

const describeObject = (object: KubeObject): string => {
  const { namespace, name } = object.metadata;
  return namespace === undefined || namespace === '' ? String(name) : `${namespace}/${name}`;
};

/**
 * One watch request, read to its end. Resolves with the number of lines handled when the server
 * ended the stream cleanly (its timeoutSeconds, a shutdown); a final unterminated line is
 * dropped — its event comes again on the next watch, which resumes from the last complete one.
 * Rejects with an InformerFailure otherwise. A malformed line, an ERROR event (also one the
 * server sends without closing the stream) or a 'stale' answer ends the stream at once: nothing
 * after it is read, so the resourceVersion never moves past an event that was not applied.
 */
export async function watchOnce(request: WatchRequest): Promise<number> {
  const { target, controller } = request;
  const url = clusterUrl(request.kubeConfig, target.path);
  url.searchParams.set('watch', 'true');
  url.searchParams.set('resourceVersion', request.resourceVersion);
  url.searchParams.set('allowWatchBookmarks', 'true');
  url.searchParams.set('timeoutSeconds', String(request.timeoutSeconds));
  request.onRequest({ verb: 'watch', url: url.pathname + url.search });

  const splitter = createLineSplitter();
  let lines = 0;
  let broken: InformerFailure | undefined;
  const breakWith = (failure: InformerFailure): void => {
    broken = failure;
    controller.abort();
  };

  const handle = (line: string): void => {
    if (line === '') return;
    const event = parseWatchLine(line);
    switch (event.type) {
      case 'MALFORMED':
        breakWith(streamFailure(target, 'watch', 'malformed', `malformed line (${event.why})`));
        return;
      case 'ERROR':
        breakWith(inBandFailure(target, event.status));
        return;
      case 'BOOKMARK':
        lines += 1;
        request.onBookmark(event.resourceVersion);
        return;
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED': {
        lines += 1;
        const outcome = request.onEvent(event.type, event.object, event.resourceVersion);
        if (outcome === 'stale') {
          const what = `${event.type} of ${describeObject(event.object)} at resourceVersion ${event.resourceVersion}`;
          breakWith(streamFailure(target, 'watch', 'out-of-order', `stale ${what}; relisting`));
        }
        return;
      }
      default: {
        const never: never = event;
        return never;
      }
    }
  };

  const onChunk = (chunk: Buffer): void => {
    try {
      for (const line of splitter.push(chunk)) {
        if (broken !== undefined) return;
        handle(line);
      }
      if (splitter.overflowed && broken === undefined) {
        breakWith(streamFailure(target, 'watch', 'malformed', 'a line without end'));
      }
    } catch (error) {
      if (broken !== undefined) return;
      // The sink threw: its state is unknown, so the informer relists.
      const name = error instanceof Error ? error.name : 'error';
      breakWith(streamFailure(target, 'watch', 'internal', `the model failed (${name})`));
    }
  };

  try {
    const reply = await exchange(request.kubeConfig, url, {
      signal: controller.signal,
      inactivityMs: request.inactivityMs,
      onChunk,
      onHeaders: (status) => {
        if (status === 200) request.onOpen();
      },
    });
    if (reply.status !== 200) throw httpFailure(target, 'watch', reply);
  } catch (error) {
    if (broken !== undefined) throw broken;
    if (error instanceof TransportError) {
      throw transportFailure(target, 'watch', error, request.inactivityMs);
    }
    throw error;
  }
  // An ERROR whose stream the server closed before our abort landed.
  if (broken !== undefined) throw broken;
  return lines;
}
