import { BOX_LABEL, BOX_PAD, CELL, type Layout } from './layout.ts';

/**
 * Hit-testing over a layout: a uniform grid over the node boxes (each box listed in every grid
 * cell it overlaps, in CSR arrays), then the endpoint under a point found from the box's cell grid
 * by arithmetic. Coordinates are world units.
 */
export interface GridIndex {
  cellSize: number;
  cols: number;
  rows: number;
  /** Items of grid cell g: items[start[g] … start[g + 1]). */
  start: Uint32Array;
  items: Uint32Array;
}

/** Indexes rectangles (x, y, width, height per item) lying within [0, width] × [0, height]. */
export function indexRects(rects: Float32Array, width: number, height: number): GridIndex {
  const count = Math.floor(rects.length / 4);
  const cellSize = Math.max(CELL, Math.sqrt((width * height) / Math.max(1, count)));
  const cols = Math.max(1, Math.ceil(width / cellSize));
  const rows = Math.max(1, Math.ceil(height / cellSize));
  const span = (item: number) => {
    const x = rects[item * 4] ?? 0;
    const y = rects[item * 4 + 1] ?? 0;
    const clampCol = (value: number) =>
      Math.min(cols - 1, Math.max(0, Math.floor(value / cellSize)));
    const clampRow = (value: number) =>
      Math.min(rows - 1, Math.max(0, Math.floor(value / cellSize)));
    return [
      clampCol(x),
      clampRow(y),
      clampCol(x + (rects[item * 4 + 2] ?? 0)),
      clampRow(y + (rects[item * 4 + 3] ?? 0)),
    ] as const;
  };
  const start = new Uint32Array(cols * rows + 1);
  for (let item = 0; item < count; item++) {
    const [c0, r0, c1, r1] = span(item);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) start[r * cols + c + 1]! += 1;
  }
  for (let g = 1; g < start.length; g++) start[g]! += start[g - 1] ?? 0;
  const items = new Uint32Array(start[start.length - 1] ?? 0);
  const fill = start.slice(0, cols * rows);
  for (let item = 0; item < count; item++) {
    const [c0, r0, c1, r1] = span(item);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) items[fill[r * cols + c]!++] = item;
  }
  return { cellSize, cols, rows, start, items };
}

/** The rectangle containing (x, y), or -1. */
export function rectAt(index: GridIndex, rects: Float32Array, x: number, y: number): number {
  const c = Math.floor(x / index.cellSize);
  const r = Math.floor(y / index.cellSize);
  if (c < 0 || r < 0 || c >= index.cols || r >= index.rows) return -1;
  const g = r * index.cols + c;
  for (let k = index.start[g] ?? 0; k < (index.start[g + 1] ?? 0); k++) {
    const item = index.items[k] ?? 0;
    const rx = rects[item * 4] ?? 0;
    const ry = rects[item * 4 + 1] ?? 0;
    if (
      x >= rx &&
      y >= ry &&
      x <= rx + (rects[item * 4 + 2] ?? 0) &&
      y <= ry + (rects[item * 4 + 3] ?? 0)
    ) {
      return item;
    }
  }
  return -1;
}

/** The endpoint whose cell in box `box` contains (x, y), or -1. */
export function endpointInBox(layout: Layout, box: number, x: number, y: number): number {
  const cols = layout.boxCols[box] ?? 1;
  const col = Math.floor((x - (layout.boxes[box * 4] ?? 0) - BOX_PAD) / CELL);
  const row = Math.floor((y - (layout.boxes[box * 4 + 1] ?? 0) - BOX_LABEL - BOX_PAD) / CELL);
  if (col < 0 || row < 0 || col >= cols) return -1;
  const slot = row * cols + col;
  const start = layout.boxStart[box] ?? 0;
  if (slot >= (layout.boxStart[box + 1] ?? 0) - start) return -1;
  return layout.order[start + slot] ?? -1;
}

export interface Hit {
  box: number;
  endpoint: number;
}

/** What lies under world point (x, y): a box (or -1) and, inside it, an endpoint (or -1). */
export function hitTest(index: GridIndex, layout: Layout, x: number, y: number): Hit {
  const box = rectAt(index, layout.boxes, x, y);
  return { box, endpoint: box < 0 ? -1 : endpointInBox(layout, box, x, y) };
}
