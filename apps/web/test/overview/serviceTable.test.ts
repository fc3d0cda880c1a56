import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLE_SORTS } from '../../src/app/route.ts';
import {
  compareBy,
  compareNames,
  fillOf,
  keyOf,
  namespacesOf,
  nextOrder,
  SORT_VALUE,
  tableRows,
  type TableFilters,
  type TableOrder,
} from '../../src/overview/serviceTable.ts';
import { serviceSummary } from '../support/render.tsx';
import { serviceArb, servicesArb } from './arbitraries.ts';
import { serviceFlagSchema, type ServiceSummary } from '@slicescope/contract';

const orderArb: fc.Arbitrary<TableOrder> = fc.record({
  sort: fc.constantFrom(...TABLE_SORTS),
  order: fc.constantFrom('asc' as const, 'desc' as const),
});

const filtersArb: fc.Arbitrary<TableFilters> = fc.record(
  {
    q: fc.constantFrom('', 'a', 'SHOP/', '-', 'x', 'ns-1'),
    namespace: fc.constantFrom('default', 'shop', 'ns-10', 'missing'),
    flag: fc.constantFrom(...serviceFlagSchema.options),
  },
  { requiredKeys: [] },
);

describe('fillOf', () => {
  it('is ideal over actual slices, and 1 without slices', () => {
    expect(fillOf({ slices: 4, idealSlices: 1 })).toBe(0.25);
    expect(fillOf({ slices: 0, idealSlices: 0 })).toBe(1);
    expect(fillOf({ slices: 3, idealSlices: 3 })).toBe(1);
  });
});

describe('tableRows', () => {
  it('keeps only rows of the input (a subset, nothing invented, nothing duplicated)', () => {
    fc.assert(
      fc.property(servicesArb, filtersArb, orderArb, (services, filters, order) => {
        const rows = tableRows(services, filters, order);
        expect(rows.length).toBeLessThanOrEqual(services.length);
        expect(new Set(rows).size).toBe(rows.length);
        for (const row of rows) expect(services).toContain(row);
      }),
    );
  });

  it('keeps exactly the Services that pass every filter', () => {
    fc.assert(
      fc.property(servicesArb, filtersArb, orderArb, (services, filters, order) => {
        const rows = new Set(tableRows(services, filters, order));
        for (const service of services) {
          const passes =
            (filters.namespace === undefined || service.namespace === filters.namespace) &&
            (filters.flag === undefined || service.flags.includes(filters.flag)) &&
            keyOf(service)
              .toLowerCase()
              .includes((filters.q ?? '').toLowerCase());
          expect(rows.has(service)).toBe(passes);
        }
      }),
    );
  });

  it('sorts by the key in the asked direction, ties by name', () => {
    fc.assert(
      fc.property(servicesArb, orderArb, (services, order) => {
        const rows = tableRows(services, {}, order);
        const sign = order.order === 'asc' ? 1 : -1;
        for (let index = 1; index < rows.length; index++) {
          const a = rows[index - 1]!;
          const b = rows[index]!;
          if (order.sort === 'name') {
            expect(sign * compareNames(a, b)).toBeLessThan(0);
          } else {
            const value = SORT_VALUE[order.sort];
            expect(sign * (value(b) - value(a))).toBeGreaterThanOrEqual(0);
            if (value(a) === value(b)) expect(compareNames(a, b)).toBeLessThan(0);
          }
        }
      }),
    );
  });

  it('is stable: equal rows keep their input order', () => {
    fc.assert(
      fc.property(
        serviceArb,
        fc.integer({ min: 2, max: 8 }),
        orderArb,
        (service, copies, order) => {
          const twins = Array.from({ length: copies }, () => ({ ...service }));
          expect(tableRows(twins, {}, order)).toEqual(twins);
          const rows = tableRows(twins, {}, order);
          rows.forEach((row, index) => expect(row).toBe(twins[index]));
        },
      ),
    );
  });

  it('does not change its input and gives the same rows for any input order', () => {
    fc.assert(
      fc.property(
        servicesArb.chain((services) =>
          fc.tuple(
            fc.constant(services),
            fc.shuffledSubarray(services, { minLength: services.length }),
          ),
        ),
        orderArb,
        ([services, shuffled], order) => {
          const before = [...services];
          const rows = tableRows(services, {}, order);
          expect(services).toEqual(before);
          expect(tableRows(shuffled, {}, order)).toEqual(rows);
        },
      ),
    );
  });

  it('asc and desc by name are each other reversed', () => {
    fc.assert(
      fc.property(servicesArb, (services) => {
        const asc = tableRows(services, {}, { sort: 'name', order: 'asc' });
        const desc = tableRows(services, {}, { sort: 'name', order: 'desc' });
        expect(desc).toEqual([...asc].reverse());
      }),
    );
  });

  it('orders names naturally and by namespace first', () => {
    const rows = tableRows(
      [
        serviceSummary('shop', 'svc-10'),
        serviceSummary('shop', 'svc-2'),
        serviceSummary('default', 'zeta'),
      ],
      {},
      { sort: 'name', order: 'asc' },
    );
    expect(rows.map(keyOf)).toEqual(['default/zeta', 'shop/svc-2', 'shop/svc-10']);
  });

  it('sorts fill ascending with the most fragmented first', () => {
    const packed = serviceSummary('a', 'packed', { slices: 2, idealSlices: 2 });
    const loose = serviceSummary('a', 'loose', { slices: 8, idealSlices: 2 });
    const none = serviceSummary('a', 'none', { slices: 0, idealSlices: 0 });
    const rows = tableRows([packed, none, loose], {}, { sort: 'fill', order: 'asc' });
    expect(rows.map((row) => row.name)).toEqual(['loose', 'none', 'packed']);
  });
});

describe('the filters', () => {
  const passes = (service: ServiceSummary, filters: TableFilters): boolean =>
    tableRows([service], filters, { sort: 'name', order: 'asc' }).length === 1;

  it('search namespace/name case-insensitively, across the slash', () => {
    const service = serviceSummary('shop', 'Checkout');
    expect(passes(service, { q: 'p/check' })).toBe(true);
    expect(passes(service, { q: 'SHOP' })).toBe(true);
    expect(passes(service, { q: 'cart' })).toBe(false);
    expect(passes(service, { namespace: 'sho' })).toBe(false);
  });

  it('select by labels, and leave out a label selector that does not parse', () => {
    const service = { ...serviceSummary('shop', 'web'), labels: { app: 'web' } };
    expect(passes(service, { label: 'app in (web,api)' })).toBe(true);
    expect(passes(service, { label: 'app=api' })).toBe(false);
    expect(passes(service, { label: '==bad' })).toBe(true);
  });
});

describe('compareBy', () => {
  it('is antisymmetric and never calls two different Services equal', () => {
    fc.assert(
      fc.property(serviceArb, serviceArb, orderArb, (a, b, order) => {
        const compare = compareBy(order);
        expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)));
        if (keyOf(a) !== keyOf(b)) expect(compare(a, b)).not.toBe(0);
      }),
    );
  });
});

describe('namespacesOf and nextOrder', () => {
  it('lists each namespace once, sorted', () => {
    expect(
      namespacesOf([
        serviceSummary('shop', 'a'),
        serviceSummary('default', 'b'),
        serviceSummary('shop', 'c'),
      ]),
    ).toEqual(['default', 'shop']);
  });

  it('flips the direction of the current sort and starts others at their default', () => {
    expect(nextOrder({ sort: 'endpoints', order: 'desc' }, 'endpoints')).toEqual({
      sort: 'endpoints',
      order: 'asc',
    });
    expect(nextOrder({ sort: 'endpoints', order: 'asc' }, 'name')).toEqual({
      sort: 'name',
      order: 'asc',
    });
    expect(nextOrder({ sort: 'name', order: 'asc' }, 'churn')).toEqual({
      sort: 'churn',
      order: 'desc',
    });
  });
});
