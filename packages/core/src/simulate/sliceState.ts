import type { EndpointSlice } from '../model/kubernetes.ts';
import { LABEL_SERVICE_NAME } from '../model/constants.ts';
import type { EndpointsByCondition, SliceState } from './types.ts';

interface Contribution {
  service: string;
  endpoints: number;
  byCondition: EndpointsByCondition;
  zoneReady: Map<string, number>;
  zoneHinted: Map<string, number>;
  hinted: boolean;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const value = (map.get(key) ?? 0) + by;
  if (value === 0) map.delete(key);
  else map.set(key, value);
}

function contributionOf(slice: EndpointSlice): Contribution {
  const byCondition = { ready: 0, servingTerminating: 0, terminating: 0, notReady: 0 };
  const zoneReady = new Map<string, number>();
  const zoneHinted = new Map<string, number>();
  let hinted = false;
  for (const endpoint of slice.endpoints ?? []) {
    const { ready, serving, terminating } = endpoint.conditions ?? {};
    // An unset ready condition means ready (discovery/v1: "nil should be interpreted as true").
    const isReady = ready !== false && terminating !== true;
    if (isReady) byCondition.ready++;
    else if (terminating === true && serving === true) byCondition.servingTerminating++;
    else if (terminating === true) byCondition.terminating++;
    else byCondition.notReady++;
    if (isReady && endpoint.zone) bump(zoneReady, endpoint.zone, 1);
    for (const hint of endpoint.hints?.forZones ?? []) {
      hinted = true;
      bump(zoneHinted, hint.name, 1);
    }
  }
  const namespace = slice.metadata.namespace ?? '';
  return {
    service: `${namespace}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`,
    endpoints: slice.endpoints?.length ?? 0,
    byCondition,
    zoneReady,
    zoneHinted,
    hinted,
  };
}

/**
 * The levels of the time series — slices, fill, endpoints by condition, zones and hints — kept
 * up to date from the EndpointSlice changes alone, in time proportional to the changed slices.
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
    if (slice) {
      const after = contributionOf(slice);
      this.slices.set(key, after);
      this.add(after, 1);
    } else {
      this.slices.delete(key);
    }
  }

  private add(c: Contribution, sign: 1 | -1): void {
    this.endpoints += sign * c.endpoints;
    this.byCondition.ready += sign * c.byCondition.ready;
    this.byCondition.servingTerminating += sign * c.byCondition.servingTerminating;
    this.byCondition.terminating += sign * c.byCondition.terminating;
    this.byCondition.notReady += sign * c.byCondition.notReady;
    for (const [zone, n] of c.zoneReady) bump(this.zoneReady, zone, sign * n);
    for (const [zone, n] of c.zoneHinted) bump(this.zoneHinted, zone, sign * n);
    if (c.hinted) bump(this.hintedSlices, c.service, sign);
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
