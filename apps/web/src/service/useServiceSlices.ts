import type { SliceView, StreamState } from '@slicescope/contract';
import { useCallback, useEffect, useState } from 'react';
import { useServiceDetailSlices } from '../api/queries.ts';
import { useConnection, useStreamState } from '../stream/StreamProvider.tsx';
import type { QuerySource } from '../ui/StateMessage.tsx';

/** How long the page waits for the stream's snapshot before it reads the slices over REST. */
export const REST_FALLBACK_MS = 2000;

/**
 * The slices of one Service now: from the stream once a snapshot that follows the Service has
 * come (then live); over REST when the stream has not brought them within a moment (it is down,
 * or a proxy holds it back), so the page never waits on the stream alone. A healthy stream is
 * not doubled by a REST answer of the same size (a Service of 100k endpoints is ~15 MB). Over
 * REST, with the request's failure (the stream's are the connection banner's to tell).
 */
export function useServiceSlices(namespace: string, name: string): QuerySource<SliceView[]> {
  const key = `${namespace}/${name}`;
  const covered = useConnection().covered.includes(key);
  const select = useCallback(
    (state: StreamState) => {
      const slices: SliceView[] = [];
      for (const slice of Object.values(state.slices)) {
        if (slice.namespace === namespace && slice.service === name) slices.push(slice);
      }
      return slices.sort((a, b) => a.name.localeCompare(b.name));
    },
    [namespace, name],
  );
  const streamed = useStreamState(select);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (covered) return undefined;
    const timer = setTimeout(() => setWaited(true), REST_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, [covered]);
  const rest = useServiceDetailSlices(namespace, name, !covered && waited);
  if (covered) return { data: streamed, error: null, refetch: rest.refetch };
  return { data: rest.data?.slices, error: rest.error, refetch: rest.refetch };
}
