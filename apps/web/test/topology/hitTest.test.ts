import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hitTest, indexRects, rectAt } from '../../src/service/topology/hitTest.ts';
import { BOX_LABEL, computeLayout, type LayoutInput } from '../../src/service/topology/layout.ts';

function input(boxes: number[], endpoints: number[]): LayoutInput {
  return {
    columns: Math.max(...boxes, 0) + 1,
    aspect: 1.5,
    boxColumn: Uint32Array.from(boxes),
    endpointBox: Uint32Array.from(endpoints),
    conditions: Uint8Array.from(endpoints, (_, i) => i % 4),
  };
}

describe('hit-testing', () => {
  const layout = computeLayout(input([0, 0, 1, 1, 2], [0, 0, 0, 1, 2, 2, 2, 2, 2, 4]));
  const index = indexRects(layout.boxes, layout.width, layout.height);

  it('finds the endpoint under its own centre', () => {
    for (let i = 0; i < 10; i++) {
      const hit = hitTest(index, layout, layout.positions[i * 2]!, layout.positions[i * 2 + 1]!);
      expect(hit.endpoint).toBe(i);
    }
  });

  it('finds a box but no endpoint in its label band or on an empty one', () => {
    const [x = 0, y = 0] = layout.boxes.subarray(0, 2);
    expect(hitTest(index, layout, x + 2, y + BOX_LABEL / 2)).toEqual({ box: 0, endpoint: -1 });
    const [ex = 0, ey = 0, ew = 0, eh = 0] = layout.boxes.subarray(3 * 4, 3 * 4 + 4);
    expect(hitTest(index, layout, ex + ew / 2, ey + eh - 2)).toEqual({ box: 3, endpoint: -1 });
  });

  it('finds nothing outside every box', () => {
    expect(hitTest(index, layout, -5, -5)).toEqual({ box: -1, endpoint: -1 });
    expect(hitTest(index, layout, layout.width + 50, 3)).toEqual({ box: -1, endpoint: -1 });
  });

  it('agrees with a search of every box (property)', () => {
    const arbitrary = fc.record({
      boxes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }),
      endpoints: fc.array(fc.nat(), { maxLength: 200 }),
      points: fc.array(
        fc.tuple(
          fc.double({ min: -0.1, max: 1.1, noNaN: true }),
          fc.double({ min: -0.1, max: 1.1, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 40,
        },
      ),
    });
    fc.assert(
      fc.property(arbitrary, ({ boxes, endpoints, points }) => {
        const given = input(
          boxes,
          endpoints.map((e) => e % boxes.length),
        );
        const drawn = computeLayout(given);
        const grid = indexRects(drawn.boxes, drawn.width, drawn.height);
        for (const [u, v] of points) {
          const x = u * drawn.width;
          const y = v * drawn.height;
          const found = rectAt(grid, drawn.boxes, x, y);
          const containing: number[] = [];
          for (let b = 0; b < boxes.length; b++) {
            const [bx = 0, by = 0, bw = 0, bh = 0] = drawn.boxes.subarray(b * 4, b * 4 + 4);
            if (x >= bx && y >= by && x <= bx + bw && y <= by + bh) containing.push(b);
          }
          if (containing.length === 0) expect(found).toBe(-1);
          else expect(containing).toContain(found);
        }
        for (let i = 0; i < given.endpointBox.length; i++) {
          const hit = hitTest(grid, drawn, drawn.positions[i * 2]!, drawn.positions[i * 2 + 1]!);
          expect(hit.endpoint).toBe(i);
        }
      }),
      { numRuns: 80 },
    );
  });
});
