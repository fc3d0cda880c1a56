import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRandom, uid } from '../src/engine/random.ts';

describe('uid', () => {
  test('a seed gives the same uids as it always did', () => {
    const random = createRandom(7);
    expect([uid(random), uid(random), uid(random)]).toEqual([
      '02ff152c-0fdc-4f12-ba16-9e5eb2f38b96',
      '857d6fe7-67d0-44f4-b75b-05953d6bbcab',
      '8da6bf2d-bad5-4ed8-8200-335b27ec3b63',
    ]);
    expect(uid(createRandom(0))).toBe('4434b462-0015-4c37-b928-5b08256d8104');
  });

  test('is a version-4 UUID of the RFC 4122 variant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        expect(uid(createRandom(seed))).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }),
      { numRuns: 500 },
    );
  });
});
