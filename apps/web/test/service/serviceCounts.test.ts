import { describe, expect, it } from 'vitest';
import { countsOfSlices } from '../../src/service/serviceCounts.ts';
import { endpoint, sliceOf } from '../support/render.tsx';

describe('the heading counts of the slices drawn', () => {
  it('counts endpoints by condition, slices and zones as the api summary does', () => {
    const counts = countsOfSlices([
      sliceOf('shop', 'web', 'web-a', [
        endpoint('10.0.0.1', { zone: 'a' }),
        endpoint('10.0.0.2', { ready: false, serving: false, terminating: true, zone: 'b' }),
      ]),
      sliceOf('shop', 'web', 'web-b', [endpoint('10.0.0.3', { zone: '' })]),
      sliceOf('shop', 'web', 'web-c', []),
    ]);
    expect(counts).toEqual({ endpoints: 3, ready: 2, terminating: 1, slices: 3, zones: 2 });
  });
});
