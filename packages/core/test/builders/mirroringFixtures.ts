/**
 * Helpers named after those of upstream endpointslicemirroring reconciler_test.go, shared by the
 * ported mirroring tests.
 */
import { expect } from 'vitest';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../src/model/kubernetes.ts';
import type {
  EndpointAddress,
  Endpoints,
  EndpointSubset,
  EndpointsPort,
} from '../../src/model/endpoints.ts';
import {
  ANNOTATION_TRIGGER_TIME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MIRRORING_CONTROLLER_NAME,
} from '../../src/model/constants.ts';
import { ANNOTATION_LAST_APPLIED_CONFIG } from '../../src/legacy/constants.ts';
import { addressToEndpoint } from '../../src/legacy/mirroringSlices.ts';
import { repackSubsets } from '../../src/legacy/repackSubsets.ts';
import type { FakeSliceApi } from './index.ts';

/** upstream portsMatch: same ports, compared by number. */
function portsMatch(epPorts: readonly EndpointsPort[], epsPorts: readonly EndpointPort[]): boolean {
  if (epPorts.length !== epsPorts.length) return false;
  const toBeMatched = new Map(epPorts.map((port) => [port.port, port]));
  for (const epsPort of epsPorts) {
    const epPort = toBeMatched.get(epsPort.port ?? 0);
    if (!epPort) return false;
    toBeMatched.delete(epsPort.port ?? 0);
    if ((epPort.name ?? '') !== epsPort.name) return false;
    if ((epPort.protocol ?? 'TCP') !== epsPort.protocol) return false;
    if (epPort.appProtocol !== epsPort.appProtocol) return false;
  }
  return true;
}

/** upstream expectMatchingAddresses. */
function expectMatchingAddresses(
  subset: EndpointSubset,
  esEndpoints: readonly Endpoint[],
  addressType: 'IPv4' | 'IPv6',
  maxEndpointsPerSubset: number,
): void {
  // Assumes every IP is unique within a subset.
  const expected = new Map<string, { ready: boolean; address: EndpointAddress }>();
  const collect = (addresses: readonly EndpointAddress[], ready: boolean) => {
    for (const epAddress of addresses) {
      const converted = addressToEndpoint(epAddress, true);
      if (converted?.addressType === addressType && expected.size < maxEndpointsPerSubset) {
        expected.set(epAddress.ip, { ready, address: epAddress });
      }
    }
  };
  collect(subset.addresses ?? [], true);
  collect(subset.notReadyAddresses ?? [], false);

  expect(esEndpoints.length).toBe(expected.size);
  for (const endpoint of esEndpoints) {
    expect(endpoint.addresses).toHaveLength(1);
    const wanted = expected.get(endpoint.addresses[0] ?? '');
    if (!wanted) throw new Error(`unexpected address ${endpoint.addresses[0]}`);
    expect(endpoint.conditions?.ready).toBe(wanted.ready);
    expect(endpoint.hostname ?? '').toBe(wanted.address.hostname ?? '');
    if (wanted.address.nodeName !== undefined) {
      expect(endpoint.nodeName).toBe(wanted.address.nodeName);
    }
  }
}

/** upstream expectEndpointSlices. */
export function expectEndpointSlices(
  num: number,
  maxEndpointsPerSubset: number,
  endpoints: Endpoints,
  endpointSlices: readonly EndpointSlice[],
): void {
  expect(endpointSlices).toHaveLength(num);
  if (num === 0) return;
  const name = endpoints.metadata.name ?? '';
  for (const slice of endpointSlices) {
    expect(slice.metadata.name?.startsWith(name)).toBe(true);
    expect(slice.metadata.labels?.[LABEL_SERVICE_NAME]).toBe(name);
    expect(slice.metadata.annotations?.[ANNOTATION_LAST_APPLIED_CONFIG]).toBeUndefined();
    expect(slice.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]).toBeUndefined();
    for (const [key, value] of Object.entries(endpoints.metadata.annotations ?? {})) {
      if (key === ANNOTATION_TRIGGER_TIME || key === ANNOTATION_LAST_APPLIED_CONFIG) continue;
      expect(slice.metadata.annotations?.[key]).toBe(value);
    }
  }
  // Canonicalise the subsets as the controller does, so truncated subsets match.
  for (const subset of repackSubsets(endpoints.subsets ?? [])) {
    if ((subset.addresses?.length ?? 0) === 0 && (subset.notReadyAddresses?.length ?? 0) === 0) {
      continue;
    }
    const v4: Endpoint[] = [];
    const v6: Endpoint[] = [];
    for (const slice of endpointSlices) {
      if (!portsMatch(subset.ports ?? [], slice.ports ?? [])) continue;
      if (slice.addressType === 'IPv4') v4.push(...(slice.endpoints ?? []));
      else if (slice.addressType === 'IPv6') v6.push(...(slice.endpoints ?? []));
      else throw new Error(`unexpected address type ${slice.addressType}`);
    }
    expect(v4.length + v6.length).toBeGreaterThan(0);
    expectMatchingAddresses(subset, v4, 'IPv4', maxEndpointsPerSubset);
    expectMatchingAddresses(subset, v6, 'IPv6', maxEndpointsPerSubset);
  }
}

/** upstream fetchEndpointSlices: the slices managed by the mirroring controller. */
export function fetchEndpointSlices(api: FakeSliceApi): EndpointSlice[] {
  return api
    .list()
    .filter((slice) => slice.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME);
}
