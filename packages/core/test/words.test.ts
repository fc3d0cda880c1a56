import { describe, expect, it } from 'vitest';
import { plural } from '../src/index.ts';

describe('a count in words', () => {
  it('agrees with its noun and separates thousands', () => {
    expect([plural(0, 'slice'), plural(1, 'slice'), plural(2, 'slice')]).toEqual([
      '0 slices',
      '1 slice',
      '2 slices',
    ]);
    expect(plural(1, 'address', 'addresses')).toBe('1 address');
    expect(plural(1400, 'address', 'addresses')).toBe('1,400 addresses');
  });
});
