import { useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route.ts';

/**
 * The base path the api serves the app under, from the <base href> it puts into index.html
 * ('' at the root, '/slicescope' under a sub-path).
 */
export function basePath(): string {
  const path = new URL(document.baseURI).pathname;
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/** A URL of the app or the api, for a path below the base path (which starts with '/'). */
export function appUrl(path: string): string {
  return `${basePath()}${path}`;
}

function currentRoute(): Route {
  const base = basePath();
  const { pathname, search } = window.location;
  const below = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return parseRoute(below === '' ? '/' : below, search);
}

const listeners = new Set<() => void>();
let cached: { href: string; route: Route } | undefined;

function snapshot(): Route {
  const href = window.location.href;
  if (cached?.href !== href) cached = { href, route: currentRoute() };
  return cached.route;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The route of the current URL; re-renders on navigation and on the back and forward buttons. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Goes to a route: a new history entry, or `replace` for changes too small to go back through. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = appUrl(formatRoute(route));
  if (href === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  for (const listener of listeners) listener();
}

/** The href of a route, for real links (open in a new tab, copy link). */
export function hrefOf(route: Route): string {
  return appUrl(formatRoute(route));
}
