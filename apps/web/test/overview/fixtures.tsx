import type { Overview } from '@slicescope/contract';
import { afterEach, beforeEach } from 'vitest';
import { useRoute } from '../../src/app/navigation.ts';
import { OverviewPage } from '../../src/overview/OverviewPage.tsx';

/** The overview page as the app mounts it: its route from the URL, so navigation re-renders it. */
export function OverviewAtUrl() {
  const route = useRoute();
  return route.page === 'overview' ? (
    <OverviewPage route={route} />
  ) : (
    <p data-testid="elsewhere">{window.location.pathname}</p>
  );
}

export function overviewBody(change: Partial<Overview> = {}): Overview {
  return {
    source: {
      kind: 'demo',
      name: 'demo',
      sliceApiVersion: 'discovery.k8s.io/v1',
      pods: true,
      frozen: false,
    },
    ready: true,
    informers: [],
    counts: { services: 7, slices: 9, endpoints: 11, pods: 42, nodes: 3 },
    top: {
      byEndpoints: [{ namespace: 'shop', name: 'frontend', value: 120 }],
      bySlices: [{ namespace: 'shop', name: 'frontend', value: 2 }],
      byChurn: [],
    },
    ...change,
  };
}

export const search = () => new URLSearchParams(window.location.search);

/**
 * The app reads its base path from <base href>, which the api puts into index.html; without one
 * jsdom's base URI is the current URL, and every navigation would move the base. Call at the top
 * of a test file.
 */
export function withBaseHref(): void {
  let base: HTMLBaseElement | undefined;
  beforeEach(() => {
    base = document.createElement('base');
    base.href = '/';
    document.head.append(base);
  });
  afterEach(() => base?.remove());
}
