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
import { OverviewAtUrl, overviewBody, search } from './fixtures.tsx';

const nodes = [
  nodeSummary('a-1', 'zone-a', { endpoints: 10, cpuMilli: 8000 }),
  nodeSummary('a-2', 'zone-a', { endpoints: 3, ready: false }),
  nodeSummary('b-1', 'zone-b', { endpoints: 0, unschedulable: true, cpuMilli: 3500 }),
  nodeSummary('lonely', '', { endpoints: 1 }),
];

function renderMap() {
  stubApi({ '/overview': overviewBody() });
  return renderWithProviders(
    <OverviewAtUrl />,
    streamState({ nodes, services: [serviceSummary('shop', 'cart')] }),
  );
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
