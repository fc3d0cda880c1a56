import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../src/api/queries.ts';
import type { ServiceRoute } from '../../src/app/route.ts';
import { ServicePage } from '../../src/service/ServicePage.tsx';
import { REST_FALLBACK_MS } from '../../src/service/useServiceSlices.ts';
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

/** The api's answer for a Service it does not have. */
const notFound = () =>
  new Response(
    JSON.stringify({ error: { code: 'not-found', message: `service ${NS}/${NAME} not found` } }),
    { status: 404, headers: { 'content-type': 'application/json' } },
  );

afterEach(() => vi.useRealTimers());

/** The page as it is when the stream does not bring the Service: it reads the slices over REST. */
async function showWithoutStream(more: Record<string, unknown>) {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const rendered = showPage(streamState({ services: [summary] }), route, more);
  act(() => rendered.stream.setConnection({ covered: [] }));
  await act(() => vi.advanceTimersByTimeAsync(REST_FALLBACK_MS));
  return rendered;
}

/** The failure shown, and that it comes before the slices it is about. */
async function failureAboveSlices(message: string) {
  const alert = await screen.findByRole('alert');
  expect(text(alert)).toContain(message);
  const rows = screen.getAllByTestId('slice-row');
  expect(rows).toHaveLength(1);
  expect(alert.compareDocumentPosition(rows[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  return alert;
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

  it('keeps the slices read over REST shown when a refetch fails, with the failure above them', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { queryClient } = await showWithoutStream({ [BASE]: detailOf(summary, [slice]) });
    await screen.findByTestId('slice-row');
    stubApi(answers);
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.serviceSlices(NS, NAME) }));
    const alert = await failureAboveSlices(`Could not load the Service’s slices: no ${BASE}`);
    stubApi({ ...answers, [BASE]: detailOf(summary, [slice]) });
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getAllByTestId('slice-row')).toHaveLength(1);
  });

  it('says why the slices could not be read over REST, and reads them again on request', async () => {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await showWithoutStream({});
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain(`Could not load the Service’s slices: no ${BASE}`);
    expect(screen.getByRole('tablist')).toBeTruthy();
    stubApi({ ...answers, [BASE]: detailOf(summary, [slice]) });
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('slice-row');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps a past sync’s slices shown when the history refetch fails, with the failure above them', async () => {
    const created = change('web-a', 'created', { added: ['10.0.1.1', '10.0.1.2', '10.0.1.3'] });
    const { queryClient } = showPage(
      live,
      { ...route, at: 10 },
      { [`${BASE}/history`]: history([entry(10, [created])], [slice]) },
    );
    await screen.findByTestId('slice-row');
    stubApi({ [`${BASE}?slices=false`]: detailOf(summary, []), [`${BASE}/analysis`]: analysis() });
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.history(NS, NAME) }));
    await failureAboveSlices(`Could not load the slice history: no ${BASE}/history`);
    expect(text(screen.getByTestId('service-counts'))).toContain('after sync #10');
  });

  it('says why a past sync cannot be drawn when the history fails, with the way back to now', async () => {
    showPage(live, { ...route, at: 10 }, { [`${BASE}/history`]: undefined });
    expect(text(await screen.findByRole('alert'))).toContain(
      `Could not load the slice history: no ${BASE}/history`,
    );
    expect(screen.getByRole('button', { name: 'Back to now' })).toBeTruthy();
    expect(screen.queryByTestId('slice-row')).toBeNull();
  });

  it('moves along its tabs with the arrow keys, round from the last to the first', async () => {
    const user = userEvent.setup();
    showPage(live, { ...route, tab: 'history' });
    (await screen.findByRole('tab', { name: 'History' })).focus();
    await user.keyboard('{ArrowRight}');
    expect(new URL(window.location.href).searchParams.get('tab')).toBeNull();
    expect(document.activeElement?.id).toBe('tab-topology');
    await user.keyboard('{ArrowLeft}');
    expect(new URL(window.location.href).searchParams.get('tab')).toBe('history');
    expect(document.activeElement?.id).toBe('tab-history');
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

  it('keeps the Service shown when asking for it again fails, with the failure above and a retry', async () => {
    const { queryClient } = showPage();
    await screen.findByTestId('slice-row');
    const again = () => queryClient.invalidateQueries({ queryKey: queryKeys.service(NS, NAME) });
    const serverError = () =>
      new Response(JSON.stringify({ error: { code: 'internal', message: 'the model broke' } }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      });
    const unreachable = () => {
      throw new TypeError('Failed to fetch');
    };
    for (const [failure, said] of [
      [serverError, 'the model broke'],
      [unreachable, 'The slicescope server cannot be reached.'],
    ] as const) {
      stubApi({ ...answers, [`${BASE}?slices=false`]: failure });
      await act(again);
      const alert = await screen.findByRole('alert');
      expect(text(alert)).toContain(`Could not load Service ${NS}/${NAME}: ${said}`);
      const counts = screen.getByTestId('service-counts');
      expect(text(counts)).toContain('3 endpoints');
      expect(alert.compareDocumentPosition(counts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(screen.getAllByTestId('slice-row')).toHaveLength(1);
      expect(screen.queryByTestId('service-deleted')).toBeNull();
      stubApi({ ...answers, [`${BASE}?slices=false`]: detailOf(summary, []) });
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
      expect(screen.getAllByTestId('slice-row')).toHaveLength(1);
    }
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

  it('says the Service was not found when the api answers 404 while the stream still lists it', async () => {
    const gone = { [`${BASE}?slices=false`]: notFound };
    // When the page opens, and when the Service shown is asked for again.
    for (const asked of ['first', 'again'] as const) {
      window.history.replaceState(null, '', `/services/${NS}/${NAME}`);
      const { queryClient, unmount } = showPage(live, route, asked === 'first' ? gone : {});
      if (asked === 'again') {
        await screen.findByTestId('service-counts');
        stubApi({ ...answers, ...gone });
        await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.service(NS, NAME) }));
      }
      const missing = await screen.findByTestId('service-not-found');
      expect(text(missing)).toBe(
        'Service shop/web was not found (deleted?): the server no longer has it, though the live list still shows it. Back to the Services list Try again',
      );
      expect(screen.getByRole('alert')).toBe(missing);
      expect(screen.queryByTestId('service-counts')).toBeNull();
      expect(screen.queryByRole('tablist')).toBeNull();
      await userEvent.click(
        within(missing).getByRole('link', { name: 'Back to the Services list' }),
      );
      expect(window.location.pathname).toBe('/');
      unmount();
    }
  });

  it('shows the Service when asked again after a 404 finds it', async () => {
    showPage(live, route, { [`${BASE}?slices=false`]: notFound });
    const missing = await screen.findByTestId('service-not-found');
    stubApi({ ...answers, [`${BASE}?slices=false`]: detailOf(summary, []) });
    await userEvent.click(within(missing).getByRole('button', { name: 'Try again' }));
    expect(text(await screen.findByTestId('service-counts'))).toContain('3 endpoints');
    expect(screen.queryByTestId('service-not-found')).toBeNull();
  });
});
