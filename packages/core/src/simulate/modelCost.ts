import type { ObjectChange } from '../engine/changes.ts';
import { jsonWatchEventBytesFor } from '../cost/jsonBytes.ts';
import { protobufWatchEventBytesFor } from '../cost/protobuf.ts';
import { storedWireSizes } from '../cost/sizes.ts';
import { emptyKindCost } from './series.ts';
import type { KindCost } from './types.ts';

const VERBS = { ADDED: 'create', MODIFIED: 'update', DELETED: 'delete' } as const;

/** The largest object written of a kind, in both encodings. */
export interface LargestObject {
  json: number;
  protobuf: number;
}

/**
 * Model-mode cost of one kind's changes in one step: each change is one API write and one watch
 * event per watcher, sized by the object's exact wire bytes — a JSON watch event line
 * (`{"type":…,"object":…}` and a newline) and a length-framed protobuf WatchEvent.
 */
export function modelStepCost(
  changes: readonly ObjectChange[],
  watchers: number,
  largest: LargestObject,
): KindCost {
  const cost = emptyKindCost(true);
  for (const change of changes) {
    const sizes = storedWireSizes(change.object, change.kind);
    cost.writes++;
    cost.writesByVerb[VERBS[change.type]]++;
    cost.watchEvents += watchers;
    cost.bytes += watchers * jsonWatchEventBytesFor(sizes.json, change.type);
    cost.bytesProtobuf! += watchers * protobufWatchEventBytesFor(sizes.protobuf, change.type);
    if (change.type !== 'DELETED') {
      largest.json = Math.max(largest.json, sizes.json);
      largest.protobuf = Math.max(largest.protobuf, sizes.protobuf);
    }
  }
  return cost;
}
