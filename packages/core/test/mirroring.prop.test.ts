/**
 * Properties of EndpointSliceMirroring on arbitrary Endpoints objects: no written slice holds more
 * than one subset's share (`maxEndpointsPerSubset`), no invalid IP is ever mirrored and every
 * address is canonical and of its slice's family, there is one slice per (port set, family) with
 * mirrored endpoints, the order of the existing slices does not matter, and a second reconcile on
 * what was written makes no call.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EndpointSlice } from '../src/model/kubernetes.ts';
import type { EndpointAddress, Endpoints, EndpointsPort } from '../src/model/endpoints.ts';
import { reconcileMirroredSlices } from '../src/legacy/mirroring.ts';
import { repackSubsets } from '../src/legacy/repackSubsets.ts';
import { parseIp } from '../src/net/ip.ts';
import { FakeSliceApi } from './builders/index.ts';

const ipText = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4().map((ip) => `::ffff:${ip}`),
  fc.ipV4().map((ip) => ip.replace(/^(\d+)\./, '0$1.')),
  fc.constantFrom('not-an-ip', '1.2.3.256', '::g', '', '10.0.0.1/24'),
);

const addressArbitrary: fc.Arbitrary<EndpointAddress> = fc.record(
  {
    ip: ipText,
    hostname: fc.constantFrom('a', 'b', ''),
    nodeName: fc.constantFrom('node-1', 'node-2'),
    targetRef: fc.record({ kind: fc.constant('Pod'), name: fc.constantFrom('p1', 'p2', 'p3') }),
  },
  { requiredKeys: ['ip'] },
);

const portArbitrary: fc.Arbitrary<EndpointsPort> = fc.constantFrom<EndpointsPort>(
  { name: 'http', port: 80, protocol: 'TCP' },
  { name: 'https', port: 443, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP', appProtocol: 'dns' },
  // The same port as the API server would default it, and as written by hand.
  { port: 8080, protocol: 'TCP' },
  { port: 8080 },
);

const endpointsArbitrary: fc.Arbitrary<Endpoints> = fc
  .record({
    subsets: fc.array(
      fc.record({
        addresses: fc.array(addressArbitrary, { maxLength: 12 }),
        notReadyAddresses: fc.array(addressArbitrary, { maxLength: 8 }),
        ports: fc.uniqueArray(portArbitrary, { maxLength: 2, selector: (port) => port.name ?? '' }),
      }),
      { maxLength: 4 },
    ),
    labels: fc.dictionary(fc.constantFrom('team', 'tier'), fc.constantFrom('a', 'b')),
  })
  .map(({ subsets, labels }) => ({
    metadata: { name: 'ext', namespace: 'ns', uid: 'uid-ext', labels },
    subsets,
  }));

const scenario = fc.record({
  endpoints: endpointsArbitrary,
  earlier: endpointsArbitrary,
  max: fc.constantFrom(1, 2, 5, 1000),
  seed: fc.integer(),
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function writtenSlices(actions: ReturnType<typeof reconcileMirroredSlices>['actions']) {
  return actions.flatMap((action) => (action.verb === 'delete' ? [] : [action.slice]));
}

describe('reconcileMirroredSlices', () => {
  test('mirrors only valid canonical IPs, at most one subset share per slice, stably', () => {
    fc.assert(
      fc.property(scenario, ({ endpoints, earlier, max, seed }) => {
        const api = new FakeSliceApi();
        api.apply(reconcileMirroredSlices(earlier, []).actions);
        const existing = api.list();
        const result = reconcileMirroredSlices(endpoints, existing, { maxEndpointsPerSubset: max });

        const valid = new Set<string>();
        for (const subset of endpoints.subsets ?? []) {
          for (const address of [
            ...(subset.addresses ?? []),
            ...(subset.notReadyAddresses ?? []),
          ]) {
            const parsed = parseIp(address.ip);
            if (parsed) valid.add(parsed.text);
          }
        }
        for (const slice of writtenSlices(result.actions)) {
          expect(slice.endpoints?.length ?? 0).toBeGreaterThan(0);
          expect(slice.endpoints?.length ?? 0).toBeLessThanOrEqual(max);
          for (const endpoint of slice.endpoints ?? []) {
            const [ip] = endpoint.addresses;
            const parsed = parseIp(ip ?? '');
            expect(parsed?.text).toBe(ip);
            expect(parsed?.family).toBe(slice.addressType);
            expect(valid.has(ip ?? '')).toBe(true);
          }
        }

        // The order in which the slices are listed does not matter.
        const reordered = reconcileMirroredSlices(endpoints, shuffled(existing, seed), {
          maxEndpointsPerSubset: max,
        });
        expect(reordered).toEqual(result);

        api.apply(result.actions);
        const after = api.list();
        // One slice per (port set, family) with mirrored endpoints, within one subset's share.
        const keys = after.map(
          (slice: EndpointSlice) =>
            `${slice.addressType}/${JSON.stringify(
              [...(slice.ports ?? [])].sort((a, b) => (a.port ?? 0) - (b.port ?? 0)),
            )}`,
        );
        expect(new Set(keys).size).toBe(keys.length);
        // Mirroring reads an absent port protocol as TCP before repacking, so the bound does too.
        const defaulted = (endpoints.subsets ?? []).map((subset) => ({
          ...subset,
          ports: subset.ports?.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' })),
        }));
        expect(after.length).toBeLessThanOrEqual(2 * repackSubsets(defaulted).length);
        const second = reconcileMirroredSlices(endpoints, after, { maxEndpointsPerSubset: max });
        expect(second.actions).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
