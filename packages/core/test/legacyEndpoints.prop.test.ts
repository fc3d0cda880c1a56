/**
 * Properties of the v1 Endpoints controller: truncation never keeps more than 1000 addresses,
 * keeps a prefix of each subset and ready addresses first; a whole sync writes at most 1000
 * addresses with the over-capacity annotation exactly when it had to cut, and a second sync on
 * what it wrote makes no call unless the object is over capacity (then upstream rewrites it on
 * every sync, as the annotation is "not set correctly" whenever it is set).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Pod, Service } from '../src/model/kubernetes.ts';
import type { EndpointAddress, EndpointSubset } from '../src/model/endpoints.ts';
import { syncServiceEndpoints } from '../src/legacy/endpointsController.ts';
import { truncateEndpoints } from '../src/legacy/truncate.ts';
import { ANNOTATION_OVER_CAPACITY, MAX_ENDPOINTS_CAPACITY } from '../src/legacy/constants.ts';

function addresses(prefix: string, count: number): EndpointAddress[] {
  return Array.from({ length: count }, (_, i) => ({ ip: `${prefix}.${i}` }));
}

const subsetsArbitrary: fc.Arbitrary<EndpointSubset[]> = fc
  .array(
    fc.record({
      ready: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 700 })),
      notReady: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 700 })),
    }),
    { maxLength: 6 },
  )
  .map((sizes) =>
    sizes.map(({ ready, notReady }, i) => ({
      addresses: addresses(`r${i}`, ready),
      notReadyAddresses: addresses(`n${i}`, notReady),
      ports: [{ port: 1000 + i }],
    })),
  );

function count(subsets: readonly EndpointSubset[], kind: 'addresses' | 'notReadyAddresses') {
  return subsets.reduce((sum, subset) => sum + (subset[kind]?.length ?? 0), 0);
}

function isPrefix(
  part: readonly unknown[] | null | undefined,
  whole: readonly unknown[] | null | undefined,
) {
  const p = part ?? [];
  const w = whole ?? [];
  return p.length <= w.length && p.every((item, i) => item === w[i]);
}

describe('truncateEndpoints', () => {
  test('never keeps more than 1000 addresses and keeps ready ones first', () => {
    fc.assert(
      fc.property(subsetsArbitrary, (subsets) => {
        const totalReady = count(subsets, 'addresses');
        const totalNotReady = count(subsets, 'notReadyAddresses');
        const { subsets: kept, truncated } = truncateEndpoints(subsets);
        const keptReady = count(kept, 'addresses');
        const keptNotReady = count(kept, 'notReadyAddresses');

        expect(truncated).toBe(totalReady + totalNotReady > MAX_ENDPOINTS_CAPACITY);
        expect(keptReady + keptNotReady).toBe(
          Math.min(totalReady + totalNotReady, MAX_ENDPOINTS_CAPACITY),
        );
        // Ready first: a not-ready address survives only when every ready one does.
        if (keptNotReady > 0) expect(keptReady).toBe(totalReady);
        else expect(keptReady).toBe(Math.min(totalReady, MAX_ENDPOINTS_CAPACITY));
        // Each subset keeps the first addresses of each kind, and its ports.
        expect(kept).toHaveLength(subsets.length);
        kept.forEach((subset, i) => {
          expect(isPrefix(subset.addresses, subsets[i]?.addresses)).toBe(true);
          expect(isPrefix(subset.notReadyAddresses, subsets[i]?.notReadyAddresses)).toBe(true);
          expect(subset.ports).toEqual(subsets[i]?.ports);
        });
      }),
    );
  });
});

describe('truncateEndpoints with the previous truncation', () => {
  /** The subsets with the first address of each list replaced by an equal copy. */
  const firstCopied = (subsets: EndpointSubset[]): EndpointSubset[] =>
    subsets.map((subset) => ({
      ...subset,
      ...(subset.addresses?.[0] && {
        addresses: [{ ...subset.addresses[0] }, ...subset.addresses.slice(1)],
      }),
      ...(subset.notReadyAddresses?.[0] && {
        notReadyAddresses: [
          { ...subset.notReadyAddresses[0] },
          ...subset.notReadyAddresses.slice(1),
        ],
      }),
    }));

  test('lends the lists that hold the same addresses, and changes no result', () => {
    fc.assert(
      fc.property(subsetsArbitrary, (subsets) => {
        const alone = truncateEndpoints(subsets);
        const previous = truncateEndpoints(subsets);
        const same = truncateEndpoints(subsets, previous);
        expect(same).toEqual(alone);
        // Equal copies of the first addresses: equal results, but nothing to lend.
        const copied = truncateEndpoints(firstCopied(subsets));
        const other = truncateEndpoints(subsets, copied);
        expect(other).toEqual(alone);
        if (!alone.truncated) return;
        same.subsets.forEach((subset, i) => {
          for (const key of ['addresses', 'notReadyAddresses'] as const) {
            expect(subset[key]).toBe(previous.subsets[i]?.[key]);
            if (subset[key]?.length)
              expect(other.subsets[i]?.[key]).not.toBe(copied.subsets[i]?.[key]);
          }
        });
      }),
    );
  });
});

interface PodSpec {
  ready: boolean;
  terminating: boolean;
  phase: 'Running' | 'Failed' | 'Pending';
  hasIp: boolean;
  port: number;
}

const podSpecArbitrary: fc.Arbitrary<PodSpec> = fc.record({
  ready: fc.boolean(),
  terminating: fc.boolean(),
  phase: fc.constantFrom(
    'Running' as const,
    'Running' as const,
    'Failed' as const,
    'Pending' as const,
  ),
  hasIp: fc.oneof(fc.constant(true), fc.boolean()),
  port: fc.constantFrom(8080, 8081),
});

function buildPod(spec: PodSpec, i: number): Pod {
  const ip = `10.${Math.floor(i / 250)}.${i % 250}.1`;
  return {
    metadata: {
      name: `pod-${i}`,
      namespace: 'ns',
      labels: { app: 'web' },
      ...(spec.terminating && { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    },
    spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: spec.port }] }] },
    status: {
      phase: spec.phase,
      conditions: [{ type: 'Ready', status: spec.ready ? 'True' : 'False' }],
      ...(spec.hasIp && { podIP: ip, podIPs: [{ ip }] }),
    },
  };
}

const worldArbitrary = fc.record({
  pods: fc.oneof(
    fc.array(podSpecArbitrary, { maxLength: 30 }),
    fc.array(podSpecArbitrary, { minLength: 900, maxLength: 1300 }),
  ),
  publishNotReadyAddresses: fc.boolean(),
  clusterIP: fc.constantFrom('10.96.0.1', 'None'),
  named: fc.boolean(),
});

describe('syncServiceEndpoints', () => {
  test('writes at most 1000 addresses, annotated when cut; a second sync is empty unless cut', () => {
    fc.assert(
      fc.property(worldArbitrary, ({ pods: specs, publishNotReadyAddresses, clusterIP, named }) => {
        const pods = specs.map(buildPod);
        const service: Service = {
          metadata: { name: 'web', namespace: 'ns', labels: { team: 'a' } },
          spec: {
            selector: { app: 'web' },
            clusterIP,
            publishNotReadyAddresses,
            ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: named ? 'http' : 8080 }],
          },
        };
        const action = syncServiceEndpoints(service, pods, undefined);
        if (action?.verb !== 'create') throw new Error('a first sync creates');
        const written = action.endpoints;
        const subsets = written.subsets ?? [];
        const total = count(subsets, 'addresses') + count(subsets, 'notReadyAddresses');
        expect(total).toBeLessThanOrEqual(MAX_ENDPOINTS_CAPACITY);

        const published = specs.filter(
          (spec) =>
            spec.hasIp &&
            spec.phase !== 'Failed' &&
            (publishNotReadyAddresses || !spec.terminating),
        ).length;
        const cut = published > MAX_ENDPOINTS_CAPACITY;
        expect(total).toBe(Math.min(published, MAX_ENDPOINTS_CAPACITY));
        expect(written.metadata.annotations?.[ANNOTATION_OVER_CAPACITY]).toBe(
          cut ? 'truncated' : undefined,
        );

        const stored = { ...written, metadata: { ...written.metadata, resourceVersion: '1' } };
        const again = syncServiceEndpoints(service, [...pods].reverse(), stored);
        if (cut) expect(again?.verb).toBe('update');
        else expect(again).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
