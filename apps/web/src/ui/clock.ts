/** Moments as the dashboard writes them: local time, 24-hour, everywhere the same. */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** A moment as local `HH:MM:SS`, from ms since the epoch. */
export function formatTimeOfDay(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return 'unknown time';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A moment as local `YYYY-MM-DD HH:MM:SS.mmm`, from ms since the epoch. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return 'unknown time';
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${formatTimeOfDay(ms)}.${pad(date.getMilliseconds(), 3)}`;
}
