import type { MapLayout } from './layout.ts';

/** The keys that move the node map's focus marker. */
export const MOVE_KEYS = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
] as const;

export type MoveKey = (typeof MOVE_KEYS)[number];

/** Whether a key event's key moves the focus marker. */
export const isMoveKey = (key: string): key is MoveKey =>
  (MOVE_KEYS as readonly string[]).includes(key);

/**
 * Where the focus marker goes from node `index` on a key, moving through the grid as drawn:
 * up and down within the zone's column, left and right along the row and on into the
 * neighbouring zone (same row, or its last row when it is shorter). Stays put at the edges.
 */
export function moveFocus(layout: MapLayout, index: number, key: MoveKey): number {
  const total = layout.nodes.length;
  if (total === 0) return index;
  if (key === 'Home') return 0;
  if (key === 'End') return total - 1;
  const node = layout.nodes[index];
  const zone = node && layout.zones[node.zone];
  if (!node || !zone) return 0;
  const position = index - zone.first;
  const row = Math.floor(position / zone.columns);
  const column = position % zone.columns;
  switch (key) {
    case 'ArrowUp':
      return row > 0 ? index - zone.columns : index;
    case 'ArrowDown':
      return position + zone.columns < zone.count ? index + zone.columns : index;
    case 'ArrowRight': {
      if (column < zone.columns - 1 && position + 1 < zone.count) return index + 1;
      const next = layout.zones[node.zone + 1];
      if (!next) return index;
      return next.first + Math.min(row * next.columns, (next.rows - 1) * next.columns);
    }
    case 'ArrowLeft': {
      if (column > 0) return index - 1;
      const previous = layout.zones[node.zone - 1];
      if (!previous) return index;
      const targetRow = Math.min(row, previous.rows - 1);
      return (
        previous.first +
        Math.min(targetRow * previous.columns + previous.columns - 1, previous.count - 1)
      );
    }
  }
}
