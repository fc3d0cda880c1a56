import type { HistoryChange, HistoryEntry } from '@slicescope/contract';
import { toCsv } from '../../export/csv.ts';
import { plural } from '@slicescope/core';

/**
 * The history scrubber's positions: one per kept entry, oldest first, then "now" (the present
 * slices, `at` undefined) as the last position.
 */

type Entries = readonly Pick<HistoryEntry, 'seq'>[];

/** The position of `at`: the newest entry at or before it (0 when older than all), or now. */
export function positionOf(entries: Entries, at: number | undefined): number {
  if (at === undefined) return entries.length;
  let position = 0;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (entry !== undefined && entry.seq <= at) position = index;
  }
  return position;
}

/** The `at` of a position: an entry's seq, or undefined for now (and past the end). */
export function atOfPosition(entries: Entries, position: number): number | undefined {
  return entries[Math.max(0, Math.floor(position))]?.seq;
}

/**
 * The Service shown at `at`, in words: "after sync #7". A sync that is not kept (a link edited
 * by hand, or one dropped since) shows the same slices as the newest kept sync before it, and
 * is said as that one, or as "before sync #N" when it is older than them all.
 */
export function syncLabel(entries: Entries, at: number): { text: string; kept: boolean } {
  if (entries.some((entry) => entry.seq === at)) return { text: `after sync #${at}`, kept: true };
  const before = entries.filter((entry) => entry.seq < at).at(-1);
  if (before) return { text: `after sync #${before.seq}`, kept: false };
  const first = entries[0];
  return { text: first ? `before sync #${first.seq}` : `after sync #${at}`, kept: false };
}

/**
 * The position `[` and `]` step from: the newest sync left the slices as they are now, so it and
 * now are one step, and one step back from now shows the slices before the newest sync.
 */
export function stepPosition(entries: Entries, at: number | undefined): number {
  return Math.min(positionOf(entries, at), Math.max(0, entries.length - 1));
}

/** One sync earlier (-1) or later (+1) than `at`, staying within the entries and now. */
export function step(entries: Entries, at: number | undefined, delta: -1 | 1): number | undefined {
  const position = Math.max(0, stepPosition(entries, at) + delta);
  return position >= entries.length - 1 ? undefined : atOfPosition(entries, position);
}

export interface ChangeCounts {
  added: number;
  removed: number;
  conditions: number;
  hints: number;
}

export function changeCounts(change: HistoryChange): ChangeCounts {
  return {
    added: change.added.length,
    removed: change.removed.length,
    conditions: change.conditions.length,
    hints: change.hints.length,
  };
}

/** `+3 added, 2 removed, 1 conditions changed` (nothing changed: `no endpoint changed`). */
export function changeText(change: HistoryChange): string {
  const counts = changeCounts(change);
  const parts: string[] = [];
  if (counts.added > 0) parts.push(`${counts.added} added`);
  if (counts.removed > 0) parts.push(`${counts.removed} removed`);
  if (counts.conditions > 0) parts.push(`${counts.conditions} conditions changed`);
  if (counts.hints > 0) parts.push(`${counts.hints} hints changed`);
  return parts.length === 0 ? 'no endpoint changed' : `endpoints: ${parts.join(', ')}`;
}

/** `2 slices written: 1 created, 1 updated`. */
export function entryText(entry: Pick<HistoryEntry, 'changes'>): string {
  const ops = { created: 0, updated: 0, deleted: 0 };
  for (const change of entry.changes) ops[change.op]++;
  const parts = (['created', 'updated', 'deleted'] as const)
    .filter((op) => ops[op] > 0)
    .map((op) => `${ops[op]} ${op}`);
  return `${plural(entry.changes.length, 'slice')} written: ${parts.join(', ')}`;
}

export const HISTORY_CSV_HEADER = [
  'seq',
  'at',
  'triggerTime',
  'slice',
  'op',
  'added',
  'removed',
  'conditionsChanged',
  'hintsChanged',
  'addedAddresses',
  'removedAddresses',
  'conditionsChangedAddresses',
  'hintsChangedAddresses',
] as const;

/** One row per slice write, entries oldest first (the api's order), addresses space-separated. */
export function historyCsvRows(entries: readonly HistoryEntry[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const entry of entries) {
    const at = Number.isFinite(entry.at) ? new Date(entry.at).toISOString() : '';
    for (const change of entry.changes) {
      const counts = changeCounts(change);
      rows.push([
        entry.seq,
        at,
        entry.triggerTime ?? '',
        change.slice,
        change.op,
        counts.added,
        counts.removed,
        counts.conditions,
        counts.hints,
        change.added.join(' '),
        change.removed.join(' '),
        change.conditions.join(' '),
        change.hints.join(' '),
      ]);
    }
  }
  return rows;
}

export const historyCsv = (entries: readonly HistoryEntry[]): string =>
  toCsv(HISTORY_CSV_HEADER, historyCsvRows(entries));
