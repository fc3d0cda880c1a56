import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SliceView } from '@slicescope/contract';
import {
  conditionCounts,
  countsText,
  groupSlices,
  idealPacking,
  portSetKey,
  portsLabel,
  sliceTag,
} from '../../src/service/slices/sliceGroups.ts';
import { sliceOf } from '../support/render.tsx';
import { endpoint, endpoints } from './builders.ts';

const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

describe('ideal packing', () => {
  it('fills ceil(n / max) slices, all full but the last', () => {
    expect(idealPacking(250, 100)).toEqual([100, 100, 50]);
    expect(idealPacking(200, 100)).toEqual([100, 100]);
    expect(idealPacking(1, 1000)).toEqual([1]);
    expect(idealPacking(0, 100)).toEqual([]);
  });

  it('holds every endpoint in the fewest slices (property)', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 1000 }), (n, max) => {
        const packing = idealPacking(n, max);
        expect(packing.reduce((a, b) => a + b, 0)).toBe(n);
        expect(packing).toHaveLength(Math.ceil(n / max));
        expect(packing.every((size) => size > 0 && size <= max)).toBe(true);
        expect(packing.slice(0, -1).every((size) => size === max)).toBe(true);
      }),
    );
  });
});

describe('grouping slices by address type and port set', () => {
  const http = { name: 'http', port: 8080, protocol: 'TCP' };
  const metrics = { name: 'metrics', port: 9090, protocol: 'TCP' };

  it('groups like the controller: port order does not matter, address type does', () => {
    const slices = [
      sliceOf('shop', 'web', 'web-b', endpoints(1, 30), { ports: [metrics, http] }),
      sliceOf('shop', 'web', 'web-a', endpoints(2, 50), { ports: [http, metrics] }),
      sliceOf('shop', 'web', 'web-6', endpoints(3, 5), { addressType: 'IPv6', ports: [http] }),
      sliceOf('shop', 'web', 'web-m', endpoints(4, 7), {
        managedBy: MIRRORING,
        ports: [http, metrics],
      }),
    ];
    const groups = groupSlices(slices, 100);
    expect(groups.map((g) => [g.addressType, g.slices.map((s) => s.name)])).toEqual([
      ['IPv4', ['web-a', 'web-b', 'web-m']],
      ['IPv6', ['web-6']],
    ]);
    const [ipv4] = groups;
    expect(ipv4).toMatchObject({
      endpoints: 87,
      controllerSlices: 2,
      controllerEndpoints: 80,
      idealSlices: 1,
      fill: 0.4,
    });
    expect(portsLabel(ipv4!.ports)).toBe('http 8080/TCP, metrics 9090/TCP');
  });

  it('keeps one placeholder as the ideal of an address type without endpoints', () => {
    const groups = groupSlices([sliceOf('shop', 'web', 'web-empty', [])], 100);
    expect(groups[0]?.idealSlices).toBe(1);
  });

  it('matches the api groups by address type and port set', () => {
    const slices = [sliceOf('shop', 'web', 'web-a', endpoints(1, 3))];
    const analysed = {
      addressType: 'IPv4' as const,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' as const }],
      endpoints: 3,
      actualSlices: 1,
      idealSlices: 1,
      fill: 0.03,
      emptiest: [],
    };
    expect(groupSlices(slices, 100, [analysed])[0]?.analysis).toBe(analysed);
  });

  const portArb = fc.constantFrom(http, metrics, { name: 'dns', port: 53, protocol: 'UDP' });
  const sliceArb = fc.record({
    addressType: fc.constantFrom('IPv4', 'IPv6'),
    ports: fc.uniqueArray(portArb, { maxLength: 3 }),
    count: fc.nat(150),
    managedBy: fc.constantFrom(CONTROLLER, MIRRORING, 'someone'),
  });

  it('puts every slice in exactly one group of its own address type and port set (property)', () => {
    fc.assert(
      fc.property(
        fc.array(sliceArb, { maxLength: 20 }),
        fc.integer({ min: 1, max: 200 }),
        (specs, max) => {
          const slices: SliceView[] = specs.map((spec, index) =>
            sliceOf('shop', 'web', `web-${index}`, endpoints(index, spec.count), spec),
          );
          const groups = groupSlices(slices, max);
          const names = groups.flatMap((g) => g.slices.map((s) => s.name));
          expect([...names].sort()).toEqual(slices.map((s) => s.name).sort());
          expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
          for (const group of groups) {
            for (const slice of group.slices) {
              expect(slice.addressType).toBe(group.addressType);
              expect(portSetKey(slice.ports)).toBe(portSetKey(group.ports));
            }
            const own = group.slices.filter((s) => s.managedBy === CONTROLLER);
            const n = own.reduce((sum, s) => sum + s.endpoints.length, 0);
            expect(group.controllerEndpoints).toBe(n);
            expect(group.idealSlices).toBeGreaterThanOrEqual(Math.ceil(n / max));
            expect(group.idealSlices).toBeLessThanOrEqual(Math.max(1, Math.ceil(n / max)));
            expect(group.fill).toBeGreaterThanOrEqual(0);
            expect(group.fill).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('has a port-set key that ignores port order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(portArb, { maxLength: 3 }), (ports) => {
        expect(portSetKey([...ports].reverse())).toBe(portSetKey(ports));
      }),
    );
  });
});

describe('slice tags and condition counts', () => {
  it('tags mirrored slices and those neither controller manages', () => {
    expect(sliceTag({ name: 'a', managedBy: MIRRORING })).toBe('mirrored');
    expect(sliceTag({ name: 'b', managedBy: 'argo' })).toBe('orphaned / hand-made');
    expect(sliceTag({ name: 'c' })).toBe('orphaned / hand-made');
    expect(sliceTag({ name: 'd', managedBy: CONTROLLER })).toBeUndefined();
    expect(sliceTag({ name: 'd', managedBy: CONTROLLER }, { otherSlices: [{ name: 'd' }] })).toBe(
      'orphaned / hand-made',
    );
  });

  it('counts endpoints per condition', () => {
    const counts = conditionCounts([
      endpoint('10.0.0.1'),
      endpoint('10.0.0.2', { ready: false, serving: true, terminating: true }),
      endpoint('10.0.0.3', { ready: false, serving: false, terminating: true }),
      endpoint('10.0.0.4', { ready: false, serving: false }),
      endpoint('10.0.0.5', { ready: false, serving: false }),
    ]);
    expect(counts).toEqual({
      ready: 1,
      'serving-terminating': 1,
      terminating: 1,
      'not-ready': 2,
    });
    expect(countsText(counts)).toBe(
      '1 ready, 1 serving while terminating, 1 terminating, 2 not ready',
    );
    expect(countsText(conditionCounts([]))).toBe('no endpoints');
    expect(countsText({ ...counts, ready: 1000 })).toMatch(/^1,000 ready, /);
  });
});
