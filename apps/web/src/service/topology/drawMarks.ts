import type { Frame } from './draw.ts';
import { CELL } from './layout.ts';
import { addShape, COLOUR_OF, DIM, SHAPE_OF } from './marks.ts';
import type { WorldRect } from './view.ts';

/**
 * The endpoint level: each visible endpoint as its condition's shape, batched into one path per
 * condition and emphasis (in the selected slice, dimmed, growing in), with marks that went fading
 * out where they were, the selected slice's outlines and the focus ring.
 */

const RADIUS = CELL * 0.36;

export function drawEndpoints(
  context: CanvasRenderingContext2D,
  frame: Frame,
  boxes: readonly number[],
  rect: WorldRect,
  unit: number,
): void {
  const { layout, model, fade } = frame;
  const kinds = SHAPE_OF.length;
  // Paths per condition: [0, kinds) in full, [kinds, 2 kinds) dimmed, [2 kinds, 3 kinds) growing.
  const paths = Array.from({ length: kinds * 3 }, () => new Path2D());
  const ring = new Path2D();
  const grow = fade ? Math.max(0.05, fade.progress) : 1;
  for (const b of boxes) {
    for (let slot = layout.boxStart[b] ?? 0; slot < (layout.boxStart[b + 1] ?? 0); slot++) {
      const i = layout.order[slot] ?? 0;
      const x = layout.positions[i * 2] ?? 0;
      const y = layout.positions[i * 2 + 1] ?? 0;
      if (x < rect.x0 - CELL || x > rect.x1 + CELL || y < rect.y0 - CELL || y > rect.y1 + CELL)
        continue;
      const k = model.conditions[i] ?? 0;
      const inSlice = frame.selectedSlice < 0 || model.sliceOf[i] === frame.selectedSlice;
      const growing = fade !== undefined && fade.fresh[i] === 1;
      const group = growing ? 2 : inSlice ? 0 : 1;
      addShape(
        paths[group * kinds + k] as Path2D,
        SHAPE_OF[k] ?? 'circle',
        x,
        y,
        RADIUS * (growing ? grow : 1),
      );
      if (inSlice && frame.selectedSlice >= 0)
        ring.rect(x - CELL / 2 + 0.5, y - CELL / 2 + 0.5, CELL - 1, CELL - 1);
    }
  }
  const paint = (path: Path2D, k: number, alpha: number) => {
    context.globalAlpha = alpha;
    const colour = COLOUR_OF[k] ?? '#000';
    if (SHAPE_OF[k] === 'cross') {
      context.strokeStyle = colour;
      context.lineWidth = RADIUS * 0.7;
      context.stroke(path);
    } else {
      context.fillStyle = colour;
      context.fill(path);
    }
  };
  if (fade) {
    const gone = COLOUR_OF.map(() => new Path2D());
    for (const i of fade.gone.indices) {
      const x = fade.gone.layout.positions[i * 2] ?? 0;
      const y = fade.gone.layout.positions[i * 2 + 1] ?? 0;
      if (x < rect.x0 || x > rect.x1 || y < rect.y0 || y > rect.y1) continue;
      const k = fade.gone.conditions[i] ?? 0;
      addShape(gone[k] as Path2D, SHAPE_OF[k] ?? 'circle', x, y, RADIUS);
    }
    gone.forEach((path, k) => paint(path, k, 1 - fade.progress));
  }
  for (let k = 0; k < kinds; k++) {
    paint(paths[k + kinds] as Path2D, k, DIM);
    paint(paths[k] as Path2D, k, 1);
    paint(paths[k + 2 * kinds] as Path2D, k, grow);
  }
  context.globalAlpha = 1;
  context.strokeStyle = frame.theme.highlight;
  context.lineWidth = 1.2 / unit;
  context.stroke(ring);
  const active = frame.activeEndpoint;
  if (active >= 0 && active < model.count) {
    context.strokeStyle = frame.theme.focus;
    context.lineWidth = 2.5 / unit;
    context.beginPath();
    context.arc(
      layout.positions[active * 2] ?? 0,
      layout.positions[active * 2 + 1] ?? 0,
      CELL * 0.62,
      0,
      Math.PI * 2,
    );
    context.stroke();
  }
}
