import {
  isListedSliceOf,
  plural,
  type AddressType,
  type EndpointPort,
  type EndpointSlice,
} from '@slicescope/core';
import { compareStrings } from './endpointText.ts';
import { maxEndpointsPerSliceOf, type AnalysisInput } from './input.ts';
import { sliceName } from './sliceOwnership.ts';

/** How many of the emptiest slices each group names. */
const EMPTIEST_PER_GROUP = 5;

export interface SliceFill {
  name: string;
  endpoints: number;
}

/** The controller's slices of one address type and port set: one group of the reconciler. */
export interface FragmentationGroup {
  addressType: AddressType;
  /** The group's ports, sorted by name, protocol and number; empty for a placeholder. */
  ports: EndpointPort[];
  endpoints: number;
  actualSlices: number;
  /** ceil(endpoints / max), and 1 for the placeholder of an address type without endpoints. */
  idealSlices: number;
  /** endpoints / (actualSlices × max), 0–1. */
  fill: number;
  /** The slices holding the fewest endpoints, fewest first. */
  emptiest: SliceFill[];
}

export interface FragmentationAnalysis {
  /** The per-slice maximum the ideal is computed with (see {@link analyseFragmentation}). */
  maxEndpointsPerSlice: number;
  endpoints: number;
  actualSlices: number;
  idealSlices: number;
  /** endpoints / (actualSlices × max) over all groups, 0–1; 0 without slices. */
  fill: number;
  /** More slices than the endpoints need. */
  fragmented: boolean;
  /** One or two sentences for a person. */
  summary: string;
  /** By address type, then port set. */
  groups: FragmentationGroup[];
}

function field(value: string | number | undefined): string {
  return value === undefined ? '-' : `=${value}`;
}

/**
 * The key the controller groups slices by (CU NewPortMapKey): the set of (name, protocol, port,
 * appProtocol), absent distinct from empty, an absent list equal to an empty one.
 */
function portSetKey(ports: readonly EndpointPort[] | null | undefined): string {
  return (ports ?? [])
    .map(
      (port) =>
        `${field(port.name)}|${field(port.protocol)}|${field(port.port)}|${field(port.appProtocol)}`,
    )
    .sort(compareStrings)
    .join(',');
}

function sortedPorts(ports: readonly EndpointPort[] | null | undefined): EndpointPort[] {
  return [...(ports ?? [])].sort(
    (a, b) =>
      compareStrings(a.name ?? '', b.name ?? '') ||
      compareStrings(a.protocol ?? '', b.protocol ?? '') ||
      (a.port ?? 0) - (b.port ?? 0),
  );
}

const countOf = (slice: EndpointSlice): number => slice.endpoints?.length ?? 0;
const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

function group(
  addressType: AddressType,
  slices: readonly EndpointSlice[],
  max: number,
): FragmentationGroup {
  const [first] = slices;
  const endpoints = slices.reduce((sum, slice) => sum + countOf(slice), 0);
  const emptiest = [...slices]
    .sort((a, b) => countOf(a) - countOf(b) || compareStrings(sliceName(a), sliceName(b)))
    .slice(0, EMPTIEST_PER_GROUP)
    .map((slice) => ({ name: sliceName(slice), endpoints: countOf(slice) }));
  return {
    addressType,
    ports: sortedPorts(first?.ports),
    endpoints,
    actualSlices: slices.length,
    idealSlices: Math.ceil(endpoints / max),
    fill: slices.length === 0 ? 0 : endpoints / (slices.length * max),
    emptiest,
  };
}

function summaryOf(analysis: Omit<FragmentationAnalysis, 'summary'>, configured: number): string {
  const { actualSlices, idealSlices, endpoints, fill, maxEndpointsPerSlice: max } = analysis;
  const larger =
    max > configured
      ? ` A slice holds ${max} endpoints, so the controller's --max-endpoints-per-slice is at least ${max}, not ${configured}; the ideal uses ${max}.`
      : '';
  if (actualSlices === 0) return 'No slices managed by the EndpointSlice controller.';
  if (analysis.fragmented) {
    return `${plural(actualSlices, 'slice')} where ${idealSlices} would do (${percent(fill)} of their capacity used): the controller only repacks when it must (spec: it fills existing slices before creating, never merges), so slices stay sparse after a scale-down until a change rewrites them.${larger}`;
  }
  return `${plural(actualSlices, 'slice')} for ${plural(endpoints, 'endpoint')}, as few as ${max} per slice allows (${percent(fill)} of their capacity used).${larger}`;
}

/**
 * How well the EndpointSlice controller's slices of a Service are packed, per address type and
 * port set (the groups the reconciler packs separately, spec endpointslice-controller.md §5.2),
 * against the fewest slices that could hold the same endpoints, `ceil(endpoints / max)` — the
 * controller's own `desired_endpoint_slices` (MET numDesiredSlices). An address type whose
 * slices hold no endpoint ideally keeps one placeholder (§6.5).
 *
 * Only slices managed by the controller and not being deleted count. Should a slice hold more
 * endpoints than the configured maximum, the cluster's controller must run with a larger one,
 * so that slice's size is used instead.
 */
export function analyseFragmentation(input: AnalysisInput): FragmentationAnalysis {
  const configured = maxEndpointsPerSliceOf(input.options);
  const slices = input.slices
    .filter((slice) => isListedSliceOf(slice, input.service))
    .sort((a, b) => compareStrings(sliceName(a), sliceName(b)));
  const max = slices.reduce((largest, slice) => Math.max(largest, countOf(slice)), configured);

  const byKey = new Map<string, { addressType: AddressType; slices: EndpointSlice[] }>();
  for (const slice of slices) {
    const key = `${slice.addressType}\u0000${portSetKey(slice.ports)}`;
    const existing = byKey.get(key);
    if (existing) existing.slices.push(slice);
    else byKey.set(key, { addressType: slice.addressType, slices: [slice] });
  }
  const groups = [...byKey.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, entry]) => group(entry.addressType, entry.slices, max));

  for (const addressType of new Set(groups.map((entry) => entry.addressType))) {
    const ofType = groups.filter((entry) => entry.addressType === addressType);
    const [first] = ofType;
    if (first && ofType.every((entry) => entry.endpoints === 0)) first.idealSlices = 1;
  }

  const endpoints = groups.reduce((sum, entry) => sum + entry.endpoints, 0);
  const actualSlices = slices.length;
  const idealSlices = groups.reduce((sum, entry) => sum + entry.idealSlices, 0);
  const analysis = {
    maxEndpointsPerSlice: max,
    endpoints,
    actualSlices,
    idealSlices,
    fill: actualSlices === 0 ? 0 : endpoints / (actualSlices * max),
    fragmented: actualSlices > idealSlices,
    groups,
  };
  return { ...analysis, summary: summaryOf(analysis, configured) };
}
