import { describe, expect, it } from 'vitest';
import { visibleBoxes } from '../../src/service/topology/draw.ts';
import { indexRects } from '../../src/service/topology/hitTest.ts';
import { BOX_LABEL, BOX_PAD, CELL, computeLayout } from '../../src/service/topology/layout.ts';
import { buildModel, layoutInputOf } from '../../src/service/topology/model.ts';
import {
  ENDPOINT_CELL_PX,
  fitLayout,
  visibleWorld,
  zoomLevel,
} from '../../src/service/topology/view.ts';
import { clusterSlices } from './fixtures.ts';

/**
 * The target size (100,000 endpoints on 5,000 nodes) completes, and what one frame has to touch
 * stays bounded. Timings belong in the browser benchmark, not here.
 */
describe('100,000 endpoints on 5,000 nodes', () => {
  const { slices, nodes } = clusterSlices({ endpoints: 100_000, nodes: 5_000, zones: 3 });
  const model = buildModel(slices, nodes);
  const layout = computeLayout(layoutInputOf(model, 1200 / 700));

  it('models and lays out every endpoint inside its node box', () => {
    expect(model.count).toBe(100_000);
    expect(model.nodes).toBe(5_000);
    expect(model.columns).toHaveLength(3);
    let outside = 0;
    for (let i = 0; i < model.count; i++) {
      const b = model.endpointBox[i]!;
      const x = layout.positions[i * 2]!;
      const y = layout.positions[i * 2 + 1]!;
      const [bx = 0, by = 0, bw = 0, bh = 0] = layout.boxes.subarray(b * 4, b * 4 + 4);
      if (x < bx + BOX_PAD || x > bx + bw - BOX_PAD || y < by + BOX_LABEL || y > by + bh) outside++;
    }
    expect(outside).toBe(0);
  });

  it('keeps the figure near the asked aspect and starts zoomed out to zones or nodes', () => {
    const aspect = layout.width / layout.height;
    expect(aspect).toBeGreaterThan(1200 / 700 / 2);
    expect(aspect).toBeLessThan((1200 / 700) * 2);
    const base = fitLayout(layout.width, layout.height, 1200, 700);
    expect(zoomLevel(base.scale, layout.typicalBox)).not.toBe('endpoint');
  });

  it('indexes each box in few grid cells', () => {
    const index = indexRects(layout.boxes, layout.width, layout.height);
    expect(index.items.length).toBeLessThanOrEqual(4 * model.boxes.length);
  });

  it('draws a bounded number of marks per frame at the endpoint level', () => {
    const base = fitLayout(layout.width, layout.height, 1200, 700);
    const k = ENDPOINT_CELL_PX / (CELL * base.scale);
    const transform = { k, x: -600 * (k - 1), y: -350 * (k - 1) };
    expect(zoomLevel(base.scale * k, layout.typicalBox)).toBe('endpoint');
    const boxes = visibleBoxes(layout, visibleWorld(base, transform, 1200, 700));
    let marks = 0;
    for (const b of boxes) marks += layout.boxStart[b + 1]! - layout.boxStart[b]!;
    // A screen of 7 px cells holds ~17,000 cells; boxes cut by the edges add a margin.
    expect(marks).toBeLessThan(25_000);
    expect(boxes.length).toBeLessThan(model.boxes.length / 4);
  });
});
