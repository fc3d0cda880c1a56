import { targetRefsEqualIgnoringResourceVersion } from '../controller/endpoints.ts';
import type { EndpointAddress, EndpointSubset, EndpointsPort } from '../model/endpoints.ts';

/** Address equality as the Endpoints controller's comparison sees it (resourceVersion aside). */
export function addressesEqual(a: EndpointAddress, b: EndpointAddress): boolean {
  return (
    a.ip === b.ip &&
    (a.hostname ?? '') === (b.hostname ?? '') &&
    a.nodeName === b.nodeName &&
    targetRefsEqualIgnoringResourceVersion(a.targetRef, b.targetRef)
  );
}

/** Port equality as Go's DeepEqual sees it: an absent name or protocol equals an empty one. */
export function endpointsPortsEqual(a: EndpointsPort, b: EndpointsPort): boolean {
  return (
    (a.name ?? '') === (b.name ?? '') &&
    a.port === b.port &&
    (a.protocol ?? '') === (b.protocol ?? '') &&
    a.appProtocol === b.appProtocol
  );
}

function listsEqual<T>(
  a: readonly T[] | null | undefined,
  b: readonly T[] | null | undefined,
  equal: (x: T, y: T) => boolean,
): boolean {
  const left = a ?? [];
  const right = b ?? [];
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) {
    const item = left[i] as T;
    const other = right[i] as T;
    if (item !== other && !equal(item, other)) return false;
  }
  return true;
}

/**
 * Order-sensitive equality of subsets with every targetRef's resourceVersion ignored
 * (endpoints_controller.go endpointSubsetsEqualIgnoreResourceVersion, a semantic DeepEqual): an
 * absent list equals an empty one; `nodeName`, `targetRef` and `appProtocol` are pointers, so
 * absent differs from empty there.
 */
export function endpointSubsetsEqualIgnoreResourceVersion(
  a: readonly EndpointSubset[] | null | undefined,
  b: readonly EndpointSubset[] | null | undefined,
): boolean {
  return listsEqual(
    a,
    b,
    (x, y) =>
      listsEqual(x.addresses, y.addresses, addressesEqual) &&
      listsEqual(x.notReadyAddresses, y.notReadyAddresses, addressesEqual) &&
      listsEqual(x.ports, y.ports, endpointsPortsEqual),
  );
}

/** Semantic DeepEqual of two string maps: an absent map equals an empty one. */
export function recordsEqual(
  a: Readonly<Record<string, string>> | null | undefined,
  b: Readonly<Record<string, string>> | null | undefined,
): boolean {
  const left = Object.entries(a ?? {});
  if (left.length !== Object.keys(b ?? {}).length) return false;
  return left.every(([key, value]) => Object.hasOwn(b ?? {}, key) && b?.[key] === value);
}
