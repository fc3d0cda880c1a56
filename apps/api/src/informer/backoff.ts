/** Exponential back-off settings (client-go's reflector: 800 ms, ×2, cap 30 s, reset after 2 min). */
export interface BackoffOptions {
  /** First delay's upper bound, ms. */
  initialMs: number;
  /** Largest delay's upper bound, ms. */
  maxMs: number;
  /** Without a back-off for this long (ms), the next one starts again from `initialMs`. */
  resetMs: number;
  /** Monotonic clock, ms. */
  now: () => number;
  /** Uniform in [0, 1). */
  random: () => number;
}

interface Backoff {
  /** The next delay in ms: uniform in [0, min(maxMs, initialMs × 2^step)) ("full jitter"). */
  next(): number;
}

/**
 * Full jitter spreads the retries of many informers (and many api replicas) that failed at the
 * same moment, e.g. when the apiserver restarted, instead of having them return in lock-step
 * (kubernetes-client/javascript #1933 shows what un-jittered restarts do to a cluster). The step
 * resets after `resetMs` without a back-off, the way client-go's backoff manager does, so a watch
 * that was healthy for a while retries fast after one glitch.
 */
export function createBackoff(options: BackoffOptions): Backoff {
  let step = 0;
  let last: number | undefined;
  return {
    next() {
      const time = options.now();
      if (last !== undefined && time - last >= options.resetMs) step = 0;
      last = time;
      const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** step);
      if (ceiling < options.maxMs) step += 1;
      return Math.floor(options.random() * ceiling);
    },
  };
}
