import type { Service } from '../model/kubernetes.ts';
import { ANNOTATION_TOPOLOGY_AWARE_HINTS, ANNOTATION_TOPOLOGY_MODE } from '../model/constants.ts';

/**
 * The topology annotation in effect: the deprecated `topology-aware-hints` when present (even if
 * it says something else), otherwise `topology-mode`; undefined when neither is set.
 */
export function topologyAnnotation(service: Service): string | undefined {
  const annotations = service.metadata.annotations ?? {};
  if (ANNOTATION_TOPOLOGY_AWARE_HINTS in annotations)
    return annotations[ANNOTATION_TOPOLOGY_AWARE_HINTS];
  return annotations[ANNOTATION_TOPOLOGY_MODE];
}

/** Topology-aware hints are asked for: the annotation in effect is exactly `Auto` or `auto` (REC hintsEnabled). */
export function hintsEnabled(service: Service): boolean {
  const value = topologyAnnotation(service);
  return value === 'Auto' || value === 'auto';
}
