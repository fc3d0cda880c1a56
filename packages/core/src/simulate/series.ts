import type { KindCost, SeriesPoint } from './types.ts';

/** Points a series keeps at most: longer runs are thinned by merging neighbours. */
export const MAX_SERIES_POINTS = 2_000;

export function emptyKindCost(withProtobuf: boolean): KindCost {
  return {
    objects: 0,
    writes: 0,
    writesByVerb: { create: 0, update: 0, delete: 0 },
    watchEvents: 0,
    bytes: 0,
    ...(withProtobuf && { bytesProtobuf: 0 }),
  };
}

/** Adds the flows of `b` to `a` (writes, events, bytes); `objects` becomes b's, the later level. */
export function addKindCost(a: KindCost, b: KindCost): void {
  a.objects = b.objects;
  a.writes += b.writes;
  a.writesByVerb.create += b.writesByVerb.create;
  a.writesByVerb.update += b.writesByVerb.update;
  a.writesByVerb.delete += b.writesByVerb.delete;
  a.watchEvents += b.watchEvents;
  a.bytes += b.bytes;
  if (a.bytesProtobuf !== undefined) a.bytesProtobuf += b.bytesProtobuf ?? 0;
}

function cloneKindCost(cost: KindCost): KindCost {
  return { ...cost, writesByVerb: { ...cost.writesByVerb } };
}

/** `later` folded into `earlier`: flows add up, levels and time are the later point's. */
function merge(earlier: SeriesPoint, later: SeriesPoint): SeriesPoint {
  const endpointSlices = cloneKindCost(earlier.endpointSlices);
  const endpoints = cloneKindCost(earlier.endpoints);
  addKindCost(endpointSlices, later.endpointSlices);
  addKindCost(endpoints, later.endpoints);
  return {
    t: later.t,
    steps: earlier.steps + later.steps,
    watchers: later.watchers,
    endpointSlices,
    endpoints,
    state: later.state,
  };
}

/**
 * A time series of bounded length: one point per step until {@link MAX_SERIES_POINTS}, then
 * neighbours are merged pairwise and each later point sums twice as many steps, and so on. The
 * thinning depends only on the steps, so the same run gives the same series.
 */
export class SeriesBuilder {
  private readonly points: SeriesPoint[] = [];
  private stride = 1;
  private pending: SeriesPoint | undefined;

  constructor(private readonly maxPoints = MAX_SERIES_POINTS) {}

  add(point: SeriesPoint): void {
    this.pending = this.pending ? merge(this.pending, point) : point;
    if (this.pending.steps < this.stride) return;
    this.points.push(this.pending);
    this.pending = undefined;
    if (this.points.length < this.maxPoints) return;
    const merged: SeriesPoint[] = [];
    for (let i = 0; i < this.points.length; i += 2) {
      const next = this.points[i + 1];
      merged.push(next ? merge(this.points[i]!, next) : this.points[i]!);
    }
    this.points.length = 0;
    this.points.push(...merged);
    this.stride *= 2;
  }

  /** The series, with a last partial point if steps are pending. */
  finish(): SeriesPoint[] {
    return this.pending ? [...this.points, this.pending] : [...this.points];
  }
}
