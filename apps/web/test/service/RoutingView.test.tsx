import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { NodeProxyEndpoint } from '@slicescope/contract';
import { ProxyViewPanel } from '../../src/service/routing/ProxyViewPanel.tsx';
import { RoutingView } from '../../src/service/routing/RoutingView.tsx';
import {
  nodeSummary,
  renderWithProviders,
  serviceSummary,
  sliceOf,
  streamState,
  stubApi,
} from '../support/render.tsx';
import { analysis, BASE, endpoints, NAME, NS, proxied, text } from './builders.ts';

const hints = analysis({
  hints: [
    {
      addressType: 'IPv4',
      hintsOn: true,
      rule: 'auto-allocated',
      summary: 'Hints on (topology annotation Auto): 5 ready endpoints across 2 zones.',
      zones: [
        {
          zone: 'zone-a',
          cpuShare: 0.5,
          endpoints: 3,
          endpointShare: 0.6,
          hinted: 3,
          expectedOverload: -0.17,
        },
        {
          zone: 'zone-b',
          cpuShare: 0.5,
          endpoints: 2,
          endpointShare: 0.4,
          hinted: 2,
          expectedOverload: 0.25,
        },
      ],
    },
  ],
});

const nodes = [
  nodeSummary('node-3', 'zone-a'),
  nodeSummary('node-2', 'zone-b', { ready: false }),
  nodeSummary('node-1', 'zone-a'),
];

function showRouting(selectedNode?: string, routes: Record<string, unknown> = {}) {
  stubApi({ [`${BASE}/analysis`]: hints, ...routes });
  const onSelectNode = vi.fn();
  const summary = serviceSummary(NS, NAME);
  renderWithProviders(
    <RoutingView
      service={summary}
      slices={[sliceOf(NS, NAME, 'web-a', endpoints(1, 5))]}
      selectedNode={selectedNode}
      onSelectNode={onSelectNode}
    />,
    streamState({ services: [summary], nodes }),
  );
  return { onSelectNode };
}

const proxyEndpoint = (address: string, change: Partial<NodeProxyEndpoint> = {}) => ({
  address,
  port: 8080,
  endpoint: `${address}:8080`,
  ready: true,
  serving: true,
  terminating: false,
  isLocal: false,
  ...change,
});

const proxyBody = proxied({
  ports: [
    {
      ipFamily: 'IPv4',
      portName: 'http',
      protocol: 'TCP',
      endpoints: [],
      clusterEndpoints: [
        proxyEndpoint('10.0.1.1', {
          isLocal: true,
          nodeName: 'node-1',
          zone: 'zone-a',
          zoneHints: ['zone-a'],
        }),
        // After 10.0.1.2 in address order, though the api lists it first.
        proxyEndpoint('10.0.1.10', { nodeName: 'node-3', zone: 'zone-a', zoneHints: ['zone-a'] }),
        proxyEndpoint('10.0.1.2', { nodeName: 'node-3', zone: 'zone-a', zoneHints: ['zone-a'] }),
      ],
      localEndpoints: null,
      allReachableEndpoints: [],
      hasAnyEndpoints: true,
      topologyMode: 'PreferSameZone',
      reasons: ['endpoints are hinted for zone zone-a, where the node is'],
    },
  ],
  notes: ['internalTrafficPolicy is Cluster'],
});

describe('the Routing view', () => {
  it('explains the hints in plain words with a per-zone allocation table', async () => {
    showRouting();
    const section = await screen.findByTestId('hints');
    expect(text(section)).toContain('IPv4: hints on');
    expect(text(section)).toContain('Hints on (topology annotation Auto)');
    expect(text(section)).toContain('in proportion to its share of the cluster’s CPU');
    const table = within(section).getByRole('table', { name: 'Zones, IPv4' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));
    expect(rows).toEqual([
      ['zone-a', '50%', '3', '60%', '3', '−17%'],
      ['zone-b', '50%', '2', '40%', '2', '+25%'],
    ]);
  });

  it('picks a node from a list grouped by zone', async () => {
    const user = userEvent.setup();
    const { onSelectNode } = showRouting();
    const select = screen.getByLabelText('Node');
    const groups = within(select).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('label'))).toEqual(['zone-a', 'zone-b']);
    expect(
      within(groups[0]!)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['node-1', 'node-3']);
    expect(within(groups[1]!).getByRole('option').textContent).toBe('node-2 (not ready)');
    await user.selectOptions(select, 'node-3');
    expect(onSelectNode).toHaveBeenLastCalledWith('node-3');
    await user.selectOptions(select, '');
    expect(onSelectNode).toHaveBeenLastCalledWith(undefined);
  });

  it('lists the nodes from the api before the stream has any', async () => {
    stubApi({ [`${BASE}/analysis`]: hints, '/nodes': { items: nodes } });
    const summary = serviceSummary(NS, NAME);
    renderWithProviders(
      <RoutingView service={summary} slices={[]} onSelectNode={() => undefined} />,
    );
    const select = screen.getByLabelText('Node');
    await waitFor(() => expect(within(select).getAllByRole('group')).toHaveLength(2));
    expect(screen.queryByText('No nodes known yet.')).toBeNull();
  });

  it('shows kube-proxy’s view on the selected node and links to the topology map', async () => {
    // The app's index.html carries a <base href> of the base path; routes are read below it.
    const base = document.createElement('base');
    base.href = '/';
    document.head.append(base);
    onTestFinished(() => base.remove());
    window.history.replaceState(null, '', `/services/${NS}/${NAME}?tab=routing&node=node-1`);
    showRouting('node-1', { [`${BASE}/proxy/node-1`]: proxyBody });
    expect((screen.getByLabelText('Node') as HTMLSelectElement).value).toBe('node-1');
    expect(text(await screen.findByTestId('proxy-port'))).toContain('10.0.1.1:8080');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Pick on the topology map' }));
    expect(window.location.pathname).toBe(`/services/${NS}/${NAME}`);
    expect(window.location.search).toBe('?node=node-1');
  });
});

describe('the kube-proxy panel', () => {
  it('shows per port the endpoints traffic goes to, local ones and hints marked', async () => {
    stubApi({ [`${BASE}/proxy/node-1`]: proxyBody });
    renderWithProviders(<ProxyViewPanel namespace={NS} name={NAME} node="node-1" />);
    const port = await screen.findByTestId('proxy-port');
    const panel = screen.getByTestId('proxy-view');
    expect(text(panel)).toContain('Proxied on node-1 in zone zone-a.');
    expect(text(screen.getByTestId('proxy-behaviour'))).toBe('kube-proxy 1.36+ rules');
    expect(text(port)).toContain('http TCP · IPv4');
    expect(text(port)).toContain('Topology mode PreferSameZone');
    expect(text(port)).toContain('endpoints are hinted for zone zone-a, where the node is');
    const cluster = within(port).getByRole('list', { name: 'Cluster-policy traffic' });
    const items = within(cluster).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-local'))).toEqual([
      'true',
      'false',
      'false',
    ]);
    expect(items.map((item) => item.querySelector('code')?.textContent)).toEqual([
      '10.0.1.1:8080',
      '10.0.1.2:8080',
      '10.0.1.10:8080',
    ]);
    expect(text(items[0])).toContain('10.0.1.1:8080 ● local · Ready');
    expect(text(items[0])).toContain('hinted for zone-a');
    expect(text(items[1])).not.toContain('local');
    expect(text(port)).toContain('This port has no Local-policy traffic.');
    expect(text(within(panel).getByRole('list', { name: 'Notes' }))).toContain(
      'internalTrafficPolicy is Cluster',
    );
  });

  it('asks for the rules of another kube-proxy release and keeps it in the URL', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', `/services/${NS}/${NAME}?tab=routing&node=node-1`);
    const requested = stubApi({
      [`${BASE}/proxy/node-1`]: proxyBody,
      [`${BASE}/proxy/node-1?version=1.25`]: proxied({
        behaviour: {
          version: '1.21-1.26',
          topologyAwareHints: true,
          proxyTerminatingEndpoints: false,
        },
      }),
    });
    renderWithProviders(<ProxyViewPanel namespace={NS} name={NAME} node="node-1" />);
    await screen.findByTestId('proxy-port');
    const versions = screen.getByLabelText('kube-proxy version');
    expect(within(versions).getAllByRole('option')).toHaveLength(17);
    await user.selectOptions(versions, '1.25');
    await waitFor(() =>
      expect(text(screen.getByTestId('proxy-behaviour'))).toContain('kube-proxy 1.21–1.26 rules'),
    );
    expect(requested).toContain(`${BASE}/proxy/node-1?version=1.25`);
    expect(window.location.search).toBe('?tab=routing&node=node-1&proxy=1.25');
    await user.selectOptions(versions, '');
    expect(window.location.search).toBe('?tab=routing&node=node-1');
    expect(text(screen.getByTestId('proxy-behaviour'))).toBe('kube-proxy 1.36+ rules');
  });

  it('follows the release a link names', async () => {
    window.history.replaceState(null, '', `/services/${NS}/${NAME}?tab=routing&proxy=1.25`);
    const requested = stubApi({
      [`${BASE}/proxy/node-1?version=1.25`]: proxied({
        behaviour: { version: '1.21-1.26', topologyAwareHints: true },
      }),
    });
    renderWithProviders(<ProxyViewPanel namespace={NS} name={NAME} node="node-1" />);
    expect(text(await screen.findByTestId('proxy-behaviour'))).toContain(
      'kube-proxy 1.21–1.26 rules',
    );
    expect((screen.getByLabelText('kube-proxy version') as HTMLSelectElement).value).toBe('1.25');
    expect(requested).toEqual([`${BASE}/proxy/node-1?version=1.25`]);
  });

  it('says why a node does not proxy the Service, and when the view fails', async () => {
    stubApi({
      [`${BASE}/proxy/node-1`]: {
        proxied: false,
        reason: 'the Service is headless',
        behaviour: { version: '1.36+' },
      },
    });
    const { unmount } = renderWithProviders(
      <ProxyViewPanel namespace={NS} name={NAME} node="node-1" />,
    );
    expect(text(await screen.findByText(/Not proxied on node-1/))).toContain(
      'the Service is headless',
    );
    unmount();
    renderWithProviders(<ProxyViewPanel namespace={NS} name={NAME} node="node-9" />);
    expect(text(await screen.findByRole('alert'))).toContain(
      'Could not load kube-proxy’s view on node-9',
    );
  });
});
