import type { RefObject } from 'react';
import { conditionText, cpuText, zoneText } from './describe.ts';
import type { MapLayout } from './layout.ts';

const WIDTH = 230;
const HEIGHT = 110;

/**
 * The node under the pointer (or the keyboard's marker): its name and numbers. Fixed to the
 * viewport, so the map's sideways scroll box does not clip it; it flips to the left of the node,
 * and above it, near the window's edges.
 */
export function NodeTooltip({
  layout,
  index,
  plot,
}: {
  layout: MapLayout;
  index: number;
  plot: RefObject<HTMLDivElement | null>;
}) {
  const placed = layout.nodes[index];
  if (!placed) return null;
  const { node } = placed;
  const box = plot.current?.getBoundingClientRect();
  const originX = (box?.left ?? 0) + placed.x;
  const originY = (box?.top ?? 0) + placed.y;
  const right = originX + layout.cell + 8;
  const left = right + WIDTH > window.innerWidth ? Math.max(0, originX - WIDTH - 8) : right;
  const top =
    originY + HEIGHT > window.innerHeight ? Math.max(0, originY + layout.cell - HEIGHT) : originY;
  return (
    <div
      className="node-map-tooltip"
      role="tooltip"
      id="node-map-tooltip"
      style={{ left, top, width: WIDTH }}
    >
      <strong>{node.name}</strong>
      <dl>
        <dt>Zone</dt>
        <dd>{zoneText(node.zone)}</dd>
        <dt>Endpoints</dt>
        <dd>{node.endpoints}</dd>
        <dt>CPU</dt>
        <dd>{cpuText(node.cpuMilli)}</dd>
        <dt>Condition</dt>
        <dd>{conditionText(node)}</dd>
      </dl>
    </div>
  );
}
