import type { Overview } from '@slicescope/contract';
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
