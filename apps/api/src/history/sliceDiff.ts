import type { Endpoint, EndpointSlice } from '@slicescope/core';
import { ANNOTATION_TRIGGER_TIME, LABEL_MANAGED_BY } from '@slicescope/core';
import type { EndpointView, HistoryChange } from '@slicescope/contract';
import { endpointConditions, endpointView } from '../views/sliceView.ts';

export type { HistoryChange };

/** Longest address list one change records; the rest are counted in the service's churn only. */
export const MAX_LISTED = 1000;

const endpointId = (endpoint: Endpoint): string => endpoint.addresses[0] ?? '';
const conditionsText = (endpoint: Endpoint): string => {
  const { ready, serving, terminating } = endpointConditions(endpoint);
  return `${ready}/${serving}/${terminating}`;
};
const hintsText = (endpoint: Endpoint): string => JSON.stringify(endpoint.hints ?? null);

const capped = (values: string[]): string[] => values.slice(0, MAX_LISTED);

function viewsById(endpoints: readonly Endpoint[]): Map<string, EndpointView[]> {
  const groups = new Map<string, EndpointView[]>();
  for (const endpoint of endpoints) {
    const id = endpointId(endpoint);
    const group = groups.get(id);
    if (group) group.push(endpointView(endpoint));
    else groups.set(id, [endpointView(endpoint)]);
  }
  return groups;
}

/**
 * What one write of one slice changed, endpoint by endpoint (endpoints keyed by first address),
 * and what undoing it needs: the endpoints it removed or rewrote in any way, as they were.
 */
export function sliceDiff(
  name: string,
  previous: EndpointSlice | undefined,
  next: EndpointSlice | undefined,
): HistoryChange {
  const before = new Map((previous?.endpoints ?? []).map((e) => [endpointId(e), e]));
  const after = new Map((next?.endpoints ?? []).map((e) => [endpointId(e), e]));
  const added: string[] = [];
  const conditions: string[] = [];
  const hints: string[] = [];
  for (const [id, endpoint] of after) {
    const old = before.get(id);
    if (!old) added.push(id);
    else {
      if (conditionsText(old) !== conditionsText(endpoint)) conditions.push(id);
      if (hintsText(old) !== hintsText(endpoint)) hints.push(id);
    }
  }
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const change: HistoryChange = {
    slice: name,
    op: previous === undefined ? 'created' : next === undefined ? 'deleted' : 'updated',
    added: capped(added),
    removed: capped(removed),
    conditions: capped(conditions),
    hints: capped(hints),
  };
  if (previous !== undefined) {
    // Grouped by first address: a hand-made slice may list one address twice.
    const afterViews = viewsById(next?.endpoints ?? []);
    const undone: EndpointView[] = [];
    for (const [id, old] of viewsById(previous.endpoints ?? [])) {
      if (JSON.stringify(afterViews.get(id)) !== JSON.stringify(old)) undone.push(...old);
    }
    change.before = {
      addressType: previous.addressType,
      ports: (previous.ports ?? []).map((port) => ({ ...port })),
      endpoints: undone,
    };
    const managedBy = previous.metadata.labels?.[LABEL_MANAGED_BY];
    const triggerTime = previous.metadata.annotations?.[ANNOTATION_TRIGGER_TIME];
    if (triggerTime !== undefined) change.before.triggerTime = triggerTime;
    if (managedBy !== undefined) change.before.managedBy = managedBy;
  }
  return change;
}
