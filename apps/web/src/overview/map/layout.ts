import type { NodeSummary } from '@slicescope/contract';
import { compareNatural, compareZones } from '../../ui/order.ts';
import { formatCount } from '../../ui/count.ts';
import { CHAR_WIDTH } from '../../ui/textWidth.ts';
import { plural } from '@slicescope/core';
import { endpointBins, type EndpointBins } from './bins.ts';

/**
 * Where the node map draws what: one column per zone (sorted, the nodes without a zone last),
 * the zone's nodes in a grid of square cells inside it, each node's box sized by its endpoint
 * bin. Pure, so the canvas, the hit test and the keyboard agree on positions.
 */

export type NodeHealth = 'ready' | 'not-ready' | 'unschedulable';

export const healthOf = (node: Pick<NodeSummary, 'ready' | 'unschedulable'>): NodeHealth =>
  !node.ready ? 'not-ready' : node.unschedulable ? 'unschedulable' : 'ready';

export interface MapNode {
  node: NodeSummary;
  /** Index of the zone column. */
  zone: number;
  /** Top-left corner of the node's cell. */
  x: number;
  y: number;
  /** Side of the box drawn centred in the cell (by endpoint bin). */
  size: number;
  bin: number;
  health: NodeHealth;
}

export interface MapZone {
  zone: string;
  label: string;
  x: number;
  width: number;
  /** Index of the zone's first node in `nodes`. */
  first: number;
  count: number;
  columns: number;
  rows: number;
  endpoints: number;
  notReady: number;
  /** The counts under the zone's name: one line when it fits the column, else one per count. */
  caption: readonly string[];
}

export interface MapLayout {
  width: number;
  height: number;
  /** Height of the zone headers above the cells. */
  header: number;
  cell: number;
  zones: readonly MapZone[];
  nodes: readonly MapNode[];
  indexOf: ReadonlyMap<string, number>;
  bins: EndpointBins;
}

export interface LayoutOptions {
  width: number;
  /** The height the cells should fit in; cells shrink down to `minCell` to get there. */
  maxHeight?: number;
  minCell?: number;
  maxCell?: number;
  gap?: number;
  /** Height of the zone headers with a one-line caption; each further line adds `CAPTION_LINE`. */
  header?: number;
  /** Narrowest a zone column gets; the map scrolls sideways beyond. */
  minColumn?: number;
}

const byName = (a: NodeSummary, b: NodeSummary) => compareNatural(a.name, b.name);

/** Height of a zone caption's line, px. */
export const CAPTION_LINE = 14;

/** How many characters of a zone header's text fit a column `width` px wide. */
export const captionChars = (width: number): number => Math.max(4, Math.floor(width / CHAR_WIDTH));

/** A zone's nodes, their endpoints and how many are not ready. */
function totalsOf(members: readonly NodeSummary[]) {
  let endpoints = 0;
  let notReady = 0;
  for (const node of members) {
    endpoints += node.endpoints;
    if (!node.ready) notReady++;
  }
  return { count: members.length, endpoints, notReady };
}

function captionOf(totals: ReturnType<typeof totalsOf>, width: number): string[] {
  const counts = [plural(totals.count, 'node'), plural(totals.endpoints, 'endpoint')];
  if (totals.notReady > 0) counts.push(`${formatCount(totals.notReady)} not ready`);
  const line = counts.join(' · ');
  return line.length <= captionChars(width) ? [line] : counts;
}

/** The side of a node's box relative to its cell, by endpoint bin (the emptiest is 45 %). */
export const boxFraction = (bin: number, lastBin: number): number =>
  lastBin === 0 ? 1 : 0.45 + (0.55 * bin) / lastBin;

/** The biggest cell size (whole pixels) that fits every zone within `maxHeight`. */
function fitCell(counts: readonly number[], columnWidth: number, options: Required<LayoutOptions>) {
  for (let cell = options.maxCell; cell > options.minCell; cell--) {
    const columns = Math.max(1, Math.floor(columnWidth / cell));
    const rows = Math.max(0, ...counts.map((count) => Math.ceil(count / columns)));
    if (rows * cell <= options.maxHeight) return cell;
  }
  return options.minCell;
}

export function layoutNodeMap(nodes: readonly NodeSummary[], given: LayoutOptions): MapLayout {
  const options: Required<LayoutOptions> = {
    maxHeight: 420,
    minCell: 6,
    maxCell: 18,
    gap: 16,
    header: 40,
    minColumn: 96,
    ...given,
  };
  const groups = new Map<string, NodeSummary[]>();
  for (const node of nodes) {
    const zone = node.zone ?? '';
    const group = groups.get(zone);
    if (group) group.push(node);
    else groups.set(zone, [node]);
  }
  const zoneNames = [...groups.keys()].sort(compareZones);
  const zoneCount = Math.max(1, zoneNames.length);
  const width = Math.max(
    Math.floor(options.width),
    zoneCount * options.minColumn + (zoneCount - 1) * options.gap,
  );
  const columnWidth = (width - (zoneCount - 1) * options.gap) / zoneCount;
  const counts = zoneNames.map((zone) => groups.get(zone)?.length ?? 0);
  const cell = fitCell(counts, columnWidth, options);
  const columns = Math.max(1, Math.floor(columnWidth / cell));
  let busiest = 0;
  for (const node of nodes) busiest = Math.max(busiest, node.endpoints);
  const bins = endpointBins(busiest);
  const lastBin = bins.ranges.length - 1;
  const inner = cell >= 8 ? cell - 2 : cell - 1;
  const sizeOf = (bin: number) => Math.max(2, Math.round(inner * boxFraction(bin, lastBin)));

  const totals = zoneNames.map((zone) => totalsOf(groups.get(zone) ?? []));
  const captions = totals.map((zone) => captionOf(zone, columnWidth));
  const header =
    options.header + (Math.max(1, ...captions.map((lines) => lines.length)) - 1) * CAPTION_LINE;

  const zones: MapZone[] = [];
  const placed: MapNode[] = [];
  const indexOf = new Map<string, number>();
  let rowsMax = 0;
  zoneNames.forEach((zone, zoneIndex) => {
    const members = (groups.get(zone) ?? []).sort(byName);
    const x = zoneIndex * (columnWidth + options.gap);
    const rows = Math.ceil(members.length / columns);
    rowsMax = Math.max(rowsMax, rows);
    const first = placed.length;
    members.forEach((node, position) => {
      const bin = bins.binOf(node.endpoints);
      indexOf.set(node.name, placed.length);
      placed.push({
        node,
        zone: zoneIndex,
        x: x + (position % columns) * cell,
        y: header + Math.floor(position / columns) * cell,
        size: sizeOf(bin),
        bin,
        health: healthOf(node),
      });
    });
    zones.push({
      zone,
      label: zone === '' ? 'no zone' : zone,
      x,
      width: columnWidth,
      first,
      count: members.length,
      columns,
      rows,
      endpoints: totals[zoneIndex]?.endpoints ?? 0,
      notReady: totals[zoneIndex]?.notReady ?? 0,
      caption: captions[zoneIndex] ?? [],
    });
  });
  return {
    width,
    height: header + rowsMax * cell,
    header,
    cell,
    zones,
    nodes: placed,
    indexOf,
    bins,
  };
}

/** The index of the node whose cell holds the point, if any. */
export function nodeAt(layout: MapLayout, x: number, y: number): number | undefined {
  if (y < layout.header) return undefined;
  const zone = layout.zones.find(
    (candidate) => x >= candidate.x && x < candidate.x + candidate.width,
  );
  if (!zone) return undefined;
  const column = Math.floor((x - zone.x) / layout.cell);
  const row = Math.floor((y - layout.header) / layout.cell);
  if (column >= zone.columns) return undefined;
  const position = row * zone.columns + column;
  return position < zone.count ? zone.first + position : undefined;
}
