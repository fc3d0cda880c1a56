import type { Endpoint, EndpointSlice } from '../model/kubernetes.ts';
import { stripHints } from './removeHints.ts';

export const PREFER_CLOSE = 'PreferClose';
export const PREFER_SAME_ZONE = 'PreferSameZone';
export const PREFER_SAME_NODE = 'PreferSameNode';

/**
 * Whether the controller honours a Service's `spec.trafficDistribution` (REC
 * validTrafficDistribution): PreferClose always; PreferSameZone and PreferSameNode only with
 * PreferSameTrafficDistribution (GA in 1.35).
 */
export function validTrafficDistribution(
  trafficDistribution: string | null | undefined,
  preferSameTrafficDistribution: boolean,
): trafficDistribution is string {
  if (trafficDistribution === PREFER_CLOSE) return true;
  return (
    preferSameTrafficDistribution &&
    (trafficDistribution === PREFER_SAME_ZONE || trafficDistribution === PREFER_SAME_NODE)
  );
}

function isReady(endpoint: Endpoint): boolean {
  return endpoint.conditions?.ready === true;
}

/** The hints a ready endpoint should carry under a "close" distribution; undefined for none. */
function closeHints(endpoint: Endpoint, nodeHints: boolean): Endpoint['hints'] {
  const forZones = endpoint.zone !== undefined ? [{ name: endpoint.zone }] : undefined;
  const forNodes =
    nodeHints && endpoint.nodeName !== undefined ? [{ name: endpoint.nodeName }] : undefined;
  if (!forZones && !forNodes) return undefined;
  return { ...(forZones && { forZones }), ...(forNodes && { forNodes }) };
}

function needsCloseUpdate(slice: EndpointSlice, nodeHints: boolean): boolean {
  return (slice.endpoints ?? []).some((endpoint) => {
    if (!isReady(endpoint)) return false;
    const { zone, nodeName, hints } = endpoint;
    const zoneWrong =
      zone !== undefined
        ? hints?.forZones?.length !== 1 || hints.forZones[0]?.name !== zone
        : (hints?.forZones?.length ?? 0) > 0;
    const nodeWrong =
      nodeHints && nodeName !== undefined
        ? hints?.forNodes?.length !== 1 || hints.forNodes[0]?.name !== nodeName
        : (hints?.forNodes?.length ?? 0) > 0;
    return zoneWrong || nodeWrong;
  });
}

function withCloseHints(slice: EndpointSlice, nodeHints: boolean): EndpointSlice {
  const endpoints = (slice.endpoints ?? []).map((endpoint) => {
    if (!isReady(endpoint)) return endpoint;
    const { hints: _old, ...rest } = endpoint;
    const hints = closeHints(endpoint, nodeHints);
    return hints ? { ...rest, hints } : rest;
  });
  return { ...slice, endpoints };
}

/**
 * Sets the hints a honoured `trafficDistribution` asks for (trafficdist ReconcileHints): with
 * PreferClose, PreferSameZone or PreferSameNode, every ready endpoint of a slice being written is
 * hinted for its own zone (and with PreferSameNode its own node); unready endpoints are left as
 * they are. Unchanged slices whose ready endpoints carry a missing or wrong hint are updated.
 * Any other value strips all hints, updating unchanged slices that still have some.
 */
export function reconcileTrafficDistributionHints(
  trafficDistribution: string,
  toCreate: EndpointSlice[],
  toUpdate: EndpointSlice[],
  unchanged: readonly EndpointSlice[],
): { toCreate: EndpointSlice[]; toUpdate: EndpointSlice[] } {
  const close =
    trafficDistribution === PREFER_CLOSE ||
    trafficDistribution === PREFER_SAME_ZONE ||
    trafficDistribution === PREFER_SAME_NODE;
  const nodeHints = trafficDistribution === PREFER_SAME_NODE;
  const needsUpdate = close
    ? (slice: EndpointSlice) => needsCloseUpdate(slice, nodeHints)
    : (slice: EndpointSlice) => (slice.endpoints ?? []).some((e) => e.hints !== undefined);
  const update = close ? (slice: EndpointSlice) => withCloseHints(slice, nodeHints) : stripHints;
  const updates = [...toUpdate, ...unchanged.filter(needsUpdate)];
  return { toCreate: toCreate.map(update), toUpdate: updates.map(update) };
}
