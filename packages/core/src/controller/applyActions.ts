import type { EndpointSlice } from '../model/kubernetes.ts';
import type { SliceAction } from './finalize.ts';

/**
 * The slices after a sync's calls, as the API server would store them: a create keeps its name
 * or gets one from `nameFor` (the API server's generateName suffix), an update replaces the slice
 * of its name, a delete removes it. `slices` is not changed; the result keeps its order, with
 * created slices last.
 */
export function applySliceActions(
  slices: readonly EndpointSlice[],
  actions: readonly SliceAction[],
  nameFor: (slice: EndpointSlice, taken: ReadonlySet<string>) => string,
): EndpointSlice[] {
  const byName = new Map(slices.map((slice) => [slice.metadata.name ?? '', slice]));
  for (const action of actions) {
    switch (action.verb) {
      case 'create': {
        const taken = new Set(byName.keys());
        const given = action.slice.metadata.name;
        const name = given && !taken.has(given) ? given : nameFor(action.slice, taken);
        const { generateName: _generated, name: _given, ...metadata } = action.slice.metadata;
        byName.set(name, { ...action.slice, metadata: { name, ...metadata } });
        break;
      }
      case 'update':
        byName.set(action.slice.metadata.name ?? '', action.slice);
        break;
      case 'delete':
        byName.delete(action.name);
        break;
      default: {
        const unknown: never = action;
        throw new Error(`unknown slice action ${JSON.stringify(unknown)}`);
      }
    }
  }
  return [...byName.values()];
}

/** A name generator like the API server's, deterministic: `<generateName><n>`, the first n free. */
export function sequentialNames(): (slice: EndpointSlice, taken: ReadonlySet<string>) => string {
  let counter = 0;
  return (slice, taken) => {
    let name: string;
    do name = `${slice.metadata.generateName ?? ''}${++counter}`;
    while (taken.has(name));
    return name;
  };
}
