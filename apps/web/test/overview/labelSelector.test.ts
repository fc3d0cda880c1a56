import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorMatches } from '../../src/overview/serviceTable.ts';

const labels = { app: 'web', tier: 'frontend', canary: '' };

describe('the label selector of the services table', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['canary', true],
    ['canary=', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app=web, tier=frontend', true],
    ['app=web,tier=backend', false],
    [' , ', true],
  ])('%s on app=web,tier=frontend,canary= is %s', (selector, expected) => {
    expect(labelSelectorMatches(labels, selector)).toBe(expected);
  });

  it('matches nothing but negations on a Service without labels', () => {
    expect(labelSelectorMatches(undefined, 'app=web')).toBe(false);
    expect(labelSelectorMatches(undefined, 'app')).toBe(false);
    expect(labelSelectorMatches(undefined, '!app')).toBe(true);
    expect(labelSelectorMatches(undefined, 'app!=web')).toBe(true);
  });

  it('matches a Service by any subset of its own labels, and not when one is negated', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9./-]{0,12}$/);
    const value = fc.stringMatching(/^[a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1 }), (own) => {
        const pairs = Object.entries(own);
        expect(labelSelectorMatches(own, pairs.map(([k, v]) => `${k}=${v}`).join(','))).toBe(true);
        const [firstKey, firstValue] = pairs[0]!;
        expect(labelSelectorMatches(own, `!${firstKey}`)).toBe(false);
        expect(labelSelectorMatches(own, `${firstKey}!=${firstValue}`)).toBe(false);
      }),
    );
  });
});
