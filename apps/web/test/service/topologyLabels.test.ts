import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnCounts } from '../../src/service/topology/aggregates.ts';
import { computeLayout } from '../../src/service/topology/layout.ts';
import { buildModel, layoutInputOf } from '../../src/service/topology/model.ts';
import { fits, labelsOf, nodeLabel } from '../../src/service/topology/overlay.ts';
import {
  fitLayout,
  HEADER_HEIGHT,
  IDENTITY,
  pxPerUnit,
  zoomLevel,
} from '../../src/service/topology/view.ts';
import { clusterSlices } from '../topology/fixtures.ts';

describe('topology labels', () => {
  it('cut a name keeping more of its end, where node numbers and addresses differ', () => {
    expect(fits('node-11', 38)).toBe('n…e-11');
    expect(fits('10.64.2.57', 50)).toBe('10….2.57');
    expect(fits('node-11', 100)).toBe('node-11');
    expect(fits('fd00:10:9::36', 56, false)).toBe('…10:9::36');
    expect(fits('10.64.12.57', 56, false)).toBe('…64.12.57');
  });

  it('drop the endpoint count before cutting the name', () => {
    expect(nodeLabel('node-11', 40, 100)).toBe('node-11 · 40');
    expect(nodeLabel('node-11', 40, 50)).toBe('node-11');
    expect(nodeLabel('node-11', undefined, 50)).toBe('node-11');
    expect(nodeLabel('node-11', 40, 38)).toBe('n…e-11');
  });

  it('never write more characters than fit, and keep the last character', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        (text, px, start) => {
          const cut = fits(text, px, start);
          expect(cut.length).toBeLessThanOrEqual(
            Math.max(2, Math.floor(px / 6.2), text.length <= 2 ? text.length : 0),
          );
          expect(cut.at(-1)).toBe(text.at(-1));
        },
      ),
    );
  });

  it('write whole node names in boxes of one endpoint at the first zoom', () => {
    // A DaemonSet's Service: one endpoint on each of 45 nodes in 3 zones, in a 1,370 × 630 view.
    const { slices, nodes } = clusterSlices({ endpoints: 45, nodes: 45, zones: 3 });
    const model = buildModel(slices, nodes);
    const [width, height] = [1370, 630];
    const layout = computeLayout(layoutInputOf(model, width / (height - HEADER_HEIGHT)));
    const base = fitLayout(layout.width, layout.height, width, height);
    const labels = labelsOf({
      width,
      height,
      base,
      transform: IDENTITY,
      level: zoomLevel(pxPerUnit(base, IDENTITY), layout.typicalBox),
      model,
      layout,
      columnCounts: columnCounts(model),
      theme: { fg: '', muted: '', sunken: '', box: '', boxBorder: '', highlight: '', focus: '' },
      selectedSlice: -1,
      selectedPerBox: undefined,
      selectedBox: -1,
      activeEndpoint: -1,
      fade: undefined,
    });
    const names = labels.filter((label) => label.kind === 'node').map((label) => label.text);
    expect(names.length).toBe(45);
    expect(names.filter((name) => name.includes('…'))).toEqual([]);
    expect(new Set(names)).toEqual(new Set(Object.keys(nodes)));
  });
});
