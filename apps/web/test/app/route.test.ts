import fc from 'fast-check';
import { serviceFlagSchema } from '@slicescope/contract';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNTING_MODES,
  QUICK_OPERATION_NAMES,
  type SimulationSpec,
} from '../../src/simulate/simulationSpec.ts';
import { PROXY_VERSIONS } from '../../src/service/routing/proxyModel.ts';
import {
  SERVICE_TABS,
  TABLE_SORTS,
  formatRoute,
  parseRoute,
  titleOf,
  type Route,
} from '../../src/app/route.ts';

const word = fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== '');
/** Namespace and Service names are DNS labels (so never '.' or '..', which URLs resolve away). */
const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const drop = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const count = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const specArbitrary: fc.Arbitrary<SimulationSpec> = fc
  .record({
    input: fc.oneof(
      fc
        .record({
          pods: count,
          nodes: count,
          zones: optional(count),
          operation: fc.constantFrom(...QUICK_OPERATION_NAMES),
        })
        .map((input) => drop({ kind: 'quick' as const, ...input })),
      fc.record({ kind: fc.constant('service' as const), text: fc.json() }),
      fc.record({ kind: fc.constant('scenario' as const), text: fc.string({ minLength: 1 }) }),
    ),
    mode: optional(fc.constantFrom(...ACCOUNTING_MODES)),
    maxEndpointsPerSlice: optional(count),
    paperBytesPerEndpoint: optional(count),
    paperMinObjectBytes: optional(count),
  })
  .map(drop);

const routeArbitrary: fc.Arbitrary<Route> = fc.oneof(
  fc
    .record({
      q: optional(word),
      namespace: optional(word),
      flag: optional(fc.constantFrom(...serviceFlagSchema.options)),
      label: optional(word),
      sort: fc.constantFrom(...TABLE_SORTS),
      order: fc.constantFrom('asc' as const, 'desc' as const),
      node: optional(word),
    })
    .map((route) => drop({ page: 'overview' as const, ...route })),
  fc
    .record({
      namespace: label,
      name: label,
      tab: fc.constantFrom(...SERVICE_TABS),
      slice: optional(word),
      node: optional(word),
      proxy: optional(fc.constantFrom(...PROXY_VERSIONS)),
      at: optional(fc.integer({ min: 1, max: 1e9 })),
    })
    .map((route) => drop({ page: 'service' as const, ...route })),
  fc
    .record({
      run: optional(specArbitrary),
      compare: optional(specArbitrary),
      from: optional(word),
    })
    .map((route) => drop({ page: 'simulate' as const, ...route })),
);

function roundTrip(route: Route): Route {
  const url = new URL(formatRoute(route), 'http://slicescope.test');
  return parseRoute(url.pathname, url.search);
}

describe('the URL state', () => {
  it('reads back every route it writes (deep links reproduce the view)', () => {
    fc.assert(
      fc.property(routeArbitrary, (route) => {
        expect(roundTrip(route)).toEqual(route);
      }),
    );
  });

  it('leaves defaults out of the URL', () => {
    expect(formatRoute({ page: 'overview', sort: 'endpoints', order: 'desc' })).toBe('/');
    expect(formatRoute({ page: 'service', namespace: 'shop', name: 'web', tab: 'topology' })).toBe(
      '/services/shop/web',
    );
    expect(
      formatRoute({ page: 'service', namespace: 'shop', name: 'web', tab: 'history', at: 7 }),
    ).toBe('/services/shop/web?tab=history&at=7');
    expect(
      formatRoute({
        page: 'service',
        namespace: 'shop',
        name: 'web',
        tab: 'routing',
        node: 'node-1',
        proxy: '1.24',
      }),
    ).toBe('/services/shop/web?tab=routing&node=node-1&proxy=1.24');
    expect(parseRoute('/services/shop/web', '?tab=routing&proxy=1.24')).toEqual({
      page: 'service',
      namespace: 'shop',
      name: 'web',
      tab: 'routing',
      proxy: '1.24',
    });
  });

  it('sorts names A to Z and figures largest first unless the URL says otherwise', () => {
    expect(parseRoute('/', '?sort=name')).toMatchObject({ sort: 'name', order: 'asc' });
    expect(parseRoute('/', '?sort=name&order=desc')).toMatchObject({ order: 'desc' });
    expect(parseRoute('/', '?sort=churn')).toMatchObject({ sort: 'churn', order: 'desc' });
    expect(formatRoute({ page: 'overview', sort: 'name', order: 'asc' })).toBe('/?sort=name');
  });

  it('drops values it does not know instead of failing', () => {
    expect(parseRoute('/', '?sort=size&order=up&flag=broken&q=')).toEqual({
      page: 'overview',
      sort: 'endpoints',
      order: 'desc',
    });
    expect(parseRoute('/services/shop/web', '?tab=raw&at=-3&at2=1&proxy=1.20')).toEqual({
      page: 'service',
      namespace: 'shop',
      name: 'web',
      tab: 'topology',
    });
    expect(parseRoute('/services/shop/web', '?at=1.5').page).toBe('service');
    expect(parseRoute('/services/shop/web', '?at=1.5')).not.toHaveProperty('at');
    for (const proxy of ['', '1.37', '2.0', 'latest']) {
      expect(parseRoute('/services/shop/web', `?proxy=${proxy}`)).not.toHaveProperty('proxy');
    }
  });

  it('keeps the simulator runs A and B in the query string', () => {
    const route: Route = {
      page: 'simulate',
      run: {
        input: { kind: 'quick', pods: 20000, nodes: 5000, operation: 'rollout' },
        mode: 'paper',
      },
      compare: { input: { kind: 'scenario', text: 'zone-outage' } },
    };
    expect(formatRoute(route)).toBe(
      '/simulate?pods=20000&nodes=5000&operation=rollout&mode=paper&b.scenario=zone-outage',
    );
    expect(roundTrip(route)).toEqual(route);
    expect(formatRoute({ page: 'simulate' })).toBe('/simulate');
    expect(parseRoute('/simulate', '?pods=12&nodes=x&b.service=&mode=fast')).toEqual({
      page: 'simulate',
    });
    expect(parseRoute('/simulate', '?pods=3&nodes=2&operation=explode&zones=-1')).toEqual({
      page: 'simulate',
      run: { input: { kind: 'quick', pods: 3, nodes: 2, operation: 'rollout' } },
    });
  });

  it('titles each page with what it shows', () => {
    expect(titleOf(parseRoute('/', '?sort=name'))).toBe('Cluster overview — slicescope');
    expect(titleOf(parseRoute('/services/shop/cart', '?tab=slices&at=10'))).toBe(
      'shop/cart · Slices — slicescope',
    );
    expect(titleOf(parseRoute('/services/shop/cart', ''))).toBe(
      'shop/cart · Topology — slicescope',
    );
    expect(titleOf(parseRoute('/simulate', '?pods=3&nodes=2'))).toBe('Simulate — slicescope');
    expect(titleOf(parseRoute('/nodes/a', ''))).toBe('Not found — slicescope');
  });

  it('names paths it has no page for', () => {
    expect(parseRoute('/services/shop', '')).toEqual({ page: 'not-found', path: '/services/shop' });
    expect(parseRoute('/nodes/a/b/c', '')).toEqual({ page: 'not-found', path: '/nodes/a/b/c' });
  });

  it('escapes names that carry URL syntax', () => {
    const route: Route = { page: 'service', namespace: 'a/b', name: 'c?d#e', tab: 'slices' };
    expect(formatRoute(route)).toBe('/services/a%2Fb/c%3Fd%23e?tab=slices');
    expect(roundTrip(route)).toEqual(route);
  });
});
