import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNatural, compareZones } from '../../src/ui/order.ts';

describe('natural order', () => {
  it('orders numbers inside names by value', () => {
    expect(['node-10', 'node-2', 'node-1'].sort(compareNatural)).toEqual([
      'node-1',
      'node-2',
      'node-10',
    ]);
    expect(['10.64.10.57', '10.64.2.57'].sort(compareNatural)).toEqual([
      '10.64.2.57',
      '10.64.10.57',
    ]);
    expect(['', 'zone-b', 'zone-a'].sort(compareZones)).toEqual(['zone-a', 'zone-b', '']);
  });

  it('is a total order: 0 only for the same text, whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 20 }), (names) => {
        for (const a of names)
          for (const b of names) {
            expect(compareNatural(a, b) === 0).toBe(a === b);
            expect(Math.sign(compareNatural(a, b)) + Math.sign(compareNatural(b, a))).toBe(0);
          }
        expect([...names].sort(compareNatural)).toEqual([...names].reverse().sort(compareNatural));
      }),
    );
  });
});
