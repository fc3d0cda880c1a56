/**
 * Time text as the Kubernetes API writes it. Timestamps in object metadata are RFC 3339 in UTC
 * with whole seconds; the trigger-time annotation uses Go's RFC3339Nano, which drops trailing
 * zeros of the fraction ("2024-05-06T07:08:09.1Z", "2024-05-06T07:08:09Z").
 */

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function dateTime(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/** The last time formatTime wrote: the engine stamps many objects with one time in a row. */
let lastTime = { ms: Number.NaN, text: '' };

/** metav1.Time: seconds precision, e.g. `2026-01-01T00:00:05Z`. */
export function formatTime(ms: number): string {
  if (ms !== lastTime.ms) lastTime = { ms, text: `${dateTime(ms)}Z` };
  return lastTime.text;
}

/** The last trigger time formatRfc3339Nano wrote: Services changed together share it. */
let lastTriggerTime = { ms: Number.NaN, text: '' };

/** Go's time.RFC3339Nano in UTC for a millisecond time. */
export function formatRfc3339Nano(ms: number): string {
  if (ms === lastTriggerTime.ms) return lastTriggerTime.text;
  const fraction = String(((ms % 1000) + 1000) % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  lastTriggerTime = { ms, text: `${dateTime(ms)}${fraction ? `.${fraction}` : ''}Z` };
  return lastTriggerTime.text;
}
