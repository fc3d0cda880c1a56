import type { EndpointView, NodeSummary, SliceView } from '@slicescope/contract';
import { CONDITIONS, conditionOf, type Condition } from '../../ui/conditions.ts';
import { compareNatural } from '../../ui/order.ts';
import type { LayoutInput } from './layout.ts';

/**
 * The endpoints of a Service flattened for drawing: endpoint i is the i-th endpoint of the slices
 * in order, with its condition, slice and node box in typed arrays. Boxes (one per node, per zone
 * column) are ordered by column, then nodes with endpoints by name, the unknown-node box, then
 * nodes without endpoints of this Service (drawn faintly).
 */

export const CONDITION_COUNT = CONDITIONS.length;
export const CONDITION_INDEX = Object.fromEntries(
  CONDITIONS.map((condition, index) => [condition, index]),
) as Record<Condition, number>;

/** More nodes without endpoints than this are counted in the zone header, not drawn. */
export const MAX_FAINT_NODES = 500;

export interface Column {
  /** undefined: endpoints and nodes without a zone. */
  zone: string | undefined;
  label: string;
  /** Nodes the stream knows in this zone, with endpoints here or not. */
  nodes: number;
  /** cpuMilli of the ready ones. */
  readyCpuMilli: number;
}

export interface Box {
  column: number;
  /** undefined: the box of endpoints without a nodeName. */
  node: string | undefined;
  summary: NodeSummary | undefined;
  /** A node without endpoints of this Service, drawn faintly. */
  faint: boolean;
}

export interface SliceRange {
  name: string;
  slice: SliceView;
  start: number;
  keys: readonly string[];
}

export interface TopologyModel {
  count: number;
  slices: SliceRange[];
  /** Endpoint → index in `slices`. */
  sliceOf: Uint32Array;
  /** Endpoint → index in CONDITIONS. */
  conditions: Uint8Array;
  /** Endpoint → index in `boxes`. */
  endpointBox: Uint32Array;
  columns: Column[];
  boxes: Box[];
  boxColumn: Uint32Array;
  /** Endpoints per box and condition: boxCounts[box * CONDITION_COUNT + condition]. */
  boxCounts: Uint32Array;
  /** Distinct zones and nodes named by the endpoints. */
  zones: number;
  nodes: number;
}

interface SliceExtract {
  keys: string[];
  conditions: Uint8Array;
  /** The slice's distinct zone + node pairs, and each endpoint's index among them. */
  boxKeys: string[];
  local: Uint32Array;
  zones: string[];
  nodes: string[];
}

const NO_NODE = '\u0001';
const SEP = '\u0000';
const extracts = new WeakMap<SliceView, SliceExtract>();

/**
 * Per slice object: unchanged slices (the stream keeps their objects) are not walked again, and a
 * model is assembled from typed arrays and each slice's few distinct zone + node pairs.
 */
function extract(slice: SliceView): SliceExtract {
  const cached = extracts.get(slice);
  if (cached) return cached;
  const n = slice.endpoints.length;
  const keys = new Array<string>(n);
  const conditions = new Uint8Array(n);
  const local = new Uint32Array(n);
  const pairs = new Map<string, number>();
  const zones = new Set<string>();
  const nodes = new Set<string>();
  for (let i = 0; i < n; i++) {
    const endpoint = slice.endpoints[i] as EndpointView;
    const first = endpoint.addresses[0];
    keys[i] = `${slice.name}/${first ?? `#${i}`}`;
    conditions[i] = CONDITION_INDEX[conditionOf(endpoint)];
    const pair = `${endpoint.zone ?? ''}${SEP}${endpoint.nodeName ?? NO_NODE}`;
    let at = pairs.get(pair);
    if (at === undefined) {
      at = pairs.size;
      pairs.set(pair, at);
      if (endpoint.zone) zones.add(endpoint.zone);
      if (endpoint.nodeName) nodes.add(endpoint.nodeName);
    }
    local[i] = at;
  }
  const result = {
    keys,
    conditions,
    boxKeys: [...pairs.keys()],
    local,
    zones: [...zones],
    nodes: [...nodes],
  };
  extracts.set(slice, result);
  return result;
}

/** The endpoint behind index i. */
export function endpointAt(model: TopologyModel, index: number): EndpointView | undefined {
  const range = model.slices[model.sliceOf[index] ?? -1];
  return range?.slice.endpoints[index - range.start];
}

/** Its key: slice name + first address. */
export function keyAt(model: TopologyModel, index: number): string | undefined {
  const range = model.slices[model.sliceOf[index] ?? -1];
  return range?.keys[index - range.start];
}

function columnsOf(
  boxKeys: ReadonlySet<string>,
  nodeList: readonly NodeSummary[],
): { columns: Column[]; columnOf: Map<string, number> } {
  const zones = new Set<string>();
  let noZone = false;
  for (const key of boxKeys) {
    const zone = key.slice(0, key.indexOf(SEP));
    if (zone === '') noZone = true;
    else zones.add(zone);
  }
  for (const node of nodeList) {
    if (node.zone) zones.add(node.zone);
    else noZone = true;
  }
  const columns: Column[] = [...zones]
    .sort(compareNatural)
    .map((zone) => ({ zone, label: zone, nodes: 0, readyCpuMilli: 0 }));
  if (noZone) columns.push({ zone: undefined, label: 'no zone', nodes: 0, readyCpuMilli: 0 });
  const columnOf = new Map(columns.map((column, index) => [column.zone ?? '', index]));
  for (const node of nodeList) {
    const column = columns[columnOf.get(node.zone ?? '') ?? -1];
    if (!column) continue;
    column.nodes += 1;
    if (node.ready) column.readyCpuMilli += node.cpuMilli ?? 0;
  }
  return { columns, columnOf };
}

export function buildModel(
  slices: readonly SliceView[],
  nodes: Readonly<Record<string, NodeSummary>>,
): TopologyModel {
  let count = 0;
  const ranges: SliceRange[] = [];
  const parts: SliceExtract[] = [];
  const zoneNames = new Set<string>();
  const nodeNames = new Set<string>();
  const boxKeySet = new Set<string>();
  for (const slice of slices) {
    const part = extract(slice);
    parts.push(part);
    ranges.push({ name: slice.name, slice, start: count, keys: part.keys });
    count += part.keys.length;
    for (const zone of part.zones) zoneNames.add(zone);
    for (const node of part.nodes) nodeNames.add(node);
    for (const key of part.boxKeys) boxKeySet.add(key);
  }
  const nodeList = Object.values(nodes);
  const { columns, columnOf } = columnsOf(boxKeySet, nodeList);

  // Boxes: per column, nodes with endpoints by name, the unknown node, then faint nodes.
  type Entry = Box & { key: string | undefined; rank: number };
  const entries: Entry[] = [...boxKeySet].map((key) => {
    const [zone = '', node = ''] = key.split(SEP);
    const named = node !== NO_NODE;
    return {
      key,
      column: columnOf.get(zone) ?? 0,
      node: named ? node : undefined,
      summary: named ? nodes[node] : undefined,
      faint: false,
      rank: named ? 0 : 1,
    };
  });
  const faint = nodeList.filter((node) => !nodeNames.has(node.name));
  if (faint.length <= MAX_FAINT_NODES) {
    for (const node of faint) {
      const column = columnOf.get(node.zone ?? '') ?? 0;
      entries.push({
        key: undefined,
        column,
        node: node.name,
        summary: node,
        faint: true,
        rank: 2,
      });
    }
  }
  entries.sort(
    (a, b) => a.column - b.column || a.rank - b.rank || compareNatural(a.node ?? '', b.node ?? ''),
  );
  const boxIndex = new Map<string, number>();
  const boxes: Box[] = entries.map(({ key, column, node, summary, faint: dim }, index) => {
    if (key !== undefined) boxIndex.set(key, index);
    return { column, node, summary, faint: dim };
  });

  const sliceOf = new Uint32Array(count);
  const conditions = new Uint8Array(count);
  const endpointBox = new Uint32Array(count);
  const boxCounts = new Uint32Array(boxes.length * CONDITION_COUNT);
  ranges.forEach((range, s) => {
    const part = parts[s] as SliceExtract;
    const n = part.keys.length;
    sliceOf.fill(s, range.start, range.start + n);
    conditions.set(part.conditions, range.start);
    const global = Uint32Array.from(part.boxKeys, (key) => boxIndex.get(key) ?? 0);
    for (let i = 0; i < n; i++) {
      const box = global[part.local[i] ?? 0] ?? 0;
      endpointBox[range.start + i] = box;
      boxCounts[box * CONDITION_COUNT + (part.conditions[i] ?? 0)]! += 1;
    }
  });
  return {
    count,
    slices: ranges,
    sliceOf,
    conditions,
    endpointBox,
    columns,
    boxes,
    boxColumn: Uint32Array.from(boxes, (box) => box.column),
    boxCounts,
    zones: zoneNames.size,
    nodes: nodeNames.size,
  };
}

/** What the layout of a model needs, at an aspect ratio (width ÷ height) of the view. */
export function layoutInputOf(model: TopologyModel, aspect: number): LayoutInput {
  return {
    columns: model.columns.length,
    boxColumn: model.boxColumn,
    endpointBox: model.endpointBox,
    conditions: model.conditions,
    aspect,
  };
}
