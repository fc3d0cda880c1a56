import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  nodeSummary,
  renderWithProviders,
  serviceSummary,
  streamState,
  stubApi,
} from '../support/render.tsx';
import { OverviewAtUrl, overviewBody, search } from './fixtures.tsx';

const services = [
  serviceSummary('shop', 'frontend', {
    endpoints: 120,
    ready: 118,
    terminating: 2,
    slices: 2,
    idealSlices: 2,
    churn: 4,
  }),
  serviceSummary('shop', 'cart', {
    endpoints: 24,
    ready: 24,
    slices: 1,
    idealSlices: 1,
    churn: 9,
    labels: { app: 'cart', tier: 'backend' },
  }),
  serviceSummary('media', 'thumbnailer', {
    endpoints: 1400,
    ready: 1400,
    slices: 20,
    idealSlices: 14,
    flags: ['fragmented'],
  }),
  serviceSummary('default', 'kubernetes', {
    endpoints: 0,
    slices: 0,
    idealSlices: 0,
    flags: ['no-endpoints'],
  }),
];
const nodes = [nodeSummary('node-a', 'zone-a'), nodeSummary('node-b', 'zone-b', { ready: false })];

const table = () => within(screen.getByRole('table', { name: 'Services' }));
const rowNames = () =>
  table()
    .getAllByRole('link')
    .map((link) => link.textContent);
/** A Service's link in the table (the top lists link to it too). */
const rowLink = (name: string) => table().getByRole('link', { name });

function renderPage(state = streamState({ services, nodes })) {
  stubApi({ '/overview': overviewBody() });
  return renderWithProviders(<OverviewAtUrl />, state);
}

describe('OverviewPage', () => {
  it('asks for the overview again when the live stream is back after a drop', async () => {
    let serverUp = false;
    stubApi({
      '/overview': () => {
        if (!serverUp) throw new TypeError('Failed to fetch');
        return overviewBody();
      },
    });
    const view = renderWithProviders(<OverviewAtUrl />, streamState({ services, nodes }));
    await screen.findByText(/cannot be reached/);
    serverUp = true;
    act(() => view.stream.setConnection({ status: 'dropped', since: 0 }));
    act(() => view.stream.setConnection({ status: 'resynced' }));
    expect((await screen.findByTestId('count-pods')).textContent).toBe('42');
    expect(screen.queryByText(/cannot be reached/)).toBeNull();
  });

  it('lists every Service of the stream with a link to its page, busiest first', () => {
    renderPage();
    expect(rowNames()).toEqual([
      'media/thumbnailer',
      'shop/frontend',
      'shop/cart',
      'default/kubernetes',
    ]);
    const link = rowLink('shop/cart');
    expect(link.getAttribute('href')).toBe('/services/shop/cart');
  });

  it('counts Services, slices, endpoints and nodes live from the stream, pods from the overview', async () => {
    const view = renderPage();
    expect(screen.getByTestId('count-services').textContent).toBe('4');
    expect(screen.getByTestId('count-slices').textContent).toBe('23');
    expect(screen.getByTestId('count-endpoints').textContent).toBe('1544');
    expect(screen.getByTestId('count-nodes').textContent).toBe('2');
    expect((await screen.findByTestId('count-pods')).textContent).toBe('42');
    act(() =>
      view.publish(
        streamState({ services: [...services, serviceSummary('a', 'b', { endpoints: 6 })], nodes }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId('count-services').textContent).toBe('5'));
    expect(screen.getByTestId('count-endpoints').textContent).toBe('1550');
    expect(rowLink('a/b')).toBeTruthy();
  });

  it('opens the stream without following any Service', () => {
    const view = renderPage();
    expect(view.stream.followed).toEqual([[]]);
  });

  it('shows the overview counts until the stream has sent its snapshot', async () => {
    stubApi({ '/overview': overviewBody() });
    const view = renderWithProviders(<OverviewAtUrl />, streamState({}));
    act(() => view.stream.setConnection({ status: 'connecting' }));
    expect((await screen.findByTestId('count-services')).textContent).toBe('7');
    expect(screen.getByTestId('count-endpoints').textContent).toBe('11');
    expect(screen.getByRole('status').textContent).toContain('Loading nodes and Services');
  });

  it('says it is loading before anything arrived', () => {
    stubApi({ '/overview': () => new Promise(() => {}) });
    const view = renderWithProviders(<OverviewAtUrl />, streamState({}));
    act(() => view.stream.setConnection({ status: 'connecting' }));
    expect(screen.getByText('Loading the cluster overview…')).toBeTruthy();
  });

  it('says when the overview failed, with a retry that asks again', async () => {
    const requested = stubApi({});
    renderWithProviders(<OverviewAtUrl />, streamState({ services, nodes }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the cluster overview');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(requested.filter((path) => path === '/overview')).toHaveLength(2));
    // The stream's parts still show.
    expect(rowNames()).toHaveLength(4);
  });

  it('shows the top lists as links', async () => {
    renderPage(streamState({ services: services.slice(2), nodes }));
    const top = await screen.findByRole('region', { name: 'Most endpoints' });
    expect(within(top).getByRole('link', { name: 'media/thumbnailer' })).toBeTruthy();
    expect(screen.getByText('No slice writes since slicescope started.')).toBeTruthy();
  });

  it('ranks the top lists from the stream, as the table beside them, as they change', async () => {
    const view = renderPage();
    const top = (name: string) =>
      within(screen.getByRole('region', { name }))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    expect(top('Most endpoints')).toEqual([
      'media/thumbnailer 1400 endpoints',
      'shop/frontend 120 endpoints',
      'shop/cart 24 endpoints',
    ]);
    // Ties by namespace/name; Services at 0 are left out.
    expect(top('Most slices')).toEqual([
      'media/thumbnailer 20 slices',
      'shop/frontend 2 slices',
      'shop/cart 1 slice',
    ]);
    expect(top('Most slice writes')).toEqual(['shop/cart 9 writes', 'shop/frontend 4 writes']);
    const [frontend, cart, ...rest] = services;
    act(() =>
      view.publish(
        streamState({
          services: [frontend!, { ...cart!, endpoints: 2000, churn: 4 }, ...rest],
          nodes,
        }),
      ),
    );
    await waitFor(() => expect(top('Most endpoints')[0]).toBe('shop/cart 2000 endpoints'));
    expect(top('Most slice writes')).toEqual(['shop/cart 4 writes', 'shop/frontend 4 writes']);
    expect(rowNames()[0]).toBe('shop/cart');
  });

  it('asks the overview for the Pods count again when the Services change', async () => {
    const requested = stubApi({ '/overview': overviewBody() });
    const view = renderWithProviders(<OverviewAtUrl />, streamState({ services, nodes }));
    await screen.findByTestId('count-pods');
    const asked = () => requested.filter((path) => path === '/overview').length;
    expect(asked()).toBe(1);
    act(() => view.publish(streamState({ services: services.slice(1), nodes })));
    await waitFor(() => expect(asked()).toBe(2));
    // Not at every change of a churning cluster: the next waits out its 5 s, then comes.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      act(() => view.publish(streamState({ services: services.slice(2), nodes })));
      await act(async () => vi.advanceTimersByTimeAsync(4_000));
      expect(asked()).toBe(2);
      await act(async () => vi.advanceTimersByTimeAsync(1_100));
      expect(asked()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the cluster has no Services', () => {
    renderPage(streamState({ nodes }));
    expect(screen.getByText('The cluster has no Services.')).toBeTruthy();
  });

  it('navigates to a Service without reloading', async () => {
    renderPage();
    await userEvent.click(rowLink('media/thumbnailer'));
    expect((await screen.findByTestId('elsewhere')).textContent).toBe(
      '/services/media/thumbnailer',
    );
  });
});

describe('OverviewPage sorting and filtering', () => {
  it('sorts by a header button, in the URL, and flips on a second click', async () => {
    renderPage();
    const header = () => screen.getByRole('columnheader', { name: /^Service/ });
    expect(screen.getByRole('columnheader', { name: /^Endpoints/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await userEvent.click(screen.getByRole('button', { name: /^Service/ }));
    expect(search().get('sort')).toBe('name');
    expect(search().get('order')).toBeNull(); // names go A to Z by default
    await waitFor(() =>
      expect(rowNames()).toEqual([
        'default/kubernetes',
        'media/thumbnailer',
        'shop/cart',
        'shop/frontend',
      ]),
    );
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    await userEvent.click(screen.getByRole('button', { name: /^Service/ }));
    expect(search().get('order')).toBe('desc');
    await waitFor(() => expect(rowNames()[0]).toBe('shop/frontend'));
    expect(header().getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts by churn and by fill', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('button', { name: /^Churn/ }));
    await waitFor(() => expect(rowNames().slice(0, 2)).toEqual(['shop/cart', 'shop/frontend']));
    await userEvent.click(screen.getByRole('button', { name: /^Fill/ }));
    await userEvent.click(screen.getByRole('button', { name: /^Fill/ }));
    expect(search().get('sort')).toBe('fill');
    expect(search().get('order')).toBe('asc');
    await waitFor(() => expect(rowNames()[0]).toBe('media/thumbnailer'));
    expect(screen.getByRole('columnheader', { name: /^Fill/ }).getAttribute('title')).toMatch(
      /ideal/,
    );
  });

  it('filters by search text, namespace and problem, all kept in the URL', async () => {
    renderPage();
    const box = screen.getByRole('searchbox', { name: /Search Services/ });
    await userEvent.type(box, 'SHOP/');
    expect(search().get('q')).toBe('SHOP/');
    await waitFor(() => expect(rowNames()).toEqual(['shop/frontend', 'shop/cart']));
    await userEvent.clear(box);
    expect(search().get('q')).toBeNull();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Namespace' }), 'media');
    expect(search().get('namespace')).toBe('media');
    await waitFor(() => expect(rowNames()).toEqual(['media/thumbnailer']));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Namespace' }), '');
    expect(search().get('namespace')).toBeNull();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Problem' }),
      'no-endpoints',
    );
    expect(search().get('flag')).toBe('no-endpoints');
    await waitFor(() => expect(rowNames()).toEqual(['default/kubernetes']));
  });

  it('filters by a label selector over the Services own labels, kept in the URL', async () => {
    renderPage();
    const box = screen.getByRole('searchbox', { name: /label selector/ });
    await userEvent.type(box, 'tier=backend');
    expect(search().get('label')).toBe('tier=backend');
    await waitFor(() => expect(rowNames()).toEqual(['shop/cart']));
    await userEvent.clear(box);
    await userEvent.type(box, '!tier');
    await waitFor(() =>
      expect(rowNames()).toEqual(['media/thumbnailer', 'shop/frontend', 'default/kubernetes']),
    );
  });

  it('says a label selector that does not parse is one, and filters nothing by it', async () => {
    window.history.replaceState(null, '', '/?label===bad');
    renderPage();
    const box = screen.getByRole('searchbox', { name: /label selector/ });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe(
      'Not a label selector, not applied: a label key is missing',
    );
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    await userEvent.clear(box);
    await userEvent.type(box, 'tier in (backend)');
    await waitFor(() => expect(rowNames()).toEqual(['shop/cart']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads its filters from the URL and says when nothing matches', async () => {
    window.history.replaceState(null, '', '/?q=nothing-like-this&namespace=shop');
    renderPage();
    expect(
      screen.getByText(/No Services match “nothing-like-this” in namespace shop/),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe('');
    await waitFor(() => expect(rowNames()).toHaveLength(4));
  });

  it('focuses the search box on /', async () => {
    renderPage();
    await userEvent.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: /Search Services/ }));
  });

  it('moves between row links with the up and down arrows', async () => {
    renderPage();
    rowLink('media/thumbnailer').focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('shop/cart');
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('shop/frontend');
  });
});
