import type { Layout } from './layout.ts';
import type { TopologyModel } from './model.ts';

/**
 * Keyboard focus among the endpoints: it moves in drawing order (zone, node, condition), within
 * the selected slice when there is one, and is kept by key across data updates.
 */

/** Index of the endpoint with this key in the model, or -1. */
export function indexOfKey(model: TopologyModel, key: string | undefined): number {
  if (key === undefined) return -1;
  for (const range of model.slices) {
    if (!key.startsWith(`${range.name}/`)) continue;
    const local = range.keys.indexOf(key);
    if (local >= 0) return range.start + local;
  }
  return -1;
}

/**
 * The endpoint `step` places after `from` in drawing order (wrapping), among those `accept`s;
 * from -1 the first (step > 0) or last accepted one. -1 when none is accepted.
 */
export function stepEndpoint(
  layout: Layout,
  from: number,
  step: 1 | -1,
  accept: (endpoint: number) => boolean = () => true,
): number {
  const n = layout.order.length;
  if (n === 0) return -1;
  const rank = from < 0 ? (step > 0 ? -1 : n) : layout.order.indexOf(from);
  for (let taken = 1; taken <= n; taken++) {
    const candidate = layout.order[(((rank + step * taken) % n) + n) % n] ?? -1;
    if (candidate >= 0 && accept(candidate)) return candidate;
  }
  return -1;
}
