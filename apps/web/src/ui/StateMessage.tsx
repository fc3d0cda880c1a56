import type { ReactNode } from 'react';
import { ApiRequestError } from '../api/http.ts';

/** What a view says while it loads, when it has nothing to show, or when its data failed. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 404) return error.message;
    if (error.status === 401) return 'The server needs a token: sign in to see this.';
    if (error.code === 'unreachable') return error.message;
    return `${error.message}${error.field ? ` (${error.field})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function Failed({
  what,
  error,
  retry,
}: {
  what: string;
  error: unknown;
  retry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <p>
        Could not load {what}: {describeError(error)}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * What `QueryState` reads of a query: a `UseQueryResult`, or data drawn from one or another
 * source (the stream or REST, now or a past sync) with the failure of the one it came from.
 */
export interface QuerySource<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A query's data through `children` once it has some; until then, that it loads or why it
 * failed (with a retry). A refetch that fails keeps the data on screen, with the failure above
 * it: what the view already showed is not taken away.
 */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: QuerySource<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  const failed = query.error ? (
    <Failed what={what} error={query.error} retry={() => void query.refetch()} />
  ) : undefined;
  if (query.data === undefined) return failed ?? <Loading what={what} />;
  return (
    <>
      {failed}
      {children(query.data)}
    </>
  );
}
