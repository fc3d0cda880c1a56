import type { KubeObject, ObjectKind } from '@slicescope/core';
import { fieldsMatch } from './fieldSelector.ts';
import { labelsMatch } from './labelSelector.ts';
import type { ListOptions } from './listOptions.ts';

/** The objects a list or watch addresses: the path's namespace and both selectors, ANDed. */
export function selection(
  kind: ObjectKind,
  namespace: string | undefined,
  options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>,
): (object: KubeObject) => boolean {
  const { labelSelector, fieldSelector } = options;
  return (object) =>
    (namespace === undefined || object.metadata.namespace === namespace) &&
    labelsMatch(labelSelector, object.metadata.labels) &&
    fieldsMatch(fieldSelector, kind, object);
}

/** Whether the list was narrowed by a selector (then lists carry no remainingItemCount). */
export function hasSelector(
  options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>,
): boolean {
  return options.labelSelector.length > 0 || options.fieldSelector.length > 0;
}
