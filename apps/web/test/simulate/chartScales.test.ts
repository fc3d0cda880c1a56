import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHART_FRAME,
  ZERO_BAND,
  chartScales,
  linePath,
  logDomain,
  logTickLabels,
  logTicks,
  stemsOutlinePath,
  timeDomain,
} from '../../src/simulate/chartScales.ts';
import {
  formatBytes,
  formatInstant,
  formatRatio,
  formatSeconds,
} from '../../src/simulate/format.ts';

const isPowerOfTen = (value: number) =>
  Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9;

const baseline = CHART_FRAME.height - CHART_FRAME.margin.bottom;
const top = CHART_FRAME.margin.top;

describe('the log scale of the charts', () => {
  it('spans powers of ten around the positive values and ignores zeros', () => {
    expect(logDomain([0, 0, 20_000, 5])).toEqual([1, 100_000]);
    expect(logDomain([0, 1e12, 2e14])).toEqual([1e12, 1e15]);
    expect(logDomain([1000])).toEqual([1000, 10_000]);
    expect(logDomain([0.5, 3])).toEqual([0.1, 10]);
  });

  it('has a domain even when every value is 0 (a run without writes)', () => {
    expect(logDomain([])).toEqual([1, 10]);
    expect(logDomain([0, 0, Number.NaN, -3])).toEqual([1, 10]);
  });

  it('holds every positive value between two powers of ten', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e17, noNaN: true })), {
          maxLength: 40,
        }),
        (values) => {
          const [low, high] = logDomain(values);
          expect(low).toBeGreaterThan(0);
          expect(high).toBeGreaterThan(low);
          expect(isPowerOfTen(low) && isPowerOfTen(high)).toBe(true);
          for (const value of values.filter((v) => v > 0)) {
            expect(value).toBeGreaterThanOrEqual(low * (1 - 1e-12));
            expect(value).toBeLessThanOrEqual(high * (1 + 1e-12));
          }
          // At most one decade of room on either side.
          const positive = values.filter((v) => v > 0);
          if (positive.length > 0) {
            expect(Math.min(...positive) / low).toBeLessThan(10 + 1e-9);
            expect(high / Math.max(...positive)).toBeLessThanOrEqual(10 + 1e-9);
          }
        },
      ),
    );
  });

  it('puts zeros on the baseline, below the smallest value, and larger values higher', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 50 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (values) => {
          const { yOf } = chartScales(
            CHART_FRAME,
            values.map((_, index) => index),
            values,
          );
          const sorted = [...values].sort((a, b) => a - b);
          for (let index = 1; index < sorted.length; index++) {
            expect(yOf(sorted[index]!)).toBeLessThanOrEqual(yOf(sorted[index - 1]!));
          }
          for (const value of values) {
            const y = yOf(value);
            expect(y).toBeGreaterThanOrEqual(top - 1e-9);
            expect(y).toBeLessThanOrEqual(baseline + 1e-9);
            if (value === 0) expect(y).toBe(baseline);
            else expect(y).toBeLessThanOrEqual(baseline - ZERO_BAND + 1e-9);
          }
        },
      ),
    );
  });

  it('keeps the 0 label a text line clear of the lowest power of ten', () => {
    const { y, baseline } = chartScales(CHART_FRAME, [0, 1], [0, 1, 1000]);
    expect(baseline - y(1)).toBeGreaterThanOrEqual(18);
  });

  it('labels powers of ten, thinned when there are many', () => {
    expect(logTicks([1, 1e5])).toEqual([1, 10, 100, 1000, 1e4, 1e5]);
    const many = logTicks([1e12, 1e15 * 1e6]);
    expect(many.length).toBeLessThanOrEqual(8);
    expect(many[0]).toBe(1e12);
  });

  it('labels one axis all in words or all in powers of ten, never both', () => {
    expect(logTickLabels([1, 10, 100, 1000], 'count')).toEqual(['1', '10', '100', '1,000']);
    expect(logTickLabels([1, 10, 100, 1000, 1e4, 1e5], 'count')).toEqual([
      '10⁰',
      '10¹',
      '10²',
      '10³',
      '10⁴',
      '10⁵',
    ]);
    expect(logTickLabels([1e11, 1e13], 'count')).toEqual(['10¹¹', '10¹³']);
    expect(logTickLabels([1, 1000, 1e6], 'bytes')).toEqual(['1 B', '1 KB', '1 MB']);
  });

  it('widens a single instant to one second', () => {
    expect(timeDomain([])).toEqual([0, 1]);
    expect(timeDomain([1])).toEqual([1, 2]);
    expect(timeDomain([0, 610])).toEqual([0, 610]);
  });

  it('draws a level across to the next point, never a slope', () => {
    // Objects hold until the next point: across, then up or down.
    expect(
      linePath(
        [
          [1, 2],
          [3, 4],
          [5, 4],
        ],
        'steps',
        100,
      ),
    ).toBe('M1.0,2.0H3.0V4.0H5.0V4.0');
    expect(linePath([], 'steps', 100)).toBe('');
  });

  it('draws what happens at a step as a stem at it, and nothing between steps', () => {
    expect(
      linePath(
        [
          [1, 20],
          [3.25, 100],
          [40, 60.04],
        ],
        'stems',
        100,
      ),
    ).toBe('M1.0,100.0V20.0M40.0,100.0V60.0');
  });

  it('draws stems too close to tell apart as the outline of their tops, column by column', () => {
    const points: [number, number][] = [
      [10, 50],
      [10.5, 30],
      [11, 100],
      [14.2, 60],
      [15, 60],
      [17, 100],
    ];
    // Columns of 2 px: 10–12 at the highest of its three, 12–14 empty, 14–16 at 60, and 16–18
    // only a stem of 0: two outlines, nothing drawn along the baseline.
    expect(stemsOutlinePath(points, 100, 2)).toBe(
      'M10.0,100.0V30.0H12.0V100.0M14.0,100.0V60.0H16.0V100.0',
    );
    expect(
      stemsOutlinePath(
        [
          [3, 100],
          [9, 100],
        ],
        100,
        2,
      ),
    ).toBe('');
    // Neighbouring columns at different heights step from one to the next.
    expect(
      stemsOutlinePath(
        [
          [0, 40],
          [2, 70],
          [3, 70],
        ],
        100,
        2,
      ),
    ).toBe('M0.0,100.0V40.0H2.0V70.0H4.0V100.0');
    expect(stemsOutlinePath([], 100, 2)).toBe('');
  });
});

describe('figures as the published sources write them', () => {
  it('writes bytes in decimal units with three significant digits', () => {
    expect(formatBytes(2e14)).toBe('200 TB');
    expect(formatBytes(1e12)).toBe('1 TB');
    expect(formatBytes(1e10)).toBe('10 GB');
    expect(formatBytes(2.25e13)).toBe('22.5 TB');
    expect(formatBytes(4.5e9)).toBe('4.5 GB');
    expect(formatBytes(999_960)).toBe('1 MB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(-1)).toBe('–');
  });

  it('shows bytes within half a percent of the exact figure', () => {
    const units: Record<string, number> = {
      B: 1,
      KB: 1e3,
      MB: 1e6,
      GB: 1e9,
      TB: 1e12,
      PB: 1e15,
      EB: 1e18,
    };
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e20, noNaN: true }), (bytes) => {
        const [number, unit] = formatBytes(bytes).split(' ');
        const shown = Number(number) * units[unit!]!;
        expect(Math.abs(shown - bytes) / bytes).toBeLessThan(0.005);
      }),
    );
  });

  it('writes ratios and durations', () => {
    expect(formatRatio(200)).toBe('200×');
    // Steps of a one-by-one rollout are milliseconds apart: their rows must not all read "16".
    expect([16.011, 16.019, 2, 1234.5].map(formatInstant)).toEqual([
      '16.011',
      '16.019',
      '2',
      '1,234.5',
    ]);
    expect(formatRatio(0.8571)).toBe('0.86×');
    // B ÷ A of 9.01 MB against 62.7 GB: small, not nothing.
    expect(formatRatio(9.01e6 / 62.7e9)).toBe('0.00014×');
    expect(formatRatio(0)).toBe('0×');
    expect(formatRatio(null)).toBe('–');
    expect(formatSeconds(1)).toBe('1 s');
    expect(formatSeconds(610)).toBe('10 min 10 s');
    expect(formatSeconds(7200)).toBe('2 h');
  });
});
