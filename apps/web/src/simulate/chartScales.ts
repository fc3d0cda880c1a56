import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { formatBytes } from './format.ts';
import { formatCount } from '../ui/count.ts';

/**
 * The scales of the Simulate page's charts: simulated time across, and a log scale up, on which
 * Endpoints and EndpointSlices figures that differ by orders of magnitude both stay readable.
 * A log scale has no place for 0 (a step without writes): zeros sit on the baseline, a band
 * below the bottom of the log domain (a power of ten at or below the smallest positive value),
 * so that a 0 is never drawn where a 1 would be.
 */

export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/**
 * Pixels between the baseline, where zeros sit, and the bottom of the log scale: the "0" label
 * and the lowest power of ten's (12 px text, superscripts included) a line and a gap apart.
 */
export const ZERO_BAND = 20;

export const CHART_FRAME: ChartFrame = {
  width: 640,
  height: 300,
  margin: { top: 60, right: 20, bottom: 44, left: 64 },
};

/** Powers of ten around the positive values: [10^⌊log min⌋, 10^⌈log max⌉], never empty. */
export function logDomain(values: Iterable<number>): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const value of values) {
    if (!(value > 0) || !Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (max === 0) return [1, 10];
  const low = 10 ** Math.floor(Math.log10(min) + 1e-9);
  let high = 10 ** Math.ceil(Math.log10(max) - 1e-9);
  // Rounding of log10 at exact powers: make sure the domain holds the extremes.
  const lowest = low > min ? low / 10 : low;
  if (high < max) high *= 10;
  return [lowest, high > lowest ? high : lowest * 10];
}

/** The time domain, widened to one second when the run has a single instant. */
export function timeDomain(times: readonly number[]): [number, number] {
  if (times.length === 0) return [0, 1];
  const first = Math.min(...times);
  const last = Math.max(...times);
  return last > first ? [first, last] : [first, first + 1];
}

export interface ChartScales {
  x: ScaleLinear<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** Where a value sits vertically: zeros on the baseline, below the log scale. */
  yOf(value: number): number;
  baseline: number;
}

export function chartScales(
  frame: ChartFrame,
  times: readonly number[],
  values: Iterable<number>,
): ChartScales {
  const { width, height, margin } = frame;
  const x = scaleLinear()
    .domain(timeDomain(times))
    .range([margin.left, width - margin.right]);
  const baseline = height - margin.bottom;
  const y = scaleLog()
    .domain(logDomain(values))
    .range([baseline - ZERO_BAND, margin.top])
    .clamp(true);
  return { x, y, baseline, yOf: (value) => (value > 0 ? y(value) : baseline) };
}

/** The powers of ten of a log domain, every other one when there would be more than `most`. */
export function logTicks([low, high]: readonly [number, number], most = 8): number[] {
  const first = Math.round(Math.log10(low));
  const last = Math.round(Math.log10(high));
  const step = Math.max(1, Math.ceil((last - first + 1) / most));
  const ticks: number[] = [];
  for (let power = first; power <= last; power += step) ticks.push(10 ** power);
  return ticks;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** Counts reach this before their axis is labelled in powers of ten. */
const POWERS_FROM = 10_000;

function powerOfTen(value: number): string {
  const power = String(Math.round(Math.log10(value)));
  return `10${[...power].map((digit) => SUPERSCRIPT[Number(digit)]).join('')}`;
}

/**
 * The labels of a log axis's ticks ({@link logTicks}): bytes in decimal units (1 KB, 10 KB …);
 * counts written out (1, 10, 100, 1,000) while the axis stays below 10,000, and every one as a
 * power of ten (10⁰ … 10⁶) once it reaches that, so that one axis never mixes the two.
 */
export function logTickLabels(ticks: readonly number[], unit: 'count' | 'bytes'): string[] {
  if (unit === 'bytes') return ticks.map(formatBytes);
  const powers = ticks.some((tick) => tick >= POWERS_FROM);
  return ticks.map((tick) => (powers ? powerOfTen(tick) : formatCount(tick)));
}

/**
 * How a line draws its points: `steps` for a level that holds until the next point (objects
 * that exist: across, then up or down); `stems` for what happens at the points only (writes
 * and bytes of a step: a stem up from the baseline at each, nothing between, since nothing
 * happens between two steps).
 */
export type LineShape = 'steps' | 'stems';

/** An SVG path of the points drawn as `shape`, above `baseline`, rounded to tenths of a pixel. */
export function linePath(
  points: readonly (readonly [number, number])[],
  shape: LineShape,
  baseline: number,
): string {
  const at = (value: number) => value.toFixed(1);
  if (shape === 'stems') {
    return points
      .filter(([, py]) => py < baseline)
      .map(([px, py]) => `M${at(px)},${at(baseline)}V${at(py)}`)
      .join('');
  }
  return points
    .map(([px, py], index) => (index === 0 ? `M${at(px)},${at(py)}` : `H${at(px)}V${at(py)}`))
    .join('');
}

/**
 * Stems too close together to be told apart, as the outline of their tops: the plot cut into
 * columns `column` pixels wide, each at the height of its highest stem. Columns without a stem
 * above the baseline draw nothing, as a stem of 0 draws nothing (linePath): each run of
 * neighbouring columns is an outline of its own. The points are in order of x.
 */
export function stemsOutlinePath(
  points: readonly (readonly [number, number])[],
  baseline: number,
  column: number,
): string {
  const tops = new Map<number, number>();
  for (const [px, py] of points) {
    if (py >= baseline) continue;
    const index = Math.floor(px / column);
    tops.set(index, Math.min(py, tops.get(index) ?? baseline));
  }
  const at = (value: number) => value.toFixed(1);
  let path = '';
  for (const [index, top] of tops) {
    const before = tops.get(index - 1);
    if (before === undefined) path += `M${at(index * column)},${at(baseline)}V${at(top)}`;
    else if (before !== top) path += `H${at(index * column)}V${at(top)}`;
    if (!tops.has(index + 1)) path += `H${at((index + 1) * column)}V${at(baseline)}`;
  }
  return path;
}
