import type { SliceView, StreamState } from '@slicescope/contract';
import { useCallback } from 'react';
import { useServiceDetail } from '../api/queries.ts';
import { useStreamState } from '../stream/StreamProvider.tsx';

/**
 * The slices of one Service now: from the stream once it has delivered the Service's snapshot,
 * from the REST detail before that (so the first paint does not wait for the stream).
 */
export function useServiceSlices(
  namespace: string,
  name: string,
): {
  slices: SliceView[] | undefined;
  live: boolean;
} {
  const key = `${namespace}/${name}`;
  const select = useCallback(
    (state: StreamState) => {
      if (state.services[key] === undefined) return undefined;
      const slices: SliceView[] = [];
      for (const slice of Object.values(state.slices)) {
        if (slice.namespace === namespace && slice.service === name) slices.push(slice);
      }
      return slices.sort((a, b) => a.name.localeCompare(b.name));
    },
    [key, namespace, name],
  );
  const streamed = useStreamState(select);
  const detail = useServiceDetail(namespace, name);
  if (streamed !== undefined) return { slices: streamed, live: true };
  return { slices: detail.data?.slices, live: false };
}
