import { describe, expect, test } from 'vitest';
import { analyseFragmentation } from '../../src/analysis/fragmentation.ts';
import { analysisInput, controllerSync, newService, podsOn, threeZoneNodes } from './builders.ts';
import { fragmentationSchema } from '@slicescope/contract';

describe('analyseFragmentation', () => {
  const service = newService();
  const nodes = threeZoneNodes();
  const thousand = podsOn(nodes, 1000);
  const full = controllerSync(service, thousand, nodes);

  test('1000 Pods packed fresh: 10 full slices, nothing to gain', () => {
    const result = analyseFragmentation(analysisInput({ service, nodes, slices: full }));
    expect(fragmentationSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      endpoints: 1000,
      actualSlices: 10,
      idealSlices: 10,
      fill: 1,
      fragmented: false,
      summary:
        '10 slices for 1,000 endpoints, as few as 100 per slice allows (100% of their capacity used).',
    });
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  });

  test('after a scale-down from 1000 to 120 Pods the 10 slices stay', () => {
    // Keep 12 Pods of every hundred, so every slice keeps some endpoints and none is deleted.
    const remaining = thousand.filter((_, i) => i % 100 < 12);
    const after = controllerSync(service, remaining, nodes, full);
    const result = analyseFragmentation(analysisInput({ service, nodes, slices: after }));
    expect(fragmentationSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      endpoints: 120,
      actualSlices: 10,
      idealSlices: 2,
      fill: 0.12,
      fragmented: true,
    });
    expect(result.summary).toMatch(
      /^10 slices where 2 would do \(12% of their capacity used\): the controller only repacks when it must \(spec: it fills existing slices before creating, never merges\)/,
    );
    expect(result.groups[0]?.emptiest).toHaveLength(5);
    expect(result.groups[0]?.emptiest.every((slice) => slice.endpoints === 12)).toBe(true);
  });

  test('a Service without Pods keeps one placeholder, which is ideal', () => {
    const placeholder = controllerSync(service, [], nodes);
    const result = analyseFragmentation(analysisInput({ service, nodes, slices: placeholder }));
    expect(result).toMatchObject({
      actualSlices: 1,
      idealSlices: 1,
      endpoints: 0,
      fragmented: false,
    });
    expect(result.groups[0]?.ports).toEqual([]);
  });

  test('a slice larger than the configured maximum raises the maximum used', () => {
    const packed = controllerSync(service, podsOn(nodes, 300), nodes, [], 150);
    const result = analyseFragmentation(
      analysisInput({ service, nodes, slices: packed }, { maxEndpointsPerSlice: 100 }),
    );
    expect(result).toMatchObject({ maxEndpointsPerSlice: 150, actualSlices: 2, idealSlices: 2 });
    expect(result.summary).toContain('at least 150, not 100');
  });

  test('no controller slices', () => {
    const result = analyseFragmentation(analysisInput({ service, nodes }));
    expect(result).toMatchObject({ actualSlices: 0, idealSlices: 0, fill: 0, groups: [] });
    expect(result.summary).toBe('No slices managed by the EndpointSlice controller.');
  });
});
