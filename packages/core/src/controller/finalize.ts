import type { EndpointSlice, Service } from '../model/kubernetes.ts';
import { ANNOTATION_TRIGGER_TIME } from '../model/constants.ts';
import { sortedRecord } from '../util/records.ts';
import { ownedBy } from './slices.ts';

/** One API call of the controller, in the words of `slicescope reconcile`'s output. */
export type SliceAction =
  | { verb: 'create'; slice: EndpointSlice }
  | { verb: 'update'; slice: EndpointSlice }
  | { verb: 'delete'; name: string };

/**
 * Sets the trigger-time annotation, or removes it when there is no trigger time
 * (UTL addTriggerTimeAnnotation). An empty annotation map is left out, as the API writes it.
 */
function withTriggerTime(slice: EndpointSlice, triggerTime: string | undefined): EndpointSlice {
  const annotations: Record<string, string> = { ...slice.metadata.annotations };
  if (triggerTime !== undefined) annotations[ANNOTATION_TRIGGER_TIME] = triggerTime;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  // Rebuilt in ObjectMeta's field order: annotations after labels, before ownerReferences.
  const metadata: EndpointSlice['metadata'] = {};
  const hasAny = Object.keys(annotations).length > 0;
  for (const [key, value] of Object.entries(slice.metadata)) {
    if (key === 'annotations') continue;
    if (key === 'ownerReferences' && hasAny) metadata.annotations = sortedRecord(annotations);
    metadata[key] = value;
  }
  if (hasAny && !('annotations' in metadata)) metadata.annotations = sortedRecord(annotations);
  return { ...slice, metadata };
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
