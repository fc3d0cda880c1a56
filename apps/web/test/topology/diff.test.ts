import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSlices } from '../../src/service/topology/diff.ts';

function ranges(slices: Record<string, string[]>) {
  let start = 0;
  return Object.entries(slices).map(([name, addresses]) => {
    const range = { name, start, keys: addresses.map((address) => `${name}/${address}`) };
    start += addresses.length;
    return range;
  });
}

describe('diffSlices', () => {
  it('finds endpoints that appeared and went, by slice and address', () => {
    const before = ranges({ a: ['1', '2', '3'], b: ['4'] });
    const after = ranges({ a: ['1', '3', '5'], c: ['6', '7'] });
    expect(diffSlices(before, after, 100)).toEqual({ appeared: [2, 3, 4], disappeared: [1, 3] });
  });

  it('skips slices whose keys are the same array', () => {
    const before = ranges({ a: ['1', '2'] });
    const after = [{ ...before[0]!, start: 0 }];
    expect(diffSlices(before, after, 0)).toEqual({ appeared: [], disappeared: [] });
  });

  it('treats a moved endpoint (another slice) as one going and one appearing', () => {
    const before = ranges({ a: ['1'], b: [] });
    const after = ranges({ a: [], b: ['1'] });
    expect(diffSlices(before, after, 10)).toEqual({ appeared: [0], disappeared: [0] });
  });

  it('gives up beyond the limit', () => {
    const before = ranges({ a: ['1'] });
    const after = ranges({ a: ['2', '3', '4'] });
    expect(diffSlices(before, after, 3)).toBeUndefined();
    expect(diffSlices([], ranges({ a: ['1', '2'] }), 1)).toBeUndefined();
    expect(diffSlices(ranges({ a: ['1', '2'] }), [], 1)).toBeUndefined();
  });

  it('is the set difference of keys (property)', () => {
    const slicesArbitrary = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd'),
      fc.uniqueArray(fc.constantFrom('1', '2', '3', '4', '5', '6')),
    );
    fc.assert(
      fc.property(slicesArbitrary, slicesArbitrary, (left, right) => {
        const before = ranges(left);
        const after = ranges(right);
        const diff = diffSlices(before, after, Infinity)!;
        const flat = (list: typeof before) => list.flatMap((range) => range.keys);
        const oldKeys = flat(before);
        const newKeys = flat(after);
        expect(diff.appeared.map((i) => newKeys[i]).sort()).toEqual(
          newKeys.filter((key) => !oldKeys.includes(key)).sort(),
        );
        expect(diff.disappeared.map((i) => oldKeys[i]).sort()).toEqual(
          oldKeys.filter((key) => !newKeys.includes(key)).sort(),
        );
      }),
    );
  });
});
