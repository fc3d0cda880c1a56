import type { ServiceSummary } from '@slicescope/contract';
import { useEffect, useRef, useState } from 'react';
import { isNotFound } from '../api/http.ts';

/** A Service found deleted, and when it left the stream (ms since the epoch) if it was seen go. */
interface Deletion {
  at: number | undefined;
}

/**
 * Whether the Service a page shows was deleted while the page was open: it left the stream after
 * having been in it, or the api answered 404 when asked for it again. Undefined while the Service
 * exists, and again once it comes back.
 */
export function useServiceDeletion(
  key: string,
  summary: ServiceSummary | undefined,
  detailError: unknown,
): Deletion | undefined {
  const present = summary !== undefined;
  const seen = useRef<string | undefined>(undefined);
  const [left, setLeft] = useState<{ key: string; at: number }>();
  useEffect(() => {
    if (present) {
      seen.current = key;
      setLeft(undefined);
    } else if (seen.current === key) {
      setLeft((previous) => (previous?.key === key ? previous : { key, at: Date.now() }));
    }
  }, [key, present]);
  if (present) return undefined;
  if (left?.key === key) return { at: left.at };
  return isNotFound(detailError) ? { at: undefined } : undefined;
}
