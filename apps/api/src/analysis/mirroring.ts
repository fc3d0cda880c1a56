import {
  ANNOTATION_LEADER_ELECTION,
  LABEL_SKIP_MIRROR,
  isMirroredSliceOf,
  shouldMirror,
  syncMirroredEndpoints,
  type SliceAction,
} from '@slicescope/core';
import type { AnalysisInput } from './input.ts';

/** What the EndpointSliceMirroring controller does with a selector-less Service's Endpoints. */
export interface MirroringAnalysis {
  /** The controller copies the Endpoints object into slices. */
  mirrored: boolean;
  /** Why it does, or does not, in one sentence. */
  reason: string;
  /** Slices it manages for the Service now. */
  mirroredSlices: number;
  /** It would make no call: the mirrored slices match the Endpoints object (or none are left). */
  inSync: boolean;
  creates: number;
  updates: number;
  deletes: number;
  /** Its warning events, `Reason: message` (addresses skipped as invalid or over the limit). */
  warnings: string[];
}

function notMirroredReason(input: AnalysisInput): string | undefined {
  const { endpoints, service } = input;
  if (!endpoints) return 'there is no Endpoints object to mirror';
  if (!shouldMirror(endpoints)) {
    return endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true'
      ? `the Endpoints object is labelled ${LABEL_SKIP_MIRROR}=true`
      : `the Endpoints object carries the leader-election annotation ${ANNOTATION_LEADER_ELECTION}`;
  }
  // The API server never stores an empty selector; a hand-made `{}` is a selector to the
  // mirroring controller (it tests for nil) but none to the EndpointSlice controller.
  if (service.spec.selector != null)
    return 'the Service has an empty selector, which the mirroring controller counts as one';
  return undefined;
}

/**
 * The mirroring controller's view of a Service without a selector (MIR syncEndpoints, core
 * `syncMirroredEndpoints`): whether its Endpoints object is mirrored (spec
 * hints-endpoints-mirroring-proxy.md §c) and whether the mirrored slices are as the controller
 * would write them. When it is not mirrored, leftover mirrored slices are deletes to come.
 */
export function analyseMirroring(input: AnalysisInput): MirroringAnalysis {
  const { service, endpoints, slices } = input;
  const key = { namespace: service.metadata.namespace ?? '', name: service.metadata.name ?? '' };
  const mirroredSlices = slices.filter((slice) =>
    isMirroredSliceOf(slice, key.namespace, key.name),
  ).length;
  const sync = syncMirroredEndpoints(key, endpoints, service, slices);
  const count = (verb: SliceAction['verb']) =>
    sync.actions.filter((action) => action.verb === verb).length;
  const why = notMirroredReason(input);
  return {
    mirrored: why === undefined,
    reason:
      why === undefined
        ? 'the Service has no selector, so the EndpointSliceMirroring controller copies its Endpoints object into slices'
        : `not mirrored: ${why}`,
    mirroredSlices,
    inSync: sync.actions.length === 0,
    creates: count('create'),
    updates: count('update'),
    deletes: count('delete'),
    warnings: sync.events
      .filter((event) => event.type === 'Warning')
      .map((event) => `${event.reason}: ${event.message}`),
  };
}
