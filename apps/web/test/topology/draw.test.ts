import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { columnCounts, sliceBoxCounts } from '../../src/service/topology/aggregates.ts';
import { drawFrame, type Frame } from '../../src/service/topology/draw.ts';
import { CELL, computeLayout } from '../../src/service/topology/layout.ts';
import { SHAPE_OF } from '../../src/service/topology/marks.ts';
import { buildModel, layoutInputOf } from '../../src/service/topology/model.ts';
import {
  fitLayout,
  intersects,
  visibleWorld,
  type Transform,
  type ZoomLevel,
} from '../../src/service/topology/view.ts';
import { clusterSlices } from './fixtures.ts';

/** A Path2D that counts the shapes added to it (a shape starts with moveTo; a cross has two). */
class CountingPath {
  static all: CountingPath[] = [];
  moves = 0;
  rects = 0;
  constructor() {
    CountingPath.all.push(this);
  }
  moveTo() {
    this.moves++;
  }
  lineTo() {}
  arc() {}
  closePath() {}
  rect() {
    this.rects++;
  }
}

/** A 2D context recording what was filled and stroked, in which colour and opacity. */
function recordingContext() {
  const painted: { path: CountingPath; style: string; alpha: number }[] = [];
  const rects: { style: string }[] = [];
  const context = {
    globalAlpha: 1,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform() {},
    clearRect() {},
    save() {},
    restore() {},
    beginPath() {},
    rect() {},
    clip() {},
    arc() {},
    setLineDash() {},
    strokeRect() {},
    fillRect() {
      rects.push({ style: String(context.fillStyle) });
    },
    fill(path?: CountingPath) {
      if (path)
        painted.push({ path, style: String(context.fillStyle), alpha: context.globalAlpha });
    },
    stroke(path?: CountingPath) {
      if (path)
        painted.push({ path, style: String(context.strokeStyle), alpha: context.globalAlpha });
    },
  };
  return { context: context as unknown as CanvasRenderingContext2D, painted, rects };
}

const { slices, nodes } = clusterSlices({ endpoints: 3000, nodes: 120, zones: 3 });
const model = buildModel(slices, nodes);
const layout = computeLayout(layoutInputOf(model, 1.6));
const theme = {
  fg: '#000',
  muted: '#555',
  sunken: '#eee',
  box: '#ddd',
  boxBorder: '#bbb',
  highlight: '#c2185b',
  focus: '#0b5cad',
};
const base = fitLayout(layout.width, layout.height, 1000, 700);

function frame(level: ZoomLevel, transform: Transform, change: Partial<Frame> = {}): Frame {
  return {
    width: 1000,
    height: 700,
    base,
    transform,
    level,
    model,
    layout,
    columnCounts: columnCounts(model),
    theme,
    selectedSlice: -1,
    selectedPerBox: undefined,
    selectedBox: -1,
    activeEndpoint: -1,
    fade: undefined,
    ...change,
  };
}

/** Shapes (moveTo per shape, two for a cross) that culling should draw in this view. */
function expectedMoves(transform: Transform, keep: (i: number) => boolean = () => true): number {
  const rect = visibleWorld(base, transform, 1000, 700);
  let moves = 0;
  for (let i = 0; i < model.count; i++) {
    const b = model.endpointBox[i]!;
    const [bx = 0, by = 0, bw = 0, bh = 0] = layout.boxes.subarray(b * 4, b * 4 + 4);
    if (!intersects(rect, bx, by, bw, bh) || !keep(i)) continue;
    const x = layout.positions[i * 2]!;
    const y = layout.positions[i * 2 + 1]!;
    if (x < rect.x0 - CELL || x > rect.x1 + CELL || y < rect.y0 - CELL || y > rect.y1 + CELL)
      continue;
    moves += SHAPE_OF[model.conditions[i]!] === 'cross' ? 2 : 1;
  }
  return moves;
}

const zoomed: Transform = { k: 6, x: -2500, y: -1500 };
const shapesIn = (painted: ReturnType<typeof recordingContext>['painted'], alpha?: number) =>
  painted
    .filter((entry) => alpha === undefined || entry.alpha === alpha)
    .reduce((sum, entry) => sum + entry.path.moves, 0);

describe('drawFrame', () => {
  beforeEach(() => {
    CountingPath.all = [];
    vi.stubGlobal('Path2D', CountingPath);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('draws only the endpoints in view, one path per condition', () => {
    const { context, painted } = recordingContext();
    drawFrame(context, frame('endpoint', zoomed), 1);
    const drawn = shapesIn(painted);
    expect(drawn).toBe(expectedMoves(zoomed));
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(expectedMoves({ k: 1, x: 0, y: 0 }));
    const colours = new Set(
      painted.filter((entry) => entry.path.moves > 0).map((entry) => entry.style),
    );
    expect(colours.size).toBeLessThanOrEqual(4);
  });

  it('draws the selected slice in full and the rest dimmed', () => {
    const { context, painted } = recordingContext();
    const slice = 3;
    drawFrame(
      context,
      frame(
        'endpoint',
        { k: 1, x: 0, y: 0 },
        { selectedSlice: slice, selectedPerBox: sliceBoxCounts(model, slice) },
      ),
      1,
    );
    const all = { k: 1, x: 0, y: 0 };
    expect(shapesIn(painted, 1)).toBe(expectedMoves(all, (i) => model.sliceOf[i] === slice));
    expect(shapesIn(painted, 0.22)).toBe(expectedMoves(all, (i) => model.sliceOf[i] !== slice));
  });

  it('grows appearing endpoints in and fades those that went', () => {
    const { context, painted } = recordingContext();
    const fresh = new Uint8Array(model.count);
    fresh[0] = 1;
    fresh[1] = 1;
    drawFrame(
      context,
      frame(
        'endpoint',
        { k: 1, x: 0, y: 0 },
        {
          fade: {
            progress: 0.5,
            fresh,
            gone: { layout, conditions: model.conditions, indices: [5] },
          },
        },
      ),
      1,
    );
    expect(shapesIn(painted, 0.5)).toBe(
      expectedMoves({ k: 1, x: 0, y: 0 }, (i) => i <= 1) +
        (SHAPE_OF[model.conditions[5]!] === 'cross' ? 2 : 1),
    );
  });

  it('draws node boxes without marks at the node level, and bars per zone at the zone level', () => {
    const nodeLevel = recordingContext();
    drawFrame(nodeLevel.context, frame('node', { k: 1, x: 0, y: 0 }), 1);
    expect(shapesIn(nodeLevel.painted)).toBe(0);
    const boxes = CountingPath.all[0]!;
    expect(boxes.rects).toBe(model.boxes.length);
    const zoneLevel = recordingContext();
    drawFrame(zoneLevel.context, frame('zone', { k: 1, x: 0, y: 0 }), 1);
    // Column backgrounds, then one bar segment per zone and condition.
    expect(zoneLevel.rects.length).toBe(model.columns.length * 5);
  });
});
