import type { DriftAnalysis, FragmentationGroup, SliceView } from '@slicescope/contract';
import { CONTROLLER_NAME, MIRRORING_CONTROLLER_NAME } from '@slicescope/core';
import { formatCount } from '../../ui/count.ts';
import { CONDITIONS, conditionOf, type Condition } from '../../ui/conditions.ts';

/**
 * The slices of a Service the way the EndpointSlice controller packs them: one group per address
 * type and port set, each against the fewest slices of `max` endpoints that could hold it.
 */

/** The per-slice maximum the views assume until the analysis says otherwise. */
export const DEFAULT_MAX_ENDPOINTS = 100;

type Port = SliceView['ports'][number];

const field = (value: string | number | undefined): string =>
  value === undefined ? '-' : `=${value}`;

/** The controller's port-set key: (name, protocol, port, appProtocol) per port, order ignored. */
export function portSetKey(ports: readonly Port[]): string {
  return ports
    .map((p) => `${field(p.name)}|${field(p.protocol)}|${field(p.port)}|${field(p.appProtocol)}`)
    .sort()
    .join(',');
}

export const groupKey = (addressType: string, ports: readonly Port[]): string =>
  `${addressType}\u0000${portSetKey(ports)}`;

/** `http 8080/TCP, metrics 9090/TCP`, or `no ports`. */
export function portsLabel(ports: readonly Port[]): string {
  if (ports.length === 0) return 'no ports';
  return [...ports]
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0))
    .map((p) => {
      const number = `${p.port ?? 'any'}/${p.protocol ?? 'TCP'}`;
      const app = p.appProtocol ? ` (${p.appProtocol})` : '';
      return `${p.name ? `${p.name} ` : ''}${number}${app}`;
    })
    .join(', ');
}

/** Who writes a slice, as far as the views care. */
export type SliceOwner = 'controller' | 'mirrored' | 'other';

export function ownerOf(slice: Pick<SliceView, 'managedBy'>): SliceOwner {
  if (slice.managedBy === CONTROLLER_NAME) return 'controller';
  if (slice.managedBy === MIRRORING_CONTROLLER_NAME) return 'mirrored';
  return 'other';
}

/** The tag a slice row shows, or undefined for an ordinary controller slice. */
export function sliceTag(
  slice: Pick<SliceView, 'name' | 'managedBy'>,
  drift?: Pick<DriftAnalysis, 'otherSlices'>,
): 'mirrored' | 'orphaned / hand-made' | undefined {
  const owner = ownerOf(slice);
  if (owner === 'mirrored') return 'mirrored';
  if (owner === 'other' || drift?.otherSlices.some((other) => other.name === slice.name)) {
    return 'orphaned / hand-made';
  }
  return undefined;
}

export type ConditionCounts = Record<Condition, number>;

export function conditionCounts(endpoints: SliceView['endpoints']): ConditionCounts {
  const counts: ConditionCounts = {
    ready: 0,
    'serving-terminating': 0,
    terminating: 0,
    'not-ready': 0,
  };
  for (const endpoint of endpoints) counts[conditionOf(endpoint)]++;
  return counts;
}

/** `97 ready, 3 not ready` (conditions with no endpoint left out; `no endpoints` when empty). */
export function countsText(counts: ConditionCounts): string {
  const parts = CONDITIONS.filter((condition) => counts[condition] > 0).map(
    (condition) => `${formatCount(counts[condition])} ${CONDITION_WORDS[condition]}`,
  );
  return parts.length === 0 ? 'no endpoints' : parts.join(', ');
}

const CONDITION_WORDS: Record<Condition, string> = {
  ready: 'ready',
  'serving-terminating': 'serving while terminating',
  terminating: 'terminating',
  'not-ready': 'not ready',
};

/**
 * The fullest packing of `endpoints` into slices of at most `max`: ceil(endpoints / max) slices,
 * all full but the last. Empty for no endpoints.
 */
export function idealPacking(endpoints: number, max: number): number[] {
  const size = Math.max(1, Math.floor(max));
  const count = Math.max(0, Math.floor(endpoints));
  const slices: number[] = [];
  for (let left = count; left > 0; left -= size) slices.push(Math.min(size, left));
  return slices;
}

export interface SliceGroup {
  key: string;
  addressType: string;
  ports: Port[];
  slices: SliceView[];
  endpoints: number;
  /** Slices and endpoints of the EndpointSlice controller: the only ones it packs. */
  controllerSlices: number;
  controllerEndpoints: number;
  /** ceil(controllerEndpoints / max); 1 for the placeholder of an address type without endpoints. */
  idealSlices: number;
  /** controllerEndpoints / (controllerSlices × max), 0–1. */
  fill: number;
  /** The api's analysis of the group (the Service now), when it has one. */
  analysis?: FragmentationGroup;
}

/**
 * Groups slices by address type and port set (sorted by key, slices by name inside), with the
 * ideal packing of each group's controller endpoints, matched with the api's groups if given.
 */
export function groupSlices(
  slices: readonly SliceView[],
  max: number,
  analysed: readonly FragmentationGroup[] = [],
): SliceGroup[] {
  const byKey = new Map<string, SliceGroup>();
  for (const slice of slices) {
    const key = groupKey(slice.addressType, slice.ports);
    let group = byKey.get(key);
    if (!group) {
      group = {
        key,
        addressType: slice.addressType,
        ports: slice.ports,
        slices: [],
        endpoints: 0,
        controllerSlices: 0,
        controllerEndpoints: 0,
        idealSlices: 0,
        fill: 0,
      };
      byKey.set(key, group);
    }
    group.slices.push(slice);
    group.endpoints += slice.endpoints.length;
    if (ownerOf(slice) === 'controller') {
      group.controllerSlices++;
      group.controllerEndpoints += slice.endpoints.length;
    }
  }
  const analysisByKey = new Map(analysed.map((g) => [groupKey(g.addressType, g.ports), g]));
  const groups = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const group of groups) {
    group.slices.sort((a, b) => a.name.localeCompare(b.name));
    group.idealSlices = Math.ceil(group.controllerEndpoints / Math.max(1, max));
    group.fill =
      group.controllerSlices === 0
        ? 0
        : Math.min(1, group.controllerEndpoints / (group.controllerSlices * Math.max(1, max)));
    const analysis = analysisByKey.get(group.key);
    if (analysis) group.analysis = analysis;
  }
  // An address type whose controller slices hold no endpoint ideally keeps one placeholder.
  for (const addressType of new Set(groups.map((group) => group.addressType))) {
    const ofType = groups.filter((g) => g.addressType === addressType && g.controllerSlices > 0);
    const [first] = ofType;
    if (first && ofType.every((g) => g.controllerEndpoints === 0)) first.idealSlices = 1;
  }
  return groups;
}
