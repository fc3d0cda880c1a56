import { plural } from '@slicescope/core';
import type { HintsExplanationView } from '@slicescope/contract';
import { CHAR_WIDTH } from '../../ui/textWidth.ts';
import { CONDITION_COUNT, CONDITION_INDEX, type TopologyModel } from './model.ts';

/**
 * What each zone column's header says: its endpoints, its share of the ready endpoints against
 * its share of the ready nodes' CPU, and the overload each of its endpoints would carry if every
 * zone's traffic went to its own endpoints (as topology-aware hints try to), 0.2 = 20% more than a
 * fair share. The api's hints analysis gives these when it describes the same endpoints; otherwise
 * they are computed from the nodes of the stream.
 */
export interface ZoneHeader {
  column: number;
  label: string;
  endpoints: number;
  ready: number;
  nodes: number;
  nodesWithEndpoints: number;
  endpointShare: number;
  cpuShare: number | undefined;
  expectedOverload: number | undefined;
  source: 'analysis' | 'nodes';
}

/** The controller's overload threshold: above it, hints are not allocated (and headers warn). */
export const OVERLOAD_THRESHOLD = 0.2;

/** How close the analysis's endpoint share must be to ours to take its numbers. */
const SAME_SHARE = 0.005;

/** cpuShare / endpointShare − 1: undefined without CPU or without endpoints. */
export function overloadOf(
  cpuShare: number | undefined,
  endpointShare: number,
): number | undefined {
  if (cpuShare === undefined || endpointShare <= 0) return undefined;
  return cpuShare / endpointShare - 1;
}

export function zoneHeaders(
  model: TopologyModel,
  counts: Uint32Array,
  hints: readonly HintsExplanationView[] | undefined,
): ZoneHeader[] {
  const ready = CONDITION_INDEX.ready;
  let allReady = 0;
  let allCpu = 0;
  model.columns.forEach((column, c) => {
    allReady += counts[c * CONDITION_COUNT + ready] ?? 0;
    if (column.zone !== undefined) allCpu += column.readyCpuMilli;
  });
  const nodesWithEndpoints = new Uint32Array(model.columns.length);
  for (const box of model.boxes)
    if (!box.faint && box.node !== undefined) nodesWithEndpoints[box.column]! += 1;

  return model.columns.map((column, c) => {
    let endpoints = 0;
    for (let k = 0; k < CONDITION_COUNT; k++) endpoints += counts[c * CONDITION_COUNT + k] ?? 0;
    const zoneReady = counts[c * CONDITION_COUNT + ready] ?? 0;
    const endpointShare = allReady === 0 ? 0 : zoneReady / allReady;
    const fromNodes =
      column.zone === undefined || allCpu === 0 ? undefined : column.readyCpuMilli / allCpu;
    const explained = (hints ?? [])
      .flatMap((hint) => hint.zones)
      .filter((zone) => column.zone !== undefined && zone.zone === column.zone);
    const cpuShare = explained.find((zone) => zone.cpuShare !== undefined)?.cpuShare ?? fromNodes;
    const agreed = explained.find(
      (zone) =>
        zone.expectedOverload !== undefined &&
        Math.abs(zone.endpointShare - endpointShare) <= SAME_SHARE,
    );
    return {
      column: c,
      label: column.label,
      endpoints,
      ready: zoneReady,
      nodes: column.nodes,
      nodesWithEndpoints: nodesWithEndpoints[c] ?? 0,
      endpointShare,
      cpuShare,
      expectedOverload: agreed ? agreed.expectedOverload : overloadOf(cpuShare, endpointShare),
      source: explained.length > 0 ? 'analysis' : 'nodes',
    };
  });
}

export const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** +20%, −12%, ±0%. */
export function signedPercent(fraction: number): string {
  const rounded = Math.round(fraction * 100);
  if (rounded === 0) return '±0%';
  return rounded > 0 ? `+${rounded}%` : `−${Math.abs(rounded)}%`;
}

/**
 * The header's lines of text, top to bottom. The overload is what hints would bring, whether the
 * Service has them or not: "hint overload", and red above the threshold where hints stop.
 */
export function headerLines(header: ZoneHeader): string[] {
  return [
    header.label,
    `${plural(header.endpoints, 'endpoint')} · ${nodesText(header)}`,
    `endpoints ${percent(header.endpointShare)} · CPU ${header.cpuShare === undefined ? '—' : percent(header.cpuShare)}`,
    overloadText(header, 'hint overload', 'no ready endpoints'),
  ];
}

/**
 * The lines for a column too narrow for {@link headerLines} (a phone's width): endpoints and
 * nodes on lines of their own, and the overload without the shares it comes from.
 */
export function compactHeaderLines(header: ZoneHeader): string[] {
  return [
    header.label,
    plural(header.endpoints, 'endpoint'),
    nodesText(header),
    overloadText(header, 'overload', 'none ready'),
  ];
}

/** Width a header's lines need on screen, px: its longest line of 12 px text, and its inset. */
export function headerWidth(lines: readonly string[]): number {
  return 12 + CHAR_WIDTH * Math.max(0, ...lines.map((line) => line.length));
}

function nodesText(header: ZoneHeader): string {
  return header.nodes > 0
    ? `${header.nodesWithEndpoints}/${plural(header.nodes, 'node')}`
    : plural(header.nodesWithEndpoints, 'node');
}

function overloadText(header: ZoneHeader, name: string, noneReady: string): string {
  if (header.expectedOverload !== undefined)
    return `${name} ${signedPercent(header.expectedOverload)}`;
  return header.cpuShare !== undefined && header.ready === 0 ? noneReady : `${name} —`;
}
