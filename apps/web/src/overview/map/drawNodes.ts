import { HEALTH_STYLE, HEALTHS } from './health.ts';
import type { MapLayout, MapNode, NodeHealth } from './layout.ts';

/** Draws a node's box of side `size` with its top-left at (x, y), in the mark of its health. */
export function drawMark(
  context: CanvasRenderingContext2D,
  health: NodeHealth,
  x: number,
  y: number,
  size: number,
  background: string,
): void {
  const colour = HEALTH_STYLE[health].colour;
  if (health === 'unschedulable') {
    const line = Math.max(1, Math.round(size / 6));
    context.strokeStyle = colour;
    context.lineWidth = line;
    context.strokeRect(x + line / 2, y + line / 2, size - line, size - line);
    context.beginPath();
    context.moveTo(x, y + size);
    context.lineTo(x + size, y);
    context.stroke();
    return;
  }
  context.fillStyle = colour;
  context.fillRect(x, y, size, size);
  if (health === 'not-ready') {
    context.strokeStyle = background;
    context.lineWidth = Math.max(1, size / 6);
    context.beginPath();
    context.moveTo(x + 1, y + 1);
    context.lineTo(x + size - 1, y + size - 1);
    context.moveTo(x + size - 1, y + 1);
    context.lineTo(x + 1, y + size - 1);
    context.stroke();
  }
}

/**
 * Draws every node box of the layout onto a canvas already sized for it (device pixels), health
 * by health so the context changes style three times, not once per node.
 */
export function drawNodes(
  context: CanvasRenderingContext2D,
  layout: MapLayout,
  pixelRatio: number,
  background: string,
): void {
  context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  context.clearRect(0, 0, layout.width, layout.height);
  const byHealth: Record<NodeHealth, MapNode[]> = { ready: [], 'not-ready': [], unschedulable: [] };
  for (const node of layout.nodes) byHealth[node.health].push(node);
  for (const health of HEALTHS) {
    for (const node of byHealth[health]) {
      const offset = (layout.cell - node.size) / 2;
      drawMark(context, health, node.x + offset, node.y + offset, node.size, background);
    }
  }
}
