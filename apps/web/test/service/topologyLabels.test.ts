import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, nodeLabel } from '../../src/service/topology/overlay.ts';

describe('topology labels', () => {
  it('cut a name keeping more of its end, where node numbers and addresses differ', () => {
    expect(fits('node-11', 38)).toBe('n…e-11');
    expect(fits('10.64.2.57', 50)).toBe('10….2.57');
    expect(fits('node-11', 100)).toBe('node-11');
  });

  it('drop the endpoint count before cutting the name', () => {
    expect(nodeLabel('node-11', 40, 100)).toBe('node-11 · 40');
    expect(nodeLabel('node-11', 40, 50)).toBe('node-11');
    expect(nodeLabel('node-11', undefined, 50)).toBe('node-11');
    expect(nodeLabel('node-11', 40, 38)).toBe('n…e-11');
  });

  it('never write more characters than fit, and keep the last character', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 400 }),
        (text, px) => {
          const cut = fits(text, px);
          expect(cut.length).toBeLessThanOrEqual(
            Math.max(2, Math.floor(px / 6.2), text.length <= 2 ? text.length : 0),
          );
          expect(cut.at(-1)).toBe(text.at(-1));
        },
      ),
    );
  });
});
