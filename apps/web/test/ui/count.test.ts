import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/ui/count.ts';

describe('counts', () => {
  it('are written whole, with thousands separators, wherever the dashboard shows one', () => {
    expect(formatCount(100_000_000)).toBe('100,000,000');
    expect(formatCount(2400)).toBe('2,400');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234.6)).toBe('1,235');
  });
});
