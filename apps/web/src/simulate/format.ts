/**
 * Figures as the published sources write them: bytes in decimal units (1 KB = 10³ B, as
 * scale-facts.md and the KEP use), ratios with a ×. Counts are the dashboard's (ui/count.ts).
 */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

const TIME = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** A simulated instant in seconds, to the millisecond: steps can be milliseconds apart. */
export function formatInstant(seconds: number): string {
  return TIME.format(seconds);
}

/** At most three significant digits, trailing zeros dropped: 200 TB, 22.5 TB, 4.5 GB, 10 KB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Rounding can carry into the next unit (999.96 KB → 1 MB).
  let shown = Number(value.toPrecision(3));
  if (shown >= 1000 && unit < UNITS.length - 1) {
    shown = Number((shown / 1000).toPrecision(3));
    unit += 1;
  }
  return `${shown} ${UNITS[unit]}`;
}

/**
 * Endpoints ÷ EndpointSlices: `200×`, `0.86×`; a ratio below 0.01 with two significant digits
 * (`0.00014×`), never a bare `0×` for a figure that is not 0; `–` where there is nothing to
 * divide by.
 */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  if (ratio > 0 && ratio < 0.01) return `${Number(ratio.toPrecision(2))}×`;
  const digits = ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2;
  return `${Number(ratio.toFixed(digits))}×`;
}

/** Simulated seconds as `90 s`, `12 min 30 s`, `2 h 5 min`. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${Number(seconds.toFixed(1))} s`;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
}
