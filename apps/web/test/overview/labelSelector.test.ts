import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLabelSelector, selectorMatches } from '../../src/overview/labelSelector.ts';

const labels = { app: 'web', tier: 'frontend', canary: '' };

/** Whether `selector` selects `own`; a selector that does not parse fails the test. */
function selects(own: Record<string, string> | undefined, selector: string): boolean {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(`${selector}: ${parsed.error}`);
  return selectorMatches(own, parsed.requirements);
}

describe('the label selector of the services table', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app = web', true],
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
    ['app in (api, web)', true],
    ['app in (api,db),tier=frontend', false],
    ['app notin (web)', false],
    ['missing notin (x,y)', true],
    ['example.com/team', false],
    [' , ', true],
  ])('%s on app=web,tier=frontend,canary= is %s', (selector, expected) => {
    expect(selects(labels, selector)).toBe(expected);
  });

  it('matches nothing but negations on a Service without labels', () => {
    expect(selects(undefined, 'app=web')).toBe(false);
    expect(selects(undefined, 'app')).toBe(false);
    expect(selects(undefined, '!app')).toBe(true);
    expect(selects(undefined, 'app!=web')).toBe(true);
  });

  it.each([
    ['==bad', 'a label key is missing'],
    ['=web', 'a label key is missing'],
    ['app=web=x', '"app=web=x": one operator per requirement'],
    ['app==!web', '"app==!web": one operator per requirement'],
    ['app in (a,b', 'a "(" is not closed'],
    ['app in ()', '"app in ()": the value list is empty'],
    ['tier in', '"tier in": the values go in parentheses, as in tier in (a,b)'],
    ['tier notin x', '"tier notin x": the values go in parentheses'],
    ['a)', 'a ")" closes nothing'],
    ['-app=web', '"-app" is not a label key'],
    ['app=we b', '"we b" is not a label value'],
    ['Example.com/app', '"Example.com/app" is not a label key: its prefix must be a DNS subdomain'],
    [`${'k'.repeat(64)}`, 'is not a label key'],
  ])('refuses %s, saying why', (selector, error) => {
    const parsed = parseLabelSelector(selector);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it('matches a Service by any subset of its own labels, and not when one is negated', () => {
    const key = fc.stringMatching(
      /^([a-z0-9]{1,8}(\.[a-z0-9]{1,8})?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/,
    );
    const value = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,6}[A-Za-z0-9])?)?$/);
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1 }), (own) => {
        const pairs = Object.entries(own);
        expect(selects(own, pairs.map(([k, v]) => `${k}=${v}`).join(','))).toBe(true);
        const [firstKey, firstValue] = pairs[0]!;
        expect(selects(own, `!${firstKey}`)).toBe(false);
        expect(selects(own, `${firstKey}!=${firstValue}`)).toBe(false);
        if (firstValue !== '') {
          expect(selects(own, `${firstKey} in (${firstValue}, other)`)).toBe(true);
          expect(selects(own, `${firstKey} notin (${firstValue})`)).toBe(false);
        }
      }),
    );
  });
});
