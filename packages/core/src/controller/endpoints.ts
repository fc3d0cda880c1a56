import type { Endpoint, ObjectReference } from '../model/kubernetes.ts';
import { compareStrings } from '../util/records.ts';

/**
 * The identity of an endpoint (SET hashEndpoint): its sorted addresses, hostname and the
 * namespace and name of its targetRef. Not the UID, the Node or the conditions.
 */
export function endpointIdentity(endpoint: Endpoint): string {
  const addresses =
    endpoint.addresses.length > 1
      ? [...endpoint.addresses].sort(compareStrings).join(',')
      : (endpoint.addresses[0] ?? '');
  const ref = endpoint.targetRef;
  return `${addresses}\u0000${endpoint.hostname ?? ''}\u0000${ref?.namespace ?? ''}\u0000${ref?.name ?? ''}`;
}

function targetRefsEqualIgnoringResourceVersion(
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
