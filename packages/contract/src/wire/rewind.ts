import type { History, HistoryChange } from './rest.ts';
import type { EndpointView, SliceView } from './views.ts';

export interface RewoundSlices {
  /** The Service's slices right after the sync `seq`, by name. */
  slices: SliceView[];
  /**
   * False when entries were dropped and `seq` is older than the oldest one kept: the slices are
   * then the oldest state known, not the state after `seq`.
   */
  complete: boolean;
}

const idOf = (endpoint: EndpointView): string => endpoint.addresses[0] ?? '';

/** Undoes one slice write: the slice as it was before, or undefined when the write created it. */
function undo(
  slice: SliceView | undefined,
  change: HistoryChange,
  namespace: string,
  service: string,
): SliceView | undefined {
  if (change.op === 'created' || change.before === undefined) return undefined;
  const { before } = change;
  const added = new Set(change.added);
  // Grouped by first address: a hand-made slice may list one address twice.
  const restored = new Map<string, EndpointView[]>();
  for (const endpoint of before.endpoints) {
    const group = restored.get(idOf(endpoint));
    if (group) group.push(endpoint);
    else restored.set(idOf(endpoint), [endpoint]);
  }
  const endpoints: EndpointView[] = [];
  for (const endpoint of slice?.endpoints ?? []) {
    const id = idOf(endpoint);
    const old = restored.get(id);
    if (old !== undefined) {
      endpoints.push(...old);
      restored.set(id, []);
    } else if (!added.has(id)) endpoints.push(endpoint);
  }
  for (const group of restored.values()) endpoints.push(...group);
  const previous: SliceView = {
    namespace: slice?.namespace ?? namespace,
    name: change.slice,
    uid: slice?.uid ?? '',
    resourceVersion: '',
    service: slice?.service ?? service,
    addressType: before.addressType,
    ports: before.ports,
    endpoints,
  };
  if (before.managedBy !== undefined) previous.managedBy = before.managedBy;
  if (before.triggerTime !== undefined) previous.triggerTime = before.triggerTime;
  if (slice?.createdAt !== undefined) previous.createdAt = slice.createdAt;
  return previous;
}

/**
 * The slices of a Service right after history entry `seq`, rewound from the present slices the
 * history was read with (`history.slices`) by undoing every later write, newest first. Pure.
 */
export function slicesAt(
  history: History,
  seq: number,
  namespace = '',
  service = '',
): RewoundSlices {
  const slices = new Map(history.slices.map((slice) => [slice.name, slice]));
  for (let index = history.entries.length - 1; index >= 0; index--) {
    const entry = history.entries[index];
    if (entry === undefined || entry.seq <= seq) break;
    for (let at = entry.changes.length - 1; at >= 0; at--) {
      const change = entry.changes[at];
      if (change === undefined) continue;
      const previous = undo(slices.get(change.slice), change, namespace, service);
      if (previous === undefined) slices.delete(change.slice);
      else slices.set(change.slice, previous);
    }
  }
  const sorted = [...slices.values()].sort((a, b) => a.name.localeCompare(b.name));
  const first = history.entries[0];
  return {
    slices: sorted,
    complete: history.dropped === 0 || (first !== undefined && seq >= first.seq),
  };
}
