import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../../src/ui/conditions.ts';
import {
  BOX_GAP,
  BOX_LABEL,
  BOX_PAD,
  CELL,
  COLUMN_GAP,
  COLUMN_PAD,
  computeLayout,
  CONDITION_KINDS,
  gridOf,
  type Layout,
  type LayoutInput,
} from '../../src/service/topology/layout.ts';

const EPS = 1e-3;

const inputArbitrary = fc
  .record({
    columns: fc.integer({ min: 1, max: 5 }),
    boxes: fc.integer({ min: 1, max: 25 }),
    aspect: fc.double({ min: 0.2, max: 8, noNaN: true }),
  })
  .chain(({ columns, boxes, aspect }) =>
    fc.record({
      columns: fc.constant(columns),
      aspect: fc.constant(aspect),
      boxColumn: fc.array(fc.integer({ min: 0, max: columns - 1 }), {
        minLength: boxes,
        maxLength: boxes,
      }),
      endpoints: fc.array(
        fc.tuple(fc.integer({ min: 0, max: boxes - 1 }), fc.integer({ min: 0, max: 3 })),
        { maxLength: 300 },
      ),
    }),
  )
  .map((raw): LayoutInput => ({
    columns: raw.columns,
    aspect: raw.aspect,
    boxColumn: Uint32Array.from(raw.boxColumn),
    endpointBox: Uint32Array.from(raw.endpoints, ([box]) => box),
    conditions: Uint8Array.from(raw.endpoints, ([, condition]) => condition),
  }));

const rect = (array: Float32Array, i: number) => {
  const [x = NaN, y = NaN, w = NaN, h = NaN] = array.subarray(i * 4, i * 4 + 4);
  return { x, y, w, h };
};

function checkInvariants(input: LayoutInput, layout: Layout): void {
  const n = input.endpointBox.length;
  const boxes = input.boxColumn.length;
  // Every endpoint placed exactly once: order is a permutation, grouped by box.
  const seen = new Uint8Array(n);
  for (const i of layout.order) seen[i]! += 1;
  expect(seen.every((count) => count === 1)).toBe(true);
  expect(layout.boxStart[boxes]).toBe(n);
  for (let b = 0; b < boxes; b++) {
    for (let slot = layout.boxStart[b]!; slot < layout.boxStart[b + 1]!; slot++) {
      expect(input.endpointBox[layout.order[slot]!]).toBe(b);
    }
  }
  // Each endpoint's cell lies inside its box, below the label band.
  for (let i = 0; i < n; i++) {
    const box = rect(layout.boxes, input.endpointBox[i]!);
    const x = layout.positions[i * 2]!;
    const y = layout.positions[i * 2 + 1]!;
    expect(x - CELL / 2).toBeGreaterThanOrEqual(box.x + BOX_PAD - EPS);
    expect(x + CELL / 2).toBeLessThanOrEqual(box.x + box.w - BOX_PAD + EPS);
    expect(y - CELL / 2).toBeGreaterThanOrEqual(box.y + BOX_LABEL + BOX_PAD - EPS);
    expect(y + CELL / 2).toBeLessThanOrEqual(box.y + box.h - BOX_PAD + EPS);
  }
  // Boxes inside their column; columns inside the figure.
  for (let b = 0; b < boxes; b++) {
    const box = rect(layout.boxes, b);
    const column = rect(layout.columns, input.boxColumn[b]!);
    expect(box.x).toBeGreaterThanOrEqual(column.x - EPS);
    expect(box.y).toBeGreaterThanOrEqual(column.y - EPS);
    expect(box.x + box.w).toBeLessThanOrEqual(column.x + column.w + EPS);
    expect(box.y + box.h).toBeLessThanOrEqual(column.y + column.h + EPS);
  }
  for (let c = 0; c < input.columns; c++) {
    const column = rect(layout.columns, c);
    expect(column.x).toBeGreaterThanOrEqual(-EPS);
    expect(column.x + column.w).toBeLessThanOrEqual(layout.width + EPS);
    expect(column.y + column.h).toBeLessThanOrEqual(layout.height + EPS);
  }
  // No two boxes overlap, no two columns overlap.
  const disjoint = (array: Float32Array, count: number) => {
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const p = rect(array, a);
        const q = rect(array, b);
        const apart =
          p.x + p.w <= q.x + EPS ||
          q.x + q.w <= p.x + EPS ||
          p.y + p.h <= q.y + EPS ||
          q.y + q.h <= p.y + EPS;
        expect(apart).toBe(true);
      }
    }
  };
  disjoint(layout.boxes, boxes);
  disjoint(layout.columns, input.columns);
  // Columns are as wide as their widest row (or the narrowest a column gets): no empty band.
  let widestBox = 0;
  let widestRow = 0;
  for (let b = 0; b < boxes; b++) {
    const box = rect(layout.boxes, b);
    const column = rect(layout.columns, input.boxColumn[b]!);
    widestBox = Math.max(widestBox, box.w);
    widestRow = Math.max(widestRow, box.x + box.w - column.x - COLUMN_PAD);
  }
  const inner = rect(layout.columns, 0).w - 2 * COLUMN_PAD;
  expect(inner).toBeCloseTo(Math.max(widestRow, widestBox, 4 * CELL), 3);
  // No two endpoints share a cell.
  const cells = new Set<string>();
  for (let i = 0; i < n; i++)
    cells.add(`${layout.positions[i * 2]},${layout.positions[i * 2 + 1]}`);
  expect(cells.size).toBe(n);
}

describe('computeLayout', () => {
  it('places one box per node in its zone column, endpoints grouped by condition', () => {
    const input: LayoutInput = {
      columns: 2,
      aspect: 1.6,
      boxColumn: Uint32Array.from([0, 0, 1]),
      endpointBox: Uint32Array.from([0, 0, 1, 2, 0]),
      conditions: Uint8Array.from([3, 0, 0, 1, 0]),
    };
    const layout = computeLayout(input);
    checkInvariants(input, layout);
    // Box 0 holds endpoints 1 and 4 (ready) before 0 (not ready), in index order.
    expect(Array.from(layout.order.subarray(0, 3))).toEqual([1, 4, 0]);
    expect(Array.from(layout.boxStart)).toEqual([0, 3, 4, 5]);
    expect(layout.boxCols[0]).toBe(2);
    // Column 1 lies right of column 0.
    expect(rect(layout.columns, 1).x).toBeGreaterThan(
      rect(layout.columns, 0).x + rect(layout.columns, 0).w,
    );
  });

  it('makes a zone column as wide as its rows of node boxes', () => {
    // 15 nodes of one endpoint in each of 3 zones, in a wide plot: rows of whole boxes.
    const input: LayoutInput = {
      columns: 3,
      aspect: 2.4,
      boxColumn: Uint32Array.from({ length: 45 }, (_, b) => Math.floor(b / 15)),
      endpointBox: Uint32Array.from({ length: 45 }, (_, b) => b),
      conditions: new Uint8Array(45),
    };
    const layout = computeLayout(input);
    checkInvariants(input, layout);
    const box = rect(layout.boxes, 0);
    const perRow = Array.from({ length: 15 }, (_, b) => rect(layout.boxes, b).y).filter(
      (y) => y === box.y,
    ).length;
    expect(perRow).toBeGreaterThan(1);
    expect(rect(layout.columns, 0).w).toBeCloseTo(
      2 * COLUMN_PAD + perRow * box.w + (perRow - 1) * BOX_GAP,
      3,
    );
    // Of every number of boxes per row, the one that shows the figure largest in the view.
    const heightNeeded = (width: number, height: number) => Math.max(width / input.aspect, height);
    const best = Math.min(
      ...Array.from({ length: 15 }, (_, k) => {
        const rows = Math.ceil(15 / (k + 1));
        const inner = Math.max(4 * CELL, (k + 1) * box.w + k * BOX_GAP);
        return heightNeeded(
          3 * (inner + 2 * COLUMN_PAD + COLUMN_GAP) - COLUMN_GAP,
          rows * box.h + (rows - 1) * BOX_GAP + 2 * COLUMN_PAD,
        );
      }),
    );
    expect(heightNeeded(layout.width, layout.height)).toBeCloseTo(best, 3);
  });

  it('lays out nothing for no columns', () => {
    const layout = computeLayout({
      columns: 0,
      aspect: 1,
      boxColumn: new Uint32Array(0),
      endpointBox: new Uint32Array(0),
      conditions: new Uint8Array(0),
    });
    expect(layout.width).toBe(0);
    expect(layout.height).toBe(0);
    expect(layout.order.length).toBe(0);
  });

  it('gives square-ish grids with room for every endpoint', () => {
    for (const n of [0, 1, 2, 5, 16, 17, 1400]) {
      const { cols, rows } = gridOf(n);
      expect(cols * rows).toBeGreaterThanOrEqual(Math.max(1, n));
      expect(Math.abs(cols - rows)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps its invariants for any input (property)', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => checkInvariants(input, computeLayout(input))),
      { numRuns: 150 },
    );
  });

  it('is deterministic (property)', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const copy: LayoutInput = {
          ...input,
          boxColumn: input.boxColumn.slice(),
          endpointBox: input.endpointBox.slice(),
          conditions: input.conditions.slice(),
        };
        expect(computeLayout(copy)).toEqual(computeLayout(input));
      }),
      { numRuns: 60 },
    );
  });

  it('sorts by as many conditions as the dashboard has', () => {
    expect(CONDITION_KINDS).toBe(CONDITIONS.length);
  });
});
