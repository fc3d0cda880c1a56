import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './http.ts';

/**
 * Whether a failed read is asked again: once, after a failure that may pass (the network, a
 * 5xx); never after a 4xx, which the api would only answer again.
 */
export function retriesRead(failures: number, error: unknown): boolean {
  const refused = error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
  return failures < 1 && !refused;
}

/** The app's query client: answers fresh for 5 s, a failure asked again as retriesRead says. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: retriesRead, refetchOnWindowFocus: false },
    },
  });
}
