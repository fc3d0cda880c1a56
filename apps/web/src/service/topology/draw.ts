import { scaleLinear } from 'd3-scale';
import { BOX_LABEL, BOX_PAD, type Layout } from './layout.ts';
import { drawEndpoints } from './drawMarks.ts';
import { COLOUR_OF, DIM } from './marks.ts';
import { CONDITION_COUNT, type TopologyModel } from './model.ts';
import {
  HEADER_HEIGHT,
  intersects,
  pxPerUnit,
  visibleWorld,
  type Base,
  type Transform,
  type WorldRect,
  type ZoomLevel,
} from './view.ts';

/**
 * Paints one frame on the canvas, in world units under the zoom: zone columns, then per level the
 * per-zone stacked bars, the node boxes with their make-up by condition, or the endpoint marks
 * (one path per condition and emphasis). Only what intersects the viewport is drawn.
 */

export interface Theme {
  fg: string;
  muted: string;
  sunken: string;
  box: string;
  boxBorder: string;
  highlight: string;
  focus: string;
}

export interface Fade {
  /** 0 → 1 over the animation. */
  progress: number;
  /** Endpoints of the model that are appearing (1) and drawn growing in. */
  fresh: Uint8Array;
  /** Endpoints of the previous drawing that went, drawn fading out. */
  gone: { layout: Layout; conditions: Uint8Array; indices: readonly number[] };
}

export interface Frame {
  width: number;
  height: number;
  base: Base;
  transform: Transform;
  level: ZoomLevel;
  model: TopologyModel;
  layout: Layout;
  columnCounts: Uint32Array;
  theme: Theme;
  /** Index of the selected slice in model.slices, or -1; its endpoints per box. */
  selectedSlice: number;
  selectedPerBox: Uint32Array | undefined;
  selectedBox: number;
  activeEndpoint: number;
  fade: Fade | undefined;
}

/** Visible boxes' indices. */
export function visibleBoxes(layout: Layout, rect: WorldRect): number[] {
  const result: number[] = [];
  const boxes = layout.boxes;
  for (let b = 0; b < boxes.length / 4; b++) {
    const [x = 0, y = 0, w = 0, h = 0] = boxes.subarray(b * 4, b * 4 + 4);
    if (intersects(rect, x, y, w, h)) result.push(b);
  }
  return result;
}

export function drawFrame(context: CanvasRenderingContext2D, frame: Frame, ratio: number): void {
  const { base, transform: t, layout, theme } = frame;
  const unit = pxPerUnit(base, t);
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, frame.width * ratio, frame.height * ratio);
  context.save();
  context.beginPath();
  context.rect(
    0,
    HEADER_HEIGHT * ratio,
    frame.width * ratio,
    (frame.height - HEADER_HEIGHT) * ratio,
  );
  context.clip();
  context.setTransform(
    ratio * unit,
    0,
    0,
    ratio * unit,
    ratio * (t.x + t.k * base.x),
    ratio * (t.y + t.k * base.y),
  );
  const rect = visibleWorld(base, t, frame.width, frame.height);
  context.fillStyle = theme.sunken;
  for (let c = 0; c < layout.columns.length / 4; c++) {
    const [x = 0, y = 0, w = 0, h = 0] = layout.columns.subarray(c * 4, c * 4 + 4);
    if (intersects(rect, x, y, w, h)) context.fillRect(x, y, w, h);
  }
  if (frame.level === 'zone') drawZones(context, frame);
  else {
    const boxes = visibleBoxes(layout, rect);
    drawBoxes(context, frame, boxes, unit);
    if (frame.level === 'endpoint') drawEndpoints(context, frame, boxes, rect, unit);
  }
  context.restore();
}

function drawZones(context: CanvasRenderingContext2D, frame: Frame): void {
  const { layout, model, columnCounts } = frame;
  const columns = model.columns.length;
  let most = 1;
  for (let c = 0; c < columns; c++) {
    let total = 0;
    for (let k = 0; k < CONDITION_COUNT; k++) total += columnCounts[c * CONDITION_COUNT + k] ?? 0;
    most = Math.max(most, total);
  }
  const selected = new Float64Array(columns);
  if (frame.selectedPerBox) {
    frame.selectedPerBox.forEach((count, b) => (selected[model.boxColumn[b] ?? 0]! += count));
  }
  for (let c = 0; c < columns; c++) {
    const [x = 0, y = 0, w = 0, h = 0] = layout.columns.subarray(c * 4, c * 4 + 4);
    const top = y + h * 0.22;
    const height = scaleLinear()
      .domain([0, most])
      .range([0, h * 0.74]);
    const barX = x + w * 0.3;
    const barWidth = w * 0.4;
    let bottom = top + height(most);
    context.globalAlpha = frame.selectedSlice >= 0 ? DIM * 2 : 1;
    for (let k = 0; k < CONDITION_COUNT; k++) {
      const size = height(columnCounts[c * CONDITION_COUNT + k] ?? 0);
      context.fillStyle = COLOUR_OF[k] ?? '#000';
      context.fillRect(barX, bottom - size, barWidth, size);
      bottom -= size;
    }
    context.globalAlpha = 1;
    if (frame.selectedSlice >= 0 && (selected[c] ?? 0) > 0) {
      const size = height(selected[c] ?? 0);
      context.fillStyle = frame.theme.highlight;
      context.fillRect(barX + barWidth + w * 0.04, top + height(most) - size, w * 0.08, size);
    }
  }
}

function drawBoxes(
  context: CanvasRenderingContext2D,
  frame: Frame,
  boxes: readonly number[],
  unit: number,
): void {
  const { layout, model, theme } = frame;
  const plain = new Path2D();
  const faint = new Path2D();
  const unknown = new Path2D();
  const lit = new Path2D();
  for (const b of boxes) {
    const [x = 0, y = 0, w = 0, h = 0] = layout.boxes.subarray(b * 4, b * 4 + 4);
    const box = model.boxes[b];
    const path = box?.faint ? faint : box?.node === undefined ? unknown : plain;
    path.rect(x, y, w, h);
    // Zoomed out, boxes holding endpoints of the selected slice are outlined (zoomed in, the marks are).
    if (frame.level === 'node' && (frame.selectedPerBox?.[b] ?? 0) > 0) lit.rect(x, y, w, h);
  }
  context.lineWidth = 1 / unit;
  context.fillStyle = theme.box;
  context.strokeStyle = theme.boxBorder;
  context.fill(plain);
  context.stroke(plain);
  context.fill(unknown);
  context.setLineDash([4 / unit, 3 / unit]);
  context.stroke(unknown);
  context.setLineDash([]);
  context.globalAlpha = 0.4;
  context.fill(faint);
  context.stroke(faint);
  context.globalAlpha = 1;

  if (frame.level === 'node') {
    // Each box's make-up by condition: a bar split in proportion to its counts.
    const parts = COLOUR_OF.map(() => new Path2D());
    for (const b of boxes) {
      const [x = 0, y = 0, w = 0, h = 0] = layout.boxes.subarray(b * 4, b * 4 + 4);
      let total = 0;
      for (let k = 0; k < CONDITION_COUNT; k++)
        total += model.boxCounts[b * CONDITION_COUNT + k] ?? 0;
      if (total === 0) continue;
      let left = x + BOX_PAD;
      const width = w - 2 * BOX_PAD;
      for (let k = 0; k < CONDITION_COUNT; k++) {
        const part = ((model.boxCounts[b * CONDITION_COUNT + k] ?? 0) / total) * width;
        if (part > 0) parts[k]?.rect(left, y + BOX_LABEL, part, h - BOX_LABEL - BOX_PAD);
        left += part;
      }
    }
    context.globalAlpha = frame.selectedSlice >= 0 ? DIM * 2 : 1;
    parts.forEach((path, k) => {
      context.fillStyle = COLOUR_OF[k] ?? '#000';
      context.fill(path);
    });
    context.globalAlpha = 1;
  }
  context.strokeStyle = theme.highlight;
  context.lineWidth = 2.5 / unit;
  context.stroke(lit);
  const selected = frame.selectedBox;
  if (selected >= 0 && selected < layout.boxCols.length) {
    const [x = 0, y = 0, w = 0, h = 0] = layout.boxes.subarray(selected * 4, selected * 4 + 4);
    context.strokeStyle = theme.focus;
    context.lineWidth = 3 / unit;
    context.strokeRect(x - 2 / unit, y - 2 / unit, w + 4 / unit, h + 4 / unit);
  }
}
