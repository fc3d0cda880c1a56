import { max, median } from 'd3-array';

/**
 * Where everything goes, in world units (one endpoint cell = CELL): zones are columns of equal
 * width side by side; each column shelf-packs its node boxes in order; each box is a grid of
 * endpoint cells, filled in order of condition. Pure and deterministic, over typed arrays so it
 * can run in a worker with the arrays transferred.
 */

export const CELL = 10;
/** Inside a node box: padding around the cells, and a band on top for the node's name. */
export const BOX_PAD = 3;
export const BOX_LABEL = 14;
/** Between boxes, around a column's boxes, between columns. */
export const BOX_GAP = 6;
export const COLUMN_PAD = 8;
export const COLUMN_GAP = 24;
/** Conditions an endpoint can have (the length of CONDITIONS). */
export const CONDITION_KINDS = 4;

export interface LayoutInput {
  columns: number;
  /** Box → column; boxes of a column keep their order. */
  boxColumn: Uint32Array;
  /** Endpoint → box. */
  endpointBox: Uint32Array;
  /** Endpoint → condition index (0…CONDITION_KINDS-1). */
  conditions: Uint8Array;
  /** Wanted width / height of the whole figure. */
  aspect: number;
}

export interface Layout {
  width: number;
  height: number;
  /** x, y, width, height per column. */
  columns: Float32Array;
  /** x, y, width, height per box. */
  boxes: Float32Array;
  /** Cells per row in each box. */
  boxCols: Uint32Array;
  /** order[boxStart[b] … boxStart[b + 1]) are box b's endpoints, in cell order. */
  boxStart: Uint32Array;
  order: Uint32Array;
  /** Centre x, y per endpoint. */
  positions: Float32Array;
  /** Median width of the boxes that hold endpoints (for choosing the zoom level). */
  typicalBox: number;
}

/** Cells per row and rows for n endpoints: as square as possible, at least one cell. */
export function gridOf(n: number): { cols: number; rows: number } {
  const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

export function boxSize(n: number): { width: number; height: number } {
  const { cols, rows } = gridOf(n);
  return { width: 2 * BOX_PAD + cols * CELL, height: BOX_LABEL + 2 * BOX_PAD + rows * CELL };
}

export function computeLayout(input: LayoutInput): Layout {
  const { columns: columnCount, boxColumn, endpointBox, conditions } = input;
  const boxCount = boxColumn.length;
  const n = endpointBox.length;

  // Counting sort of endpoints by (box, condition), stable by index.
  const buckets = new Uint32Array(boxCount * CONDITION_KINDS + 1);
  for (let i = 0; i < n; i++) {
    const bucket = (endpointBox[i] ?? 0) * CONDITION_KINDS + (conditions[i] ?? 0);
    buckets[bucket + 1]! += 1;
  }
  for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1] ?? 0;
  const boxStart = new Uint32Array(boxCount + 1);
  for (let b = 0; b <= boxCount; b++) boxStart[b] = buckets[b * CONDITION_KINDS] ?? n;
  const order = new Uint32Array(n);
  const cursor = buckets.slice(0, boxCount * CONDITION_KINDS);
  for (let i = 0; i < n; i++) {
    const bucket = (endpointBox[i] ?? 0) * CONDITION_KINDS + (conditions[i] ?? 0);
    order[cursor[bucket]!++] = i;
  }

  // Box sizes and, per column, the width of its boxes in one row.
  const boxes = new Float32Array(boxCount * 4);
  const boxCols = new Uint32Array(boxCount);
  const rowWidth = new Float64Array(Math.max(columnCount, 0));
  let widest = 0;
  for (let b = 0; b < boxCount; b++) {
    const count = (boxStart[b + 1] ?? 0) - (boxStart[b] ?? 0);
    const { width, height } = boxSize(count);
    boxCols[b] = gridOf(count).cols;
    boxes[b * 4 + 2] = width;
    boxes[b * 4 + 3] = height;
    widest = Math.max(widest, width);
    rowWidth[boxColumn[b] ?? 0]! += width + BOX_GAP;
  }
  const aspect = Math.min(6, Math.max(0.3, Number.isFinite(input.aspect) ? input.aspect : 1.6));
  const narrowest = Math.max(widest, CELL * 4);
  const inner =
    columnCount === 0
      ? 0
      : bestInner(boxes, boxColumn, columnCount, narrowest, (max(rowWidth) ?? 0) - BOX_GAP, aspect);
  const tallest = columnCount === 0 ? 0 : pack(boxes, boxColumn, columnCount, inner, true).tallest;
  const step = inner + 2 * COLUMN_PAD + COLUMN_GAP;
  const height = columnCount === 0 ? 0 : tallest + 2 * COLUMN_PAD;
  const width = columnCount === 0 ? 0 : columnCount * step - COLUMN_GAP;
  const columns = new Float32Array(columnCount * 4);
  for (let c = 0; c < columnCount; c++) {
    columns.set([c * step, 0, inner + 2 * COLUMN_PAD, height], c * 4);
  }

  // Endpoint cells, in order within each box.
  const positions = new Float32Array(n * 2);
  for (let b = 0; b < boxCount; b++) {
    const cols = boxCols[b] ?? 1;
    const x0 = (boxes[b * 4] ?? 0) + BOX_PAD + CELL / 2;
    const y0 = (boxes[b * 4 + 1] ?? 0) + BOX_LABEL + BOX_PAD + CELL / 2;
    const start = boxStart[b] ?? 0;
    const end = boxStart[b + 1] ?? 0;
    for (let slot = 0; slot < end - start; slot++) {
      const i = order[start + slot] ?? 0;
      positions[i * 2] = x0 + (slot % cols) * CELL;
      positions[i * 2 + 1] = y0 + Math.floor(slot / cols) * CELL;
    }
  }

  const filled: number[] = [];
  for (let b = 0; b < boxCount; b++) {
    if ((boxStart[b + 1] ?? 0) > (boxStart[b] ?? 0)) filled.push(boxes[b * 4 + 2] ?? 0);
  }
  const typicalBox = median(filled) ?? boxSize(0).width;
  return { width, height, columns, boxes, boxCols, boxStart, order, positions, typicalBox };
}

/** The arrays of a layout, for transferring it out of a worker. */
export function layoutBuffers(layout: Layout): ArrayBuffer[] {
  return [
    layout.columns,
    layout.boxes,
    layout.boxCols,
    layout.boxStart,
    layout.order,
    layout.positions,
  ].map((array) => array.buffer as ArrayBuffer);
}

/** Samples of the column width between the narrowest and one row, and again around the best. */
const WIDTH_SAMPLES = 24;
const REFINE_SAMPLES = 16;

/**
 * The inner column width that shows the figure largest in a view of `aspect` (width ÷ height):
 * shelf packing wastes a share of the area that depends on the boxes, so widths from the
 * narrowest (`lo`) to every box of a column in one row (`hi`) are tried, then more around the
 * best. Each width is cut to its widest row, which packs the same rows: columns end where their
 * boxes do, with no empty band on the right.
 */
function bestInner(
  boxes: Float32Array,
  boxColumn: Uint32Array,
  columnCount: number,
  lo: number,
  hi: number,
  aspect: number,
): number {
  let best = lo;
  let bestCost = Infinity;
  const consider = (inner: number) => {
    const { tallest, used } = pack(boxes, boxColumn, columnCount, inner, false);
    const tight = Math.max(lo, used);
    const width = columnCount * (tight + 2 * COLUMN_PAD + COLUMN_GAP) - COLUMN_GAP;
    // The height a view of this aspect needs to hold the figure: the smaller, the larger it shows.
    const cost = Math.max(width / aspect, tallest + 2 * COLUMN_PAD);
    if (cost < bestCost) [best, bestCost] = [tight, cost];
  };
  if (hi <= lo) {
    consider(lo);
    return best;
  }
  const ratio = (hi / lo) ** (1 / WIDTH_SAMPLES);
  for (let i = 0; i <= WIDTH_SAMPLES; i++) consider(lo * ratio ** i);
  const [from, to] = [Math.max(lo, best / ratio), Math.min(hi, best * ratio)];
  for (let i = 1; i < REFINE_SAMPLES; i++) consider(from + ((to - from) * i) / REFINE_SAMPLES);
  return best;
}

/**
 * Shelf-packs the boxes (their widths and heights already in `boxes`) into columns `inner` wide,
 * in order; writes their x, y when `place`. Returns the height of the tallest column's boxes and
 * the width of the widest row.
 */
function pack(
  boxes: Float32Array,
  boxColumn: Uint32Array,
  columnCount: number,
  inner: number,
  place: boolean,
): { tallest: number; used: number } {
  const step = inner + 2 * COLUMN_PAD + COLUMN_GAP;
  const cursorX = new Float64Array(columnCount);
  const cursorY = new Float64Array(columnCount);
  const rowHeight = new Float64Array(columnCount);
  let tallest = 0;
  let used = 0;
  for (let b = 0; b < boxColumn.length; b++) {
    const c = boxColumn[b] ?? 0;
    const width = boxes[b * 4 + 2] ?? 0;
    const height = boxes[b * 4 + 3] ?? 0;
    if ((cursorX[c] ?? 0) > 0 && (cursorX[c] ?? 0) + width > inner) {
      cursorY[c]! += (rowHeight[c] ?? 0) + BOX_GAP;
      cursorX[c] = 0;
      rowHeight[c] = 0;
    }
    if (place) {
      boxes[b * 4] = c * step + COLUMN_PAD + (cursorX[c] ?? 0);
      boxes[b * 4 + 1] = COLUMN_PAD + (cursorY[c] ?? 0);
    }
    used = Math.max(used, (cursorX[c] ?? 0) + width);
    cursorX[c]! += width + BOX_GAP;
    rowHeight[c] = Math.max(rowHeight[c] ?? 0, height);
    tallest = Math.max(tallest, (cursorY[c] ?? 0) + height);
  }
  return { tallest, used };
}
