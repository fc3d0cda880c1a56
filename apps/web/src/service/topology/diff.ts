import type { SliceRange } from './model.ts';

/**
 * Which endpoints appeared and which went between two drawn models, by key (slice name + first
 * address). Slices whose extract is the same (unchanged slice objects) are skipped without
 * looking at their endpoints. Gives up (undefined) once more than `limit` changed.
 */
export interface Diff {
  /** Indices in the next model. */
  appeared: number[];
  /** Indices in the previous model. */
  disappeared: number[];
}

type Ranges = readonly Pick<SliceRange, 'name' | 'start' | 'keys'>[];

export function diffSlices(previous: Ranges, next: Ranges, limit: number): Diff | undefined {
  const appeared: number[] = [];
  const disappeared: number[] = [];
  const over = () => appeared.length + disappeared.length > limit;
  const before = new Map(previous.map((range) => [range.name, range]));
  const seen = new Set<string>();
  for (const range of next) {
    seen.add(range.name);
    const old = before.get(range.name);
    if (old?.keys === range.keys) continue;
    if (!old) {
      if (appeared.length + disappeared.length + range.keys.length > limit) return undefined;
      for (let i = 0; i < range.keys.length; i++) appeared.push(range.start + i);
      continue;
    }
    const had = new Set(old.keys);
    const has = new Set(range.keys);
    range.keys.forEach((key, i) => {
      if (!had.has(key)) appeared.push(range.start + i);
    });
    old.keys.forEach((key, i) => {
      if (!has.has(key)) disappeared.push(old.start + i);
    });
    if (over()) return undefined;
  }
  for (const range of previous) {
    if (seen.has(range.name)) continue;
    if (appeared.length + disappeared.length + range.keys.length > limit) return undefined;
    for (let i = 0; i < range.keys.length; i++) disappeared.push(range.start + i);
  }
  return { appeared, disappeared };
}
