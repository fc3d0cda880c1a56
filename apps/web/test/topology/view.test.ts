import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL } from '../../src/service/topology/layout.ts';
import {
  ENDPOINT_CELL_PX,
  fitLayout,
  HEADER_HEIGHT,
  maxZoom,
  MARGIN,
  NODE_BOX_PX,
  showsAddresses,
  toScreen,
  toWorld,
  visibleWorld,
  zoomLevel,
} from '../../src/service/topology/view.ts';

describe('zoom level', () => {
  const typicalBox = 60;

  it('shows zones when node boxes would be tiny', () => {
    expect(zoomLevel((NODE_BOX_PX - 1) / typicalBox, typicalBox)).toBe('zone');
  });

  it('shows node boxes once a typical box is wide enough, endpoints once a cell is', () => {
    expect(zoomLevel(NODE_BOX_PX / typicalBox, typicalBox)).toBe('node');
    expect(zoomLevel((ENDPOINT_CELL_PX - 0.5) / CELL, typicalBox)).toBe('node');
    expect(zoomLevel(ENDPOINT_CELL_PX / CELL, typicalBox)).toBe('endpoint');
  });

  it('goes zone → node → endpoint as the scale grows (property)', () => {
    const rank = { zone: 0, node: 1, endpoint: 2 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 16, max: 400, noNaN: true }),
        (scale, factor, box) => {
          expect(rank[zoomLevel(scale * factor, box)]).toBeGreaterThanOrEqual(
            rank[zoomLevel(scale, box)],
          );
        },
      ),
    );
  });

  it('writes addresses only far in, and lets the zoom reach that far', () => {
    expect(showsAddresses(1)).toBe(false);
    expect(showsAddresses(10)).toBe(true);
    const base = fitLayout(20_000, 10_000, 1200, 800);
    expect(showsAddresses(base.scale * maxZoom(base))).toBe(true);
  });
});

describe('view transforms', () => {
  it('fits the layout below the header band, centred', () => {
    const base = fitLayout(1000, 500, 1200, 800);
    const [left, top] = toScreen(base, { k: 1, x: 0, y: 0 }, 0, 0);
    const [right, bottom] = toScreen(base, { k: 1, x: 0, y: 0 }, 1000, 500);
    expect(top).toBe(HEADER_HEIGHT + MARGIN);
    expect(left).toBeGreaterThanOrEqual(MARGIN - 1e-9);
    expect(right).toBeLessThanOrEqual(1200 - MARGIN + 1e-9);
    expect(bottom).toBeLessThanOrEqual(800 - MARGIN + 1e-9);
    expect(left + right).toBeCloseTo(1200);
  });

  it('maps back and forth (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        (k, tx, ty, x, y) => {
          const base = fitLayout(3000, 2000, 1000, 700);
          const t = { k, x: tx, y: ty };
          const [sx, sy] = toScreen(base, t, x, y);
          const [wx, wy] = toWorld(base, t, sx, sy);
          expect(wx).toBeCloseTo(x, 6);
          expect(wy).toBeCloseTo(y, 6);
        },
      ),
    );
  });

  it('sees all of the layout unzoomed and a part of it zoomed in', () => {
    const base = fitLayout(1000, 500, 1200, 800);
    const whole = visibleWorld(base, { k: 1, x: 0, y: 0 }, 1200, 800);
    expect(whole.x0).toBeLessThanOrEqual(0);
    expect(whole.y0).toBeLessThanOrEqual(0);
    expect(whole.x1).toBeGreaterThanOrEqual(1000);
    expect(whole.y1).toBeGreaterThanOrEqual(500);
    const part = visibleWorld(base, { k: 4, x: -1200, y: -800 }, 1200, 800);
    expect(part.x1 - part.x0).toBeCloseTo((whole.x1 - whole.x0) / 4);
  });
});
