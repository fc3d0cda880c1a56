import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/**
 * Runs `action` when `value` changes (not on the first render), at most once per `intervalMs`:
 * a change inside the interval is picked up when it ends, so the last change is never missed.
 */
export function useThrottledOnChange(value: unknown, action: () => void, intervalMs = 1000): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  const state = useRef<{
    value: unknown;
    last: number;
    timer: ReturnType<typeof setTimeout> | undefined;
  }>({ value, last: Number.NEGATIVE_INFINITY, timer: undefined });

  useEffect(() => {
    const current = state.current;
    if (Object.is(current.value, value)) return;
    current.value = value;
    if (current.timer !== undefined) return;
    const run = () => {
      current.timer = undefined;
      current.last = Date.now();
      latest.current();
    };
    const wait = current.last + intervalMs - Date.now();
    if (wait <= 0) run();
    else current.timer = setTimeout(run, wait);
  }, [value, intervalMs]);

  useEffect(() => {
    const current = state.current;
    return () => {
      if (current.timer !== undefined) clearTimeout(current.timer);
      current.timer = undefined;
    };
  }, []);
}

/**
 * Refetches these queries when `value` (e.g. a Service's churn) changes, at most once per
 * `intervalMs` (a second by default).
 */
export function useRefreshOnChange(
  value: unknown,
  queryKeys: readonly QueryKey[],
  intervalMs?: number,
): void {
  const queryClient = useQueryClient();
  useThrottledOnChange(
    value,
    () => {
      for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey });
    },
    intervalMs,
  );
}
