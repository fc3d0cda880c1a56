import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  MIRRORING_CONTROLLER_NAME,
  type EndpointSlice,
} from '@slicescope/core';
import { compareStrings } from './endpointText.ts';
import { capped } from './input.ts';

/** A slice of the Service that neither controller manages (hand-made, or another tool's). */
export interface OtherSlice {
  name: string;
  /** Its `endpointslice.kubernetes.io/managed-by` label; absent when it has none. */
  managedBy?: string | undefined;
}

/** The Service's slices by who writes them (spec endpointslice-controller.md §7.4). */
export interface SliceOwnership {
  /** Managed by `endpointslice-controller.k8s.io`. */
  controller: EndpointSlice[];
  /** Managed by `endpointslicemirroring-controller.k8s.io`. */
  mirrored: EndpointSlice[];
  other: EndpointSlice[];
}

export function sliceOwnership(slices: readonly EndpointSlice[]): SliceOwnership {
  const ownership: SliceOwnership = { controller: [], mirrored: [], other: [] };
  for (const slice of slices) {
    const managedBy = slice.metadata.labels?.[LABEL_MANAGED_BY];
    if (managedBy === CONTROLLER_NAME) ownership.controller.push(slice);
    else if (managedBy === MIRRORING_CONTROLLER_NAME) ownership.mirrored.push(slice);
    else ownership.other.push(slice);
  }
  return ownership;
}

export function sliceName(slice: EndpointSlice): string {
  return slice.metadata.name ?? '';
}

/** The names of the mirrored slices and the other slices, capped, for the drift report. */
export function foreignSlices(ownership: SliceOwnership): {
  mirroredSlices: string[];
  otherSlices: OtherSlice[];
} {
  return {
    mirroredSlices: capped(ownership.mirrored.map(sliceName).sort(compareStrings)),
    otherSlices: capped(
      [...ownership.other]
        .sort((a, b) => compareStrings(sliceName(a), sliceName(b)))
        .map((slice) => {
          const managedBy = slice.metadata.labels?.[LABEL_MANAGED_BY];
          return managedBy === undefined
            ? { name: sliceName(slice) }
            : { name: sliceName(slice), managedBy };
        }),
    ),
  };
}
