import {
  parseIp,
  type AddressType,
  type Endpoint,
  type EndpointConditions,
  type EndpointSlice,
} from '@slicescope/core';
import { internJson, internString } from './intern.ts';
import { isRecord, type Raw } from '../rawJson.ts';

/**
 * One EndpointSlice shape for every served version (discovery.k8s.io v1, v1beta1, v1alpha1):
 *
 * - v1beta1 (served until 1.24) has no `zone` or `deprecatedTopology`: an endpoint's location is
 *   the `topology` map (`topology.kubernetes.io/zone`, `kubernetes.io/hostname`); v1 moved the
 *   zone to `zone`, the node to `nodeName` and kept the rest as `deprecatedTopology`
 *   (k8s.io/api discovery/v1beta1 types.go and the v1 conversion in pkg/apis/discovery).
 * - v1alpha1 (1.16–1.20) also has `addressType: IP` for both families, and endpoints with only a
 *   `ready` condition; an `IP` slice is classified by its first parsable address.
 *
 * The result carries only the fields the model keeps; metadata is projected by the caller.
 */

const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';

/*
 * Arrays the model keeps are sized exactly: V8 grows the result of `filter` and `flatMap` like
 * `push` does (room for 17 elements after the first), so a kept one-address array would cost
 * ~190 bytes instead of ~60 — 13 MB over 100,000 endpoints. `map` and `slice` allocate exactly.
 */

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string').slice()
    : [];
}

function names(value: unknown): { name: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter(
      (item): item is Raw & { name: string } => isRecord(item) && typeof item.name === 'string',
    )
    .map((item) => ({ name: item.name }));
}

const conditionCache = new Map<string, EndpointConditions>();

/**
 * Endpoint conditions are one of 27 combinations (true, false or absent each); every endpoint
 * shares a frozen object for its combination, which saves an object per endpoint.
 */
function internConditions(raw: Raw): EndpointConditions {
  const value = (field: string): boolean | undefined =>
    typeof raw[field] === 'boolean' ? (raw[field] as boolean) : undefined;
  const [ready, serving, terminating] = [value('ready'), value('serving'), value('terminating')];
  const key = `${ready}/${serving}/${terminating}`;
  let shared = conditionCache.get(key);
  if (!shared) {
    shared = Object.freeze({
      ...(ready !== undefined ? { ready } : {}),
      ...(serving !== undefined ? { serving } : {}),
      ...(terminating !== undefined ? { terminating } : {}),
    });
    conditionCache.set(key, shared);
  }
  return shared;
}

function endpointOf(raw: Raw): Endpoint {
  const topology = isRecord(raw.topology)
    ? raw.topology
    : isRecord(raw.deprecatedTopology)
      ? raw.deprecatedTopology
      : {};
  const out: Endpoint = { addresses: strings(raw.addresses) };
  out.conditions = internConditions(isRecord(raw.conditions) ? raw.conditions : {});
  if (typeof raw.hostname === 'string') out.hostname = raw.hostname;
  const nodeName = typeof raw.nodeName === 'string' ? raw.nodeName : topology[HOSTNAME];
  if (typeof nodeName === 'string') out.nodeName = internString(nodeName);
  const zone = typeof raw.zone === 'string' ? raw.zone : topology[ZONE];
  if (typeof zone === 'string') out.zone = internString(zone);
  if (isRecord(raw.targetRef)) {
    const ref = raw.targetRef;
    out.targetRef = {};
    for (const field of ['kind', 'namespace'] as const) {
      if (typeof ref[field] === 'string') out.targetRef[field] = internString(ref[field]);
    }
    for (const field of ['name', 'uid'] as const) {
      if (typeof ref[field] === 'string') out.targetRef[field] = ref[field];
    }
  }
  if (isRecord(raw.hints)) {
    const forZones = names(raw.hints.forZones);
    const forNodes = names(raw.hints.forNodes);
    out.hints = internJson({
      ...(forZones ? { forZones } : {}),
      ...(forNodes ? { forNodes } : {}),
    });
  }
  return out;
}

function addressTypeOf(raw: unknown, endpoints: readonly Endpoint[]): AddressType {
  if (raw === 'IPv4' || raw === 'IPv6' || raw === 'FQDN') return raw;
  const first = endpoints
    .flatMap((endpoint) => endpoint.addresses)
    .map(parseIp)
    .find(Boolean);
  return first?.family === 'IPv6' ? 'IPv6' : 'IPv4';
}

export function normalizeSliceShape(raw: Raw): EndpointSlice {
  const endpoints = Array.isArray(raw.endpoints)
    ? raw.endpoints.filter(isRecord).map(endpointOf)
    : [];
  const ports = Array.isArray(raw.ports)
    ? raw.ports.filter(isRecord).map((port) => ({
        ...(typeof port.name === 'string' ? { name: port.name } : {}),
        ...(typeof port.protocol === 'string'
          ? { protocol: port.protocol as 'TCP' | 'UDP' | 'SCTP' }
          : {}),
        ...(typeof port.port === 'number' ? { port: port.port } : {}),
        ...(typeof port.appProtocol === 'string' ? { appProtocol: port.appProtocol } : {}),
      }))
    : [];
  return { metadata: {}, addressType: addressTypeOf(raw.addressType, endpoints), endpoints, ports };
}
