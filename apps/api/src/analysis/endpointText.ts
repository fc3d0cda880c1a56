import { parseIp, type Endpoint } from '@slicescope/core';

/** Orders strings by code unit, without locale, so results are the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An address in the controllers' canonical text; unparsable text is kept as written. */
export function canonicalAddress(address: string): string {
  return parseIp(address)?.text ?? address;
}

/**
 * How an endpoint is named in reports: its addresses in canonical text (normally one), joined
 * by commas. Addresses identify endpoints well enough for people; the controller's own identity
 * also includes the Pod's name (spec endpointslice-controller.md §4.5).
 */
export function endpointAddressText(endpoint: Endpoint): string {
  return endpoint.addresses.map(canonicalAddress).sort(compareStrings).join(',');
}

/** JSON with object keys sorted, so two equal objects give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort(compareStrings)) {
      sorted[key] = (inner as Record<string, unknown>)[key];
    }
    return sorted;
  });
}

/** {@link compareStrings}, with '' (no zone, no node) after every name. */
export function compareNamesEmptyLast(a: string, b: string): number {
  if (a === '' || b === '') return Number(a === '') - Number(b === '');
  return compareStrings(a, b);
}
