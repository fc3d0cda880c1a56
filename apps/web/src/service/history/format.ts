/** Small text formats the Service views share. */
import { formatClock } from '../../ui/clock.ts';

/** An RFC 3339 timestamp (as Kubernetes writes them) shown as local time; the text if unparseable. */
export function formatTimestamp(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : formatClock(ms);
}

/** `850 ms`, `12 s`, `5 min 3 s`, `2 h 5 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  const seconds = Math.floor(abs / 1000);
  if (seconds < 60) return `${sign}${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${sign}${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${sign}${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

/** 0.625 → `63%`. */
export const formatPercent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** 0.33 → `+33%`, −0.1 → `−10%`, 0 → `±0%`. */
export function formatSignedPercent(fraction: number): string {
  const rounded = Math.round(fraction * 100);
  if (rounded === 0) return '±0%';
  return rounded > 0 ? `+${rounded}%` : `−${Math.abs(rounded)}%`;
}
