import { serviceFlagSchema, type ServiceFlag } from '@slicescope/contract';
import { PROXY_VERSIONS } from '../service/routing/proxyModel.ts';
import { readSpec, writeSpec, type SimulationSpec } from '../simulate/simulationSpec.ts';

/**
 * Every view state lives in the URL, so a link reproduces what its sender saw and the back button
 * walks through views. Paths are relative to the base path the api serves the app under.
 */

export const SERVICE_TABS = ['topology', 'slices', 'routing', 'history'] as const;
export type ServiceTab = (typeof SERVICE_TABS)[number];

/** The tabs' names, as the tab bar and the document title say them. */
export const SERVICE_TAB_LABEL: Record<ServiceTab, string> = {
  topology: 'Topology',
  slices: 'Slices',
  routing: 'Routing',
  history: 'History',
};

export const TABLE_SORTS = ['name', 'endpoints', 'slices', 'fill', 'churn'] as const;
export type TableSort = (typeof TABLE_SORTS)[number];

/** A sort's first direction: names A to Z, figures largest first. */
export const defaultOrder = (sort: TableSort): 'asc' | 'desc' => (sort === 'name' ? 'asc' : 'desc');

export interface OverviewRoute {
  page: 'overview';
  q?: string;
  namespace?: string;
  flag?: ServiceFlag;
  /** A label selector over the Services' own labels: `app=web,tier!=db,canary`. */
  label?: string;
  sort: TableSort;
  order: 'asc' | 'desc';
  /** A node picked on the map: its zone, condition, endpoints, CPU and Services are shown. */
  node?: string;
}

export interface ServiceRoute {
  page: 'service';
  namespace: string;
  name: string;
  tab: ServiceTab;
  /** A selected slice: its endpoints are highlighted everywhere. */
  slice?: string;
  /** A node picked on the map: kube-proxy's view on it is shown. */
  node?: string;
  /** The kube-proxy release (`1.N`) whose rules that view follows; the api's setting if absent. */
  proxy?: string;
  /** A history entry's seq: the views render the Service as it was after that sync. */
  at?: number;
}

/**
 * The what-if simulator: the run shown (A) and the run it is compared with (B), each in the
 * query string (B's keys prefixed `b.`), so a link reproduces both (a text too long for a
 * link excepted: see writeSpec).
 */
export interface SimulateRoute {
  page: 'simulate';
  run?: SimulationSpec;
  compare?: SimulationSpec;
  /** A live Service (`namespace/name`) whose shape prefills the form. */
  from?: string;
}

export interface NotFoundRoute {
  page: 'not-found';
  path: string;
}

export type Route = OverviewRoute | ServiceRoute | SimulateRoute | NotFoundRoute;

/** The prefix of the compared run's keys in the Simulate page's query string. */
export const COMPARE_PREFIX = 'b.';

const SERVICE_PATH = /^\/services\/([^/]+)\/([^/]+)\/?$/;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

const text = (value: string | null): string | undefined =>
  value === null || value === '' ? undefined : value;

/**
 * Reads a route from a path (below the base path) and its query string; values it cannot use are
 * dropped (the Simulate page names its own: linkNotes).
 */
export function parseRoute(path: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (path === '/' || path === '') {
    const sort = oneOf(TABLE_SORTS, params.get('sort')) ?? 'endpoints';
    const route: OverviewRoute = {
      page: 'overview',
      sort,
      order: oneOf(['asc', 'desc'] as const, params.get('order')) ?? defaultOrder(sort),
    };
    const q = text(params.get('q'));
    if (q !== undefined) route.q = q;
    const namespace = text(params.get('namespace'));
    if (namespace !== undefined) route.namespace = namespace;
    const flag = oneOf(serviceFlagSchema.options, params.get('flag'));
    if (flag !== undefined) route.flag = flag;
    const label = text(params.get('label'));
    if (label !== undefined) route.label = label;
    const node = text(params.get('node'));
    if (node !== undefined) route.node = node;
    return route;
  }
  if (path === '/simulate' || path === '/simulate/') {
    const route: SimulateRoute = { page: 'simulate' };
    const run = readSpec(params);
    if (run !== undefined) route.run = run;
    const compare = readSpec(params, COMPARE_PREFIX);
    if (compare !== undefined) route.compare = compare;
    const from = text(params.get('from'));
    if (from !== undefined) route.from = from;
    return route;
  }
  const match = SERVICE_PATH.exec(path);
  if (match) {
    const route: ServiceRoute = {
      page: 'service',
      namespace: decodeURIComponent(match[1] ?? ''),
      name: decodeURIComponent(match[2] ?? ''),
      tab: oneOf(SERVICE_TABS, params.get('tab')) ?? 'topology',
    };
    const slice = text(params.get('slice'));
    if (slice !== undefined) route.slice = slice;
    const node = text(params.get('node'));
    if (node !== undefined) route.node = node;
    const proxy = oneOf(PROXY_VERSIONS, params.get('proxy'));
    if (proxy !== undefined) route.proxy = proxy;
    const at = Number(params.get('at') ?? Number.NaN);
    if (Number.isSafeInteger(at) && at > 0) route.at = at;
    return route;
  }
  return { page: 'not-found', path };
}

/** The path and query string of a route, below the base path; defaults are left out. */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined, skip?: string) => {
    if (value !== undefined && String(value) !== skip) params.set(key, String(value));
  };
  let path: string;
  switch (route.page) {
    case 'overview':
      path = '/';
      set('q', route.q);
      set('namespace', route.namespace);
      set('flag', route.flag);
      set('label', route.label);
      set('sort', route.sort, 'endpoints');
      set('order', route.order, defaultOrder(route.sort));
      set('node', route.node);
      break;
    case 'service':
      path = `/services/${encodeURIComponent(route.namespace)}/${encodeURIComponent(route.name)}`;
      set('tab', route.tab, 'topology');
      set('slice', route.slice);
      set('node', route.node);
      set('proxy', route.proxy);
      set('at', route.at);
      break;
    case 'simulate':
      path = '/simulate';
      if (route.run) writeSpec(params, route.run);
      if (route.compare) writeSpec(params, route.compare, COMPARE_PREFIX);
      set('from', route.from);
      break;
    case 'not-found':
      path = route.path;
      break;
  }
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** The document title of a route: what the page shows, then the app's name. */
export function titleOf(route: Route): string {
  let page: string;
  switch (route.page) {
    case 'overview':
      page = 'Cluster overview';
      break;
    case 'service':
      page = `${route.namespace}/${route.name} · ${SERVICE_TAB_LABEL[route.tab]}`;
      break;
    case 'simulate':
      page = 'Simulate';
      break;
    case 'not-found':
      page = 'Not found';
      break;
  }
  return `${page} — slicescope`;
}

export const overviewRoute = (): OverviewRoute => ({
  page: 'overview',
  sort: 'endpoints',
  order: 'desc',
});

export const serviceRoute = (
  namespace: string,
  name: string,
  tab: ServiceTab = 'topology',
): ServiceRoute => ({
  page: 'service',
  namespace,
  name,
  tab,
});

export const simulateRoute = (run?: SimulationSpec): SimulateRoute =>
  run ? { page: 'simulate', run } : { page: 'simulate' };
