import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Endpoint, EndpointSlice } from '../src/index.ts';
import { LABEL_SERVICE_NAME } from '../src/model/constants.ts';
import { SliceStateTracker } from '../src/simulate/sliceState.ts';
import type { SliceState } from '../src/simulate/types.ts';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const MAX = 10;
const zone = fc.constantFrom(...ZONES, 'zone-x');

const endpoint: fc.Arbitrary<Endpoint> = fc.record(
  {
    addresses: fc.constant(['10.0.0.1']),
    conditions: fc.record(
      { ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean() },
      { requiredKeys: [] },
    ),
    zone,
    hints: fc.record({ forZones: fc.array(fc.record({ name: zone }), { maxLength: 2 }) }),
  },
  { requiredKeys: ['addresses'] },
);

/** A write of slice `key` (of one of two Services), its endpoints picked from a shared pool. */
const write = fc.record({
  key: fc.nat({ max: 5 }),
  deleted: fc.boolean(),
  service: fc.constantFrom('web', 'api'),
  /** Edits of the slice's current endpoints: each keeps, drops, replaces or inserts one. */
  edits: fc.array(
    fc.record({ op: fc.constantFrom('insert', 'remove', 'replace'), at: fc.nat(), pick: fc.nat() }),
    {
      maxLength: 4,
    },
  ),
});

/** The levels of a set of slices, counted from scratch. */
function levelsOf(slices: Iterable<EndpointSlice>): SliceState {
  const byCondition = { ready: 0, servingTerminating: 0, terminating: 0, notReady: 0 };
  const ready = new Map<string, number>();
  const hinted = new Map<string, number>();
  const hintedServices = new Set<string>();
  let count = 0;
  let endpoints = 0;
  for (const slice of slices) {
    count++;
    for (const e of slice.endpoints ?? []) {
      endpoints++;
      const { ready: r, serving, terminating } = e.conditions ?? {};
      const isReady = r !== false && terminating !== true;
      if (isReady) byCondition.ready++;
      else if (terminating && serving) byCondition.servingTerminating++;
      else if (terminating) byCondition.terminating++;
      else byCondition.notReady++;
      if (isReady && e.zone) ready.set(e.zone, (ready.get(e.zone) ?? 0) + 1);
      for (const hint of e.hints?.forZones ?? []) {
        hinted.set(hint.name, (hinted.get(hint.name) ?? 0) + 1);
        hintedServices.add(`shop/${slice.metadata.labels?.[LABEL_SERVICE_NAME]}`);
      }
    }
  }
  const others = [...new Set([...ready.keys(), ...hinted.keys()])].filter(
    (z) => !ZONES.includes(z),
  );
  return {
    slices: count,
    endpoints,
    fill: count === 0 ? 0 : endpoints / (count * MAX),
    byCondition,
    servicesWithHints: hintedServices.size,
    zones: [...ZONES, ...others.sort()].map((z) => ({
      zone: z,
      endpoints: ready.get(z) ?? 0,
      hinted: hinted.get(z) ?? 0,
    })),
  };
}

describe('SliceStateTracker', () => {
  test('levels kept from changed endpoints equal the levels of the current slices counted anew', () => {
    fc.assert(
      fc.property(
        fc.array(endpoint, { minLength: 1, maxLength: 12 }),
        fc.array(write, { maxLength: 40 }),
        (pool, writes) => {
          const tracker = new SliceStateTracker(ZONES, MAX);
          const current = new Map<string, EndpointSlice>();
          for (const w of writes) {
            const key = `shop/slice-${w.key}`;
            if (w.deleted) {
              tracker.apply(key, undefined);
              current.delete(key);
            } else {
              // Endpoints are shared between versions of a slice and between slices, never edited.
              const endpoints = [...(current.get(key)?.endpoints ?? [])];
              for (const e of w.edits) {
                const item = pool[e.pick % pool.length]!;
                if (e.op === 'insert') endpoints.splice(e.at % (endpoints.length + 1), 0, item);
                else if (endpoints.length === 0) continue;
                else if (e.op === 'remove') endpoints.splice(e.at % endpoints.length, 1);
                else endpoints[e.at % endpoints.length] = item;
              }
              const slice: EndpointSlice = {
                metadata: {
                  name: key,
                  namespace: 'shop',
                  labels: { [LABEL_SERVICE_NAME]: w.service },
                },
                addressType: 'IPv4',
                endpoints,
              };
              tracker.apply(key, slice);
              current.set(key, slice);
            }
            expect(tracker.state()).toEqual(levelsOf(current.values()));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
