import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { topServices, type ServiceSummary } from '../src/index.ts';

const row = (namespace: string, name: string, endpoints: number, slices: number, churn: number) =>
  ({ namespace, name, endpoints, slices, churn }) as ServiceSummary;

/** The rule written plainly: values above 0, largest first, then namespace/name; ten. */
function sortedTop(rows: readonly ServiceSummary[], value: (row: ServiceSummary) => number) {
  const key = (r: ServiceSummary) => `${r.namespace}/${r.name}`;
  return rows
    .filter((r) => value(r) > 0)
    .sort((a, b) => value(b) - value(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .slice(0, 10)
    .map((r) => ({ namespace: r.namespace, name: r.name, value: value(r) }));
}

describe('topServices', () => {
  test('ranks as sorting every Service would, in one pass', () => {
    const name = fc.stringMatching(/^[a-c][a-c-]{0,3}$/);
    const rows = fc.uniqueArray(fc.tuple(name, name, fc.nat(5), fc.nat(3), fc.nat(4)), {
      maxLength: 60,
      selector: ([namespace, service]) => `${namespace}/${service}`,
    });
    fc.assert(
      fc.property(rows, (tuples) => {
        const services = tuples.map((t) => row(...t));
        expect(topServices(services)).toEqual({
          byEndpoints: sortedTop(services, (r) => r.endpoints),
          bySlices: sortedTop(services, (r) => r.slices),
          byChurn: sortedTop(services, (r) => r.churn),
        });
      }),
      { numRuns: 300 },
    );
  });
});
