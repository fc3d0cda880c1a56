import type { Endpoint, EndpointSlice, Service } from '../model/kubernetes.ts';
import { ANNOTATION_TRIGGER_TIME } from '../model/constants.ts';
import { sortedRecord } from '../util/records.ts';
import { ownedBy } from './slices.ts';

/** One API call of the controller, in the words of `slicescope reconcile`'s output. */
export type SliceAction =
  | { verb: 'create'; slice: EndpointSlice }
  | { verb: 'update'; slice: EndpointSlice }
  | { verb: 'delete'; name: string };

/** The annotations of the last slice written with only a trigger time: slices share them. */
let lastTriggerAnnotations: { time: string; annotations: Readonly<Record<string, string>> } = {
  time: '',
  annotations: {},
};

/**
 * The slice's annotations with the trigger time set, or removed when there is none, in key
 * order; undefined when none are left. A slice with no other annotation (every one the
 * controller writes) gets a shared, frozen map.
 */
function annotationsWith(
  annotations: Readonly<Record<string, string>> | undefined,
  triggerTime: string | undefined,
): Readonly<Record<string, string>> | undefined {
  let others = false;
  for (const key in annotations) if (key !== ANNOTATION_TRIGGER_TIME) others = true;
  if (!others) {
    if (triggerTime === undefined) return undefined;
    if (lastTriggerAnnotations.time !== triggerTime) {
      const shared = Object.freeze({ [ANNOTATION_TRIGGER_TIME]: triggerTime });
      lastTriggerAnnotations = { time: triggerTime, annotations: shared };
    }
    return lastTriggerAnnotations.annotations;
  }
  const edited: Record<string, string> = { ...annotations };
  if (triggerTime !== undefined) edited[ANNOTATION_TRIGGER_TIME] = triggerTime;
  else delete edited[ANNOTATION_TRIGGER_TIME];
  return sortedRecord(edited);
}

/**
 * A slice's metadata with the trigger-time annotation set, or removed when there is no trigger
 * time (UTL addTriggerTimeAnnotation), and with `labels` when given. An empty annotation map is
 * left out, as the API writes it.
 */
function metadataWith(
  slice: EndpointSlice,
  labels: Record<string, string> | undefined,
  triggerTime: string | undefined,
): EndpointSlice['metadata'] {
  const annotations = annotationsWith(slice.metadata.annotations, triggerTime);
  // Rebuilt in ObjectMeta's field order: annotations after labels, before ownerReferences.
  const metadata: EndpointSlice['metadata'] = {};
  const fields = slice.metadata as Record<string, unknown>;
  for (const key in fields) {
    if (key === 'annotations') continue;
    if (key === 'ownerReferences' && annotations) metadata.annotations = annotations;
    metadata[key] = labels && key === 'labels' ? labels : fields[key];
  }
  if (labels && !('labels' in fields)) metadata.labels = labels;
  if (annotations && !('annotations' in metadata)) metadata.annotations = annotations;
  return metadata;
}

function withTriggerTime(slice: EndpointSlice, triggerTime: string | undefined): EndpointSlice {
  return { ...slice, metadata: metadataWith(slice, undefined, triggerTime) };
}

/**
 * The one call finalize makes for a plan that only updates `slice`, to these endpoints and, when
 * given, labels (the slice copySlice would make): built at once instead of copied twice.
 */
export function updateOf(
  slice: EndpointSlice,
  endpoints: Endpoint[],
  labels: Record<string, string> | undefined,
  triggerTime: string | undefined,
): SliceAction {
  return {
    verb: 'update',
    slice: { ...slice, metadata: metadataWith(slice, labels, triggerTime), endpoints },
  };
}

/**
 * Turns the plan of one address type into calls (REC finalize). A create and a delete of the
 * same address type become one update of the deleted slice's name when this Service owns it
 * (the last slice to create takes the first such name); the recycled slice is the new object with
 * only the name taken over. Then creates (none while the Service is being deleted), updates and
 * deletes. `slicesChanged` counts the creates the controller decided on, made or not.
 */
export function finalize(
  service: Service,
  slicesToCreate: readonly EndpointSlice[],
  slicesToUpdate: readonly EndpointSlice[],
  slicesToDelete: readonly EndpointSlice[],
  triggerTime: string | undefined,
): { actions: SliceAction[]; slicesChanged: number } {
  const creates = [...slicesToCreate];
  const updates = [...slicesToUpdate];
  const deletes: EndpointSlice[] = [];
  for (const sliceToDelete of slicesToDelete) {
    const last = creates[creates.length - 1];
    if (last && sliceToDelete.addressType === last.addressType && ownedBy(sliceToDelete, service)) {
      creates.pop();
      const { name: _created, ...metadata } = last.metadata;
      updates.push({ ...last, metadata: { name: sliceToDelete.metadata.name ?? '', ...metadata } });
    } else {
      deletes.push(sliceToDelete);
    }
  }

  const actions: SliceAction[] = [];
  if (service.metadata.deletionTimestamp == null) {
    for (const slice of creates)
      actions.push({ verb: 'create', slice: withTriggerTime(slice, triggerTime) });
  }
  for (const slice of updates)
    actions.push({ verb: 'update', slice: withTriggerTime(slice, triggerTime) });
  for (const slice of deletes) actions.push({ verb: 'delete', name: slice.metadata.name ?? '' });
  return { actions, slicesChanged: creates.length + updates.length + deletes.length };
}
