import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../src/api/queries.ts';
import type { ServiceRoute } from '../../src/app/route.ts';
import { ServicePage } from '../../src/service/ServicePage.tsx';
import {
  renderWithProviders,
  serviceSummary,
  sliceOf,
  streamState,
  stubApi,
} from '../support/render.tsx';
import {
  analysis,
  BASE,
  change,
  detailOf,
  endpoints,
  entry,
  history,
  NAME,
  NS,
  text,
} from './builders.ts';

const summary = serviceSummary(NS, NAME, { endpoints: 3, ready: 3, slices: 1, zones: 2 });
const slice = sliceOf(NS, NAME, 'web-a', endpoints(1, 3));
const live = streamState({ services: [summary], slices: [slice] });
const route: ServiceRoute = { page: 'service', namespace: NS, name: NAME, tab: 'slices' };

const answers = {
  [`${BASE}/analysis`]: analysis(),
  [`${BASE}/history`]: history([], []),
};

function showPage(state = live, shown = route, more: Record<string, unknown> = {}) {
  stubApi({ ...answers, [`${BASE}?slices=false`]: detailOf(summary, []), ...more });
  return renderWithProviders(<ServicePage route={shown} />, state);
}

describe('a Service page', () => {
  it('writes every count of its heading alike, thousands separated', async () => {
    const big = serviceSummary(NS, NAME, {
      endpoints: 2400,
      ready: 1200,
      terminating: 1200,
      slices: 24,
      zones: 3,
    });
    showPage(streamState({ services: [big], slices: [slice] }));
    expect(text(await screen.findByTestId('service-counts'))).toBe(
      'ClusterIP · 2,400 endpoints (1,200 ready, 1,200 terminating) · 24 slices · 3 zones',
    );
  });

  it('heads a past view with the counts of then, set apart from the sync they follow', async () => {
    const created = change('web-a', 'created', { added: ['10.0.1.1', '10.0.1.2', '10.0.1.3'] });
    showPage(
      live,
      { ...route, at: 10 },
      { [`${BASE}/history`]: history([entry(10, [created])], [slice]) },
    );
    expect(text(await screen.findByTestId('service-counts'))).toBe(
      'ClusterIP · 3 endpoints (3 ready, 0 terminating) · 1 slice · 2 zones · after sync #10',
    );
  });

  it('says the Service was deleted when it leaves the stream, and shows it again when back', async () => {
    const { publish } = showPage();
    expect(text(await screen.findByTestId('service-counts'))).toContain('3 endpoints');
    expect(screen.queryByTestId('service-deleted')).toBeNull();

    act(() => publish(streamState({})));
    const gone = await screen.findByTestId('service-deleted');
    expect(text(gone)).toMatch(/^Service shop\/web was deleted at \d\d:\d\d:\d\d: it is no longer/);
    expect(screen.queryByTestId('service-counts')).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.queryByTestId('slice-row')).toBeNull();
    expect(screen.queryByTestId('drift')).toBeNull();

    act(() => publish(live));
    expect(text(await screen.findByTestId('service-counts'))).toContain('3 endpoints');
    expect(screen.queryByTestId('service-deleted')).toBeNull();
    expect(screen.getAllByTestId('slice-row')).toHaveLength(1);
  });

  it('says the Service was deleted when the api answers 404 for it again', async () => {
    const { queryClient } = showPage(streamState({}));
    await screen.findByTestId('service-counts');
    stubApi(answers);
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.service(NS, NAME) }));
    await waitFor(() =>
      expect(text(screen.getByTestId('service-deleted'))).toMatch(
        /^Service shop\/web was deleted: it is no longer/,
      ),
    );
    expect(screen.queryByTestId('service-counts')).toBeNull();
  });
});
