import { createBackoff, type BackoffOptions } from './backoff.ts';
import type { InformerFailure } from './failure.ts';

/** Longest Retry-After honoured, ms: a sanity bound on what a server (or a proxy) may ask. */
const MAX_RETRY_AFTER_MS = 600_000;

interface RetryDelays {
  /** Wait before the next attempt after `failure`, ms (0: at once). */
  after(failure: InformerFailure): number;
  /** The stream made progress (an event or a bookmark): a quick retry is allowed again. */
  progressed(): void;
}

/**
 * Turns a failure's retry policy into a delay (watch-protocol.md §2.6–2.7). A relist after 410
 * or disorder goes at once — but only once until the stream makes progress again, so a server
 * that answers every fresh watch with 410 gets back-off instead of a list/watch hot loop.
 * Retry-After is honoured as sent (429/503/504, no jitter): the server knows its load.
 */
export function createRetryDelays(options: BackoffOptions & { authRetryMs: number }): RetryDelays {
  const backoff = createBackoff(options);
  // Full jitter may draw 0: at least 1 ms, so a back-off is always a real (visible) phase.
  const backOff = (): number => Math.max(1, backoff.next());
  let quick = true;
  return {
    after(failure) {
      switch (failure.retry) {
        case 'now':
          if (!quick) return backOff();
          quick = false;
          return 0;
        case 'backoff':
          return backOff();
        case 'retry-after':
          return failure.retryAfterMs === undefined
            ? backOff()
            : Math.min(failure.retryAfterMs, MAX_RETRY_AFTER_MS);
        case 'slow':
          return options.authRetryMs;
        default: {
          const never: never = failure.retry;
          return never;
        }
      }
    },
    progressed() {
      quick = true;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts (stop() cancels a pending retry). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
