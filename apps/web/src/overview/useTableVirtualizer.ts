import {
  defaultRangeExtractor,
  observeElementRect,
  useVirtualizer,
  type Range,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useCallback, type RefObject } from 'react';

export const ROW_HEIGHT = 34;
export const HEADER_HEIGHT = 36;

/**
 * The size assumed while the scroll box has none: before layout, when hidden, and where there is
 * no layout at all (jsdom). About 20 rows then render instead of none.
 */
const FALLBACK_RECT = { width: 1024, height: 20 * ROW_HEIGHT };

type Observe = typeof observeElementRect<HTMLDivElement>;

const observeWithFallback: Observe = (instance, callback) =>
  observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : FALLBACK_RECT));

/**
 * A row virtualiser for a table inside a scroll box, with fixed row heights. The row at `keep`
 * (the one holding the keyboard focus) is always rendered, also when scrolled out of view, so
 * focus is never lost and the arrow keys can move to a row before it is scrolled to.
 */
export function useTableVirtualizer(
  count: number,
  scroller: RefObject<HTMLDivElement | null>,
  keep: number | undefined,
): Virtualizer<HTMLDivElement, HTMLTableRowElement> {
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keep === undefined || keep >= range.count || indexes.includes(keep)) return indexes;
      return [...indexes, keep].sort((a, b) => a - b);
    },
    [keep],
  );
  return useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeWithFallback,
    rangeExtractor,
    // Rows start below the sticky header.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
}

/** The rendered rows in order, with the height of the gap (rows not rendered) before each. */
export function withGaps(
  items: readonly VirtualItem[],
  total: number,
): { items: { item: VirtualItem; gap: number }[]; end: number } {
  let cursor = HEADER_HEIGHT;
  const placed = items.map((item) => {
    const gap = Math.max(0, item.start - cursor);
    cursor = item.end;
    return { item, gap };
  });
  return { items: placed, end: Math.max(0, total - cursor) };
}
