import type { Endpoint, ObjectReference } from '../model/kubernetes.ts';

/**
 * Go's ObjectReference equality with resourceVersion ignored (CU semanticIgnoreResourceVersion):
 * every other field, an absent string equal to an empty one; an absent reference equals only an
 * absent one (it is a pointer).
 */
export function targetRefsEqualIgnoringResourceVersion(
  a: ObjectReference | undefined,
  b: ObjectReference | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    (a.kind ?? '') === (b.kind ?? '') &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    (a.name ?? '') === (b.name ?? '') &&
    (a.uid ?? '') === (b.uid ?? '') &&
    (a.apiVersion ?? '') === (b.apiVersion ?? '') &&
    (a.fieldPath ?? '') === (b.fieldPath ?? '')
  );
}

/**
 * Whether two endpoints of the same identity are equal for the controller
 * (CU EndpointsEqualBeyondHash): nodeName, zone, each condition (absent differs from any value)
 * and the targetRef without its resourceVersion. Hints are not compared.
 */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    targetRefsEqualIgnoringResourceVersion(a.targetRef, b.targetRef)
  );
}
