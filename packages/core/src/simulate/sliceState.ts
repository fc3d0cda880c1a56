import type { Endpoint, EndpointSlice } from '../model/kubernetes.ts';
import { LABEL_SERVICE_NAME } from '../model/constants.ts';
import type { EndpointsByCondition, SliceState } from './types.ts';

function bump(map: Map<string, number>, key: string, by: number): void {
  const value = (map.get(key) ?? 0) + by;
  if (value === 0) map.delete(key);
  else map.set(key, value);
}

/** Counts by zone for one slice, whose endpoints sit in a few zones: a list beats a Map. */
class ZoneCounts {
  private readonly zones: string[] = [];
  private readonly counts: number[] = [];

  bump(zone: string, by: number): void {
    const at = this.zones.indexOf(zone);
    if (at >= 0) this.counts[at]! += by;
    else {
      this.zones.push(zone);
      this.counts.push(by);
    }
  }

  addTo(map: Map<string, number>, sign: 1 | -1): void {
    for (let i = 0; i < this.zones.length; i++) {
      const count = this.counts[i]!;
      if (count !== 0) bump(map, this.zones[i]!, sign * count);
    }
  }
}

/** What one slice adds to the levels; kept per slice and moved by the endpoints that change. */
class Contribution {
  endpoints: readonly Endpoint[] = [];
  readonly byCondition: EndpointsByCondition = {
    ready: 0,
    servingTerminating: 0,
    terminating: 0,
    notReady: 0,
  };
  readonly zoneReady = new ZoneCounts();
  readonly zoneHinted = new ZoneCounts();
  /** Endpoints with zone hints. */
  hintedEndpoints = 0;

  constructor(public service: string) {}

  /** Counts `endpoint` in (sign 1) or out (sign -1). */
  count(endpoint: Endpoint, sign: 1 | -1): void {
    const { ready, serving, terminating } = endpoint.conditions ?? {};
    // An unset ready condition means ready (discovery/v1: "nil should be interpreted as true").
    const isReady = ready !== false && terminating !== true;
    if (isReady) this.byCondition.ready += sign;
    else if (terminating === true && serving === true) this.byCondition.servingTerminating += sign;
    else if (terminating === true) this.byCondition.terminating += sign;
    else this.byCondition.notReady += sign;
    if (isReady && endpoint.zone) this.zoneReady.bump(endpoint.zone, sign);
    const hints = endpoint.hints?.forZones ?? [];
    if (hints.length > 0) this.hintedEndpoints += sign;
    for (const hint of hints) this.zoneHinted.bump(hint.name, sign);
  }

  /**
   * Moves the counts from the slice's previous endpoints to `next`: the endpoints both lists
   * begin and end with (the same objects; endpoints are never changed once built) stay counted.
   */
  moveTo(next: readonly Endpoint[]): void {
    const previous = this.endpoints;
    let start = 0;
    while (start < previous.length && start < next.length && previous[start] === next[start]) {
      start++;
    }
    let endPrevious = previous.length;
    let endNext = next.length;
    while (
      endPrevious > start &&
      endNext > start &&
      previous[endPrevious - 1] === next[endNext - 1]
    ) {
      endPrevious--;
      endNext--;
    }
    for (let i = start; i < endPrevious; i++) this.count(previous[i]!, -1);
    for (let i = start; i < endNext; i++) this.count(next[i]!, 1);
    this.endpoints = next;
  }
}

function serviceOf(slice: EndpointSlice): string {
  const namespace = slice.metadata.namespace ?? '';
  return `${namespace}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`;
}

/**
 * The levels of the time series — slices, fill, endpoints by condition, zones and hints — kept
 * up to date from the EndpointSlice changes alone, in time proportional to the changed endpoints.
 */
export class SliceStateTracker {
  private readonly slices = new Map<string, Contribution>();
  private endpoints = 0;
  private readonly byCondition: EndpointsByCondition = {
    ready: 0,
    servingTerminating: 0,
    terminating: 0,
    notReady: 0,
  };
  private readonly zoneReady = new Map<string, number>();
  private readonly zoneHinted = new Map<string, number>();
  /** Hinted slices per Service. */
  private readonly hintedSlices = new Map<string, number>();

  /** `zones`: the cluster's zones, listed first and even when empty. */
  constructor(
    private readonly zones: readonly string[],
    private readonly maxEndpointsPerSlice: number,
  ) {}

  /** A slice written (`slice`) or deleted (undefined) under `key`. */
  apply(key: string, slice: EndpointSlice | undefined): void {
    const before = this.slices.get(key);
    if (before) this.add(before, -1);
    if (!slice) {
      this.slices.delete(key);
      return;
    }
    const contribution = before ?? new Contribution('');
    contribution.service = serviceOf(slice);
    contribution.moveTo(slice.endpoints ?? []);
    this.slices.set(key, contribution);
    this.add(contribution, 1);
  }

  private add(c: Contribution, sign: 1 | -1): void {
    this.endpoints += sign * c.endpoints.length;
    this.byCondition.ready += sign * c.byCondition.ready;
    this.byCondition.servingTerminating += sign * c.byCondition.servingTerminating;
    this.byCondition.terminating += sign * c.byCondition.terminating;
    this.byCondition.notReady += sign * c.byCondition.notReady;
    c.zoneReady.addTo(this.zoneReady, sign);
    c.zoneHinted.addTo(this.zoneHinted, sign);
    if (c.hintedEndpoints > 0) bump(this.hintedSlices, c.service, sign);
  }

  state(): SliceState {
    const slices = this.slices.size;
    const others = new Set([...this.zoneReady.keys(), ...this.zoneHinted.keys()]);
    for (const zone of this.zones) others.delete(zone);
    const zones = [...this.zones, ...[...others].sort()];
    return {
      slices,
      endpoints: this.endpoints,
      fill: slices === 0 ? 0 : this.endpoints / (slices * this.maxEndpointsPerSlice),
      byCondition: { ...this.byCondition },
      servicesWithHints: this.hintedSlices.size,
      zones: zones.map((zone) => ({
        zone,
        endpoints: this.zoneReady.get(zone) ?? 0,
        hinted: this.zoneHinted.get(zone) ?? 0,
      })),
    };
  }
}
