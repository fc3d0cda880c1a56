import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointBins } from '../../src/overview/map/bins.ts';

describe('endpointBins', () => {
  it('gives nodes without endpoints a bin of their own', () => {
    const bins = endpointBins(54);
    expect(bins.binOf(0)).toBe(0);
    expect(bins.ranges[0]).toEqual({ min: 0, max: 0, label: '0' });
    expect(bins.binOf(1)).toBe(1);
  });

  it('splits 1..max into equal integer ranges', () => {
    expect(endpointBins(54).ranges.map((range) => range.label)).toEqual([
      '0',
      '1–14',
      '15–27',
      '28–41',
      '42–54',
    ]);
    expect(endpointBins(3).ranges.map((range) => range.label)).toEqual(['0', '1', '2', '3']);
    expect(endpointBins(0).ranges.map((range) => range.label)).toEqual(['0']);
  });

  it('puts every count into the one bin whose range holds it, bins rising with the count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 8 }),
        (max, wanted) => {
          const bins = endpointBins(max, wanted);
          expect(bins.ranges.length).toBeLessThanOrEqual(wanted + 1);
          // Ranges tile 0..max without gaps or overlaps.
          expect(bins.ranges[0]?.min).toBe(0);
          expect(bins.ranges.at(-1)?.max).toBe(max);
          for (let bin = 1; bin < bins.ranges.length; bin++) {
            expect(bins.ranges[bin]!.min).toBe(bins.ranges[bin - 1]!.max + 1);
            expect(bins.ranges[bin]!.max).toBeGreaterThanOrEqual(bins.ranges[bin]!.min);
          }
          const samples = [0, 1, max, Math.floor(max / 2), Math.floor(max / 3), max - 1];
          for (const endpoints of samples.filter((value) => value >= 0 && value <= max)) {
            const range = bins.ranges[bins.binOf(endpoints)]!;
            expect(endpoints).toBeGreaterThanOrEqual(range.min);
            expect(endpoints).toBeLessThanOrEqual(range.max);
          }
        },
      ),
    );
  });

  it('is monotonic in the endpoint count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (max, a, b) => {
          const bins = endpointBins(max);
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(bins.binOf(low)).toBeLessThanOrEqual(bins.binOf(high));
        },
      ),
    );
  });
});
