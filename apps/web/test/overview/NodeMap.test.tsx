import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  nodeSummary,
  renderWithProviders,
  serviceSummary,
  streamState,
  stubApi,
} from '../support/render.tsx';
import type { NodeService } from '@slicescope/contract';
import { OverviewAtUrl, overviewBody, search } from './fixtures.tsx';

const nodes = [
  nodeSummary('a-1', 'zone-a', { endpoints: 10, cpuMilli: 8000 }),
  nodeSummary('a-2', 'zone-a', { endpoints: 3, ready: false }),
  nodeSummary('b-1', 'zone-b', { endpoints: 0, unschedulable: true, cpuMilli: 3500 }),
  nodeSummary('lonely', '', { endpoints: 1 }),
];

const nodeServices = (node: string, items: NodeService[]) => ({ node, items });
const cartOnA1: NodeService = {
  namespace: 'shop',
  name: 'cart',
  endpoints: 7,
  ready: 5,
  serving: 6,
  terminating: 1,
};

function renderMap(routes: Record<string, unknown | (() => unknown)> = {}) {
  const requested = stubApi({
    '/overview': overviewBody(),
    '/nodes/a-1/services': nodeServices('a-1', [
      cartOnA1,
      { namespace: 'shop', name: 'web', endpoints: 3, ready: 3, serving: 3, terminating: 0 },
    ]),
    '/nodes/b-1/services': nodeServices('b-1', []),
    ...routes,
  });
  const state = streamState({ nodes, services: [serviceSummary('shop', 'cart')] });
  return { ...renderWithProviders(<OverviewAtUrl />, state), requested, state };
}

const map = () => screen.getByRole('figure', { name: 'Nodes by zone' });
const announced = () => screen.getByTestId('node-map-announcement').textContent;

describe('the zones → nodes map', () => {
  it('draws a column per zone with its counts, the zoneless last', () => {
    const { container } = renderMap();
    expect(map().getAttribute('data-nodes')).toBe('4');
    expect(map().getAttribute('data-zones')).toBe('3');
    const zoneNames = [...container.querySelectorAll('.node-map-zone-name')].map(
      (text) => text.textContent,
    );
    expect(zoneNames).toEqual(['zone-a', 'zone-b', 'no zone']);
    expect(container.querySelector('.node-map-zone-counts')?.textContent).toBe(
      '2 nodes · 13 endpoints · 1 not ready',
    );
    expect(map().querySelector('canvas')).toBeTruthy();
  });

  it('moves a focus marker with the arrows, announces the node, and selects it with Enter', async () => {
    renderMap();
    act(() => map().focus());
    expect(announced()).toMatch(/^a-1, zone zone-a, 10 endpoints, ready\. Node 1 of 4\./);
    expect(screen.getByRole('tooltip').textContent).toContain('a-1');
    await userEvent.keyboard('{ArrowRight}');
    expect(announced()).toMatch(/^a-2, .*not ready/);
    await userEvent.keyboard('{ArrowRight}');
    expect(announced()).toMatch(/^b-1, zone zone-b, 0 endpoints, ready, unschedulable/);
    await userEvent.keyboard('{Enter}');
    expect(search().get('node')).toBe('b-1');
    const details = await screen.findByRole('complementary', { name: /Node b-1/ });
    expect(details.textContent).toContain('3.5 CPU');
    expect(details.textContent).toContain('unschedulable (cordoned)');
    expect(within(details).getByTestId('node-endpoints').textContent).toBe('0');
  });

  it('drops the keyboard tooltip once the node it marks is picked, so it covers no details', async () => {
    renderMap();
    act(() => map().focus());
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('tooltip').textContent).toContain('b-1');
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('complementary', { name: /Node b-1/ });
    expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tooltip').textContent).toContain('lonely');
  });

  it('closes the details with Escape and with the close button', async () => {
    window.history.replaceState(null, '', '/?node=a-2');
    renderMap();
    const details = screen.getByRole('complementary', { name: /Node a-2/ });
    expect(details.textContent).toContain('Not ready');
    await userEvent.keyboard('{Escape}');
    expect(search().get('node')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());

    act(() => window.history.replaceState(null, '', '/?node=lonely'));
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    const panel = await screen.findByRole('complementary', { name: /Node lonely/ });
    expect(panel.textContent).toContain('no zone');
    await userEvent.click(within(panel).getByRole('button', { name: /Close/ }));
    expect(search().get('node')).toBeNull();
  });

  it("lists the node's Services, each linked to what kube-proxy there does with it", async () => {
    window.history.replaceState(null, '', '/?node=a-1');
    renderMap();
    const details = screen.getByRole('complementary', { name: /Node a-1/ });
    const list = await within(details).findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      'shop/cart 7 endpoints · 2 not ready · 1 terminating',
      'shop/web 3 endpoints',
    ]);
    const link = within(rows[0]!).getByRole('link', { name: 'shop/cart' });
    expect(link.getAttribute('href')).toBe('/services/shop/cart?tab=routing&node=a-1');
    await userEvent.click(link);
    expect(window.location.pathname).toBe('/services/shop/cart');
    expect(search().get('tab')).toBe('routing');
    expect(search().get('node')).toBe('a-1');
  });

  it('says when no Service has endpoints on the node, and when the list failed', async () => {
    window.history.replaceState(null, '', '/?node=b-1');
    renderMap();
    const details = screen.getByRole('complementary', { name: /Node b-1/ });
    expect(await within(details).findByText('No Service has endpoints on this node.')).toBeTruthy();

    act(() => window.history.replaceState(null, '', '/?node=a-2'));
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain(
      "Could not load the node's Services: no /nodes/a-2/services",
    );
  });

  it("fetches the node's Services again when its endpoint count moves", async () => {
    window.history.replaceState(null, '', '/?node=a-1');
    const { requested, publish, state } = renderMap();
    const details = screen.getByRole('complementary', { name: /Node a-1/ });
    await within(details).findByRole('list');
    const fetches = () => requested.filter((path) => path === '/nodes/a-1/services').length;
    expect(fetches()).toBe(1);
    const a1 = state.nodes['a-1']!;
    act(() => publish({ ...state, nodes: { ...state.nodes, 'a-1': { ...a1, endpoints: 11 } } }));
    await waitFor(() => expect(fetches()).toBe(2));
  });

  it('says when the node in the URL is not in the cluster', () => {
    window.history.replaceState(null, '', '/?node=gone');
    renderMap();
    expect(screen.getByRole('complementary', { name: /Node gone/ }).textContent).toContain(
      'not in the cluster',
    );
  });

  it('selects a node on click and shows it on hover', async () => {
    renderMap();
    const plot = map().querySelector<HTMLElement>('.node-map-plot')!;
    // jsdom has no layout: the plot sits at 0,0 and the first cell starts below the header.
    fireEvent.pointerMove(plot, { clientX: 5, clientY: 45 });
    expect(screen.getByRole('tooltip').textContent).toContain('a-1');
    expect(screen.getByRole('tooltip').textContent).toContain('8 CPU');
    fireEvent.click(plot, { clientX: 5, clientY: 45 });
    expect(search().get('node')).toBe('a-1');
    fireEvent.pointerLeave(plot);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });
});
