import { STATUS_CODES } from 'node:http';
import { KIND_RESOURCES } from '@slicescope/core';
import type { Reply, TransportError } from './transport.ts';
import type { InformerError, InformerTarget } from './types.ts';
import { summarizeStatus, type StatusSummary } from './watchEvent.ts';

/**
 * When to try again (watch-protocol.md §2.6–2.7):
 * - 'now': at once, the first time in a row (a relist after 410); then as 'backoff';
 * - 'backoff': exponential back-off with full jitter;
 * - 'retry-after': the server's Retry-After when it sent one, else as 'backoff';
 * - 'slow': the slow retry of 401/403/404 (nothing a quick retry would fix).
 */
type RetryPolicy = 'now' | 'backoff' | 'retry-after' | 'slow';

/** A failed list or watch, classified: what to show, whether to relist, when to retry. */
export class InformerFailure extends Error {
  constructor(
    readonly error: InformerError,
    /** True when the data must be listed again (410, out-of-order); else re-watch from the RV. */
    readonly relist: boolean,
    readonly retry: RetryPolicy,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
    this.name = 'InformerFailure';
  }
}

type Verb = 'list' | 'watch';

/** "endpointslices cluster-wide" / "pods in namespace "shop"". */
export function scopeOf(target: InformerTarget): string {
  const { resource } = KIND_RESOURCES[target.kind];
  const scope =
    target.namespace === undefined ? 'cluster-wide' : `in namespace "${target.namespace}"`;
  return `${resource} ${scope}`;
}

/** "cannot watch endpointslices cluster-wide" — never upstream text. */
function failing(target: InformerTarget, verb: Verb): string {
  return `cannot ${verb} ${scopeOf(target)}`;
}

const error = (reason: string, message: string, code?: number): InformerError =>
  code === undefined ? { reason, message } : { reason, code, message };

/** Retry-After in ms: the header (delta-seconds only; Kubernetes never sends a date) or details. */
function retryAfterMs(reply: Reply | undefined, status: StatusSummary): number | undefined {
  const header = reply?.headers['retry-after'];
  const seconds =
    typeof header === 'string' && /^\d{1,6}$/.test(header.trim())
      ? Number(header.trim())
      : status.retryAfterSeconds;
  return seconds === undefined ? undefined : seconds * 1000;
}

function statusFailure(
  target: InformerTarget,
  verb: Verb,
  code: number,
  status: StatusSummary,
  reply?: Reply,
): InformerFailure {
  const text = STATUS_CODES[code] ?? 'error';
  // Status.reason is a fixed word (never upstream prose); shown when it adds something, e.g. 410 Gone (Expired).
  const extra =
    status.reason === undefined || status.reason === text.replace(/ /g, '')
      ? ''
      : ` (${status.reason})`;
  const what = `${failing(target, verb)}: ${code} ${text}${extra}`;
  const after = retryAfterMs(reply, status);
  if (code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
    return new InformerFailure(error('expired', what, 410), true, 'now');
  }
  if (code === 429)
    return new InformerFailure(error('throttled', what, code), false, 'retry-after', after);
  if (code === 503 || code === 504) {
    return new InformerFailure(error('server-error', what, code), false, 'retry-after', after);
  }
  if (code >= 500) return new InformerFailure(error('server-error', what, code), false, 'backoff');
  if (code === 401) return new InformerFailure(error('unauthorized', what, code), false, 'slow');
  if (code === 403) return new InformerFailure(error('forbidden', what, code), false, 'slow');
  if (code === 404) return new InformerFailure(error('not-found', what, code), false, 'slow');
  // 400/422 (a bad selector or option) and anything unexpected: nothing will change quickly.
  return new InformerFailure(error('rejected', what, code), false, 'slow');
}

/** A non-200 answer to a list or watch request. */
export function httpFailure(target: InformerTarget, verb: Verb, reply: Reply): InformerFailure {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  return statusFailure(target, verb, reply.status, summarizeStatus(parsed), reply);
}

/** An in-band ERROR event: the server then ends the stream (or should; we do not wait). */
export function inBandFailure(target: InformerTarget, status: StatusSummary): InformerFailure {
  return statusFailure(target, 'watch', status.code ?? 500, status);
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
};

export function transportFailure(
  target: InformerTarget,
  verb: Verb,
  failure: TransportError,
  inactivityMs: number,
): InformerFailure {
  const what = failing(target, verb);
  switch (failure.failure) {
    case 'credentials':
      // The plugin's stderr or the file error may hold secrets: name the code only.
      return new InformerFailure(
        error(
          'credentials',
          `${what}: could not get credentials${failure.code === undefined ? '' : ` (${failure.code})`}`,
        ),
        false,
        'backoff',
      );
    case 'inactive':
      return new InformerFailure(
        error('inactive', `${what}: no bytes for ${Math.round(inactivityMs / 1000)} s`),
        false,
        'backoff',
      );
    case 'network':
    case 'aborted': {
      const code = failure.code ?? '';
      const words =
        NETWORK_WORDS[code] ??
        (/CERT|SSL|TLS/.test(code) ? `TLS verification failed (${code})` : code || failure.failure);
      return new InformerFailure(error('network', `${what}: ${words}`), false, 'backoff');
    }
    default: {
      const never: never = failure.failure;
      return never;
    }
  }
}

/** A failure found while reading or applying what came back (malformed, out-of-order, …). */
export function streamFailure(
  target: InformerTarget,
  verb: Verb,
  reason: 'malformed' | 'out-of-order' | 'network' | 'internal',
  detail: string,
): InformerFailure {
  const relist = reason === 'out-of-order' || reason === 'internal';
  return new InformerFailure(
    error(reason, `${failing(target, verb)}: ${detail}`),
    relist,
    reason === 'out-of-order' ? 'now' : 'backoff',
  );
}
