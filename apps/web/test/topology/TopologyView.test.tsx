import type { SliceView } from '@slicescope/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOX_LABEL, BOX_PAD, CELL, computeLayout } from '../../src/service/topology/layout.ts';
import { buildModel, layoutInputOf } from '../../src/service/topology/model.ts';
import { TopologyView } from '../../src/service/topology/TopologyView.tsx';
import { aspectStep } from '../../src/service/topology/useScene.ts';
import { fitLayout, HEADER_HEIGHT, IDENTITY, toScreen } from '../../src/service/topology/view.ts';
import {
  nodeSummary,
  renderWithProviders,
  serviceSummary,
  endpoint,
  sliceOf,
  streamState,
  stubApi,
} from '../support/render.tsx';
import { analysis as serviceAnalysis } from '../service/builders.ts';

vi.mock('../../src/service/routing/ProxyViewPanel.tsx', () => ({
  ProxyViewPanel: (props: { namespace: string; name: string; node: string }) => (
    <p data-testid="proxy-panel">{`${props.namespace}/${props.name} routes on ${props.node}`}</p>
  ),
}));

const service = serviceSummary('shop', 'web', { endpoints: 4, slices: 2, zones: 2 });
const nodes = [
  nodeSummary('a1', 'zone-a', { cpuMilli: 4000 }),
  nodeSummary('a2', 'zone-a', { cpuMilli: 4000 }),
  nodeSummary('b1', 'zone-b', { cpuMilli: 4000 }),
];
const slices: SliceView[] = [
  sliceOf('shop', 'web', 'web-abc', [
    endpoint('10.0.0.1', {
      nodeName: 'a1',
      zone: 'zone-a',
      pod: 'web-1',
      hints: { forZones: ['zone-a'] },
    }),
    endpoint('10.0.0.2', { nodeName: 'b1', zone: 'zone-b', ready: false, serving: false }),
  ]),
  sliceOf('shop', 'web', 'web-def', [
    endpoint('10.0.0.3', { nodeName: 'b1', zone: 'zone-b', ready: false, terminating: true }),
    endpoint('10.0.0.4'),
  ]),
];

const analysis = serviceAnalysis({
  hints: [
    {
      addressType: 'IPv4',
      hintsOn: true,
      rule: 'auto-allocated',
      summary: '',
      zones: [
        {
          zone: 'zone-a',
          cpuShare: 0.5,
          endpoints: 1,
          endpointShare: 0.5,
          hinted: 1,
          expectedOverload: -0.5,
        },
      ],
    },
  ],
});

let setSlices: (slices: SliceView[]) => void = () => {};

function Harness(props: {
  initial: SliceView[];
  selectedSlice?: string;
  selectedNode?: string;
  onSelectSlice: (slice: string | undefined) => void;
  onSelectNode: (node: string | undefined) => void;
}) {
  const [current, set] = useState(props.initial);
  setSlices = set;
  return (
    <TopologyView
      service={service}
      slices={current}
      selectedSlice={props.selectedSlice}
      onSelectSlice={props.onSelectSlice}
      selectedNode={props.selectedNode}
      onSelectNode={props.onSelectNode}
    />
  );
}

function renderView(
  options: { slices?: SliceView[]; selectedSlice?: string; selectedNode?: string } = {},
) {
  const onSelectSlice = vi.fn();
  const onSelectNode = vi.fn();
  const view = renderWithProviders(
    <Harness
      initial={options.slices ?? slices}
      selectedSlice={options.selectedSlice}
      selectedNode={options.selectedNode}
      onSelectSlice={onSelectSlice}
      onSelectNode={onSelectNode}
    />,
    streamState({ services: [service], nodes }),
  );
  const figure = screen.getByTestId('topology');
  return { ...view, figure, onSelectSlice, onSelectNode };
}

const painted = (figure: HTMLElement, count: number) =>
  waitFor(() => expect(figure.getAttribute('data-painted-endpoints')).toBe(String(count)));

const plot = () => screen.getByLabelText('Endpoints of shop/web by zone and node');

/** Where the view draws endpoint `index` of the test slices (same pure functions, 960 × 540). */
function screenPoint(index: number, dy = 0): { clientX: number; clientY: number } {
  const model = buildModel(slices, Object.fromEntries(nodes.map((node) => [node.name, node])));
  const layout = computeLayout(layoutInputOf(model, aspectStep(960 / (540 - HEADER_HEIGHT))));
  const base = fitLayout(layout.width, layout.height, 960, 540);
  const [clientX, clientY] = toScreen(
    base,
    IDENTITY,
    layout.positions[index * 2]!,
    layout.positions[index * 2 + 1]! + dy,
  );
  return { clientX, clientY };
}

describe('TopologyView', () => {
  let requested: string[];
  beforeEach(() => {
    requested = stubApi({ '/services/shop/web/analysis': analysis });
  });
  afterEach(() => performance.clearMarks());

  it('counts the zones, nodes and endpoints of the slices and paints them', async () => {
    const { figure } = renderView();
    expect(figure.getAttribute('data-zones')).toBe('2');
    expect(figure.getAttribute('data-nodes')).toBe('2');
    expect(figure.getAttribute('data-endpoints')).toBe('4');
    await painted(figure, 4);
    expect(performance.getEntriesByName('slicescope:topology-data')).toHaveLength(1);
    expect(performance.getEntriesByName('slicescope:topology-paint')).toHaveLength(1);
  });

  it('writes a header per zone in SVG text, with the analysis numbers when it has them', async () => {
    const { figure } = renderView();
    await painted(figure, 4);
    const texts = () => Array.from(figure.querySelectorAll('svg text'), (text) => text.textContent);
    expect(requested).toContain('/services/shop/web/analysis');
    await waitFor(() => expect(texts()).toContain('hint overload −50%'));
    expect(texts()).toEqual(expect.arrayContaining(['zone-a', 'zone-b', 'no zone']));
    expect(texts()).toContain('1 endpoint · 1/2 nodes');
    expect(texts()).toContain('endpoints 50% · CPU 50%');
    expect(texts()).toContain('no ready endpoints');
  });

  it('computes the headers from the nodes when the analysis is not there', async () => {
    requested = stubApi({});
    const { figure } = renderView();
    await painted(figure, 4);
    const texts = () => Array.from(figure.querySelectorAll('svg text'), (text) => text.textContent);
    // zone-a: 2 of 3 equal nodes' CPU, 1 of the 2 ready endpoints (the other has no zone).
    await waitFor(() => expect(texts()).toContain('hint overload +33%'));
    expect(texts()).toContain('endpoints 50% · CPU 67%');
  });

  it('shows the focused endpoint in a tooltip and moves with n / p', async () => {
    const { figure, onSelectSlice } = renderView();
    await painted(figure, 4);
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => plot().focus());
    const tooltip = await screen.findByRole('tooltip');
    expect(plot().getAttribute('aria-describedby')).toBe(tooltip.id);
    // Beside the focused endpoint, not pinned to a corner of the plot.
    expect(tooltip.className).toBe('topology-tooltip');
    const left = () => parseFloat(screen.getByRole('tooltip').style.left);
    const first = left();
    expect(first).toBeGreaterThan(0);
    const details = () =>
      Object.fromEntries(
        within(screen.getByRole('tooltip'))
          .getAllByRole('term')
          .map((term) => [term.textContent, term.nextElementSibling?.textContent]),
      );
    expect(details()).toEqual({
      Address: '10.0.0.1',
      Pod: 'web-1',
      Node: 'a1',
      Zone: 'zone-a',
      Conditions: 'Ready (ready: yes, serving: yes, terminating: no)',
      Hints: 'forZones: zone-a',
      Slice: 'web-abc',
    });
    fireEvent.keyDown(plot(), { key: 'n' });
    // zone-b's node b1: serving-terminating before not-ready.
    expect(details()).toMatchObject({
      Address: '10.0.0.3',
      Conditions: 'Serving, terminating (ready: no, serving: yes, terminating: yes)',
      Slice: 'web-def',
    });
    // zone-b is the next column: the details moved right with the focus.
    expect(left()).toBeGreaterThan(first);
    fireEvent.keyDown(plot(), { key: 'Enter' });
    expect(onSelectSlice).toHaveBeenLastCalledWith('web-def');
    act(() => plot().blur());
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('zooms around the endpoint in keyboard focus, which keeps its details beside it', async () => {
    const { figure } = renderView();
    await painted(figure, 4);
    act(() => plot().focus());
    await screen.findByRole('tooltip');
    for (let i = 0; i < 3; i++) fireEvent.keyDown(document.activeElement ?? plot(), { key: '+' });
    await waitFor(() => expect(screen.getByRole('tooltip').className).toBe('topology-tooltip'));
    expect(parseFloat(screen.getByRole('tooltip').style.left)).toBeGreaterThan(0);
  });

  it('starts keyboard focus in the selected slice', async () => {
    const { figure } = renderView({ selectedSlice: 'web-def' });
    await painted(figure, 4);
    act(() => plot().focus());
    expect(within(await screen.findByRole('tooltip')).getByText('10.0.0.3')).toBeTruthy();
  });

  it('selects a slice from the list, by clicking an endpoint, and clears it again', async () => {
    const first = renderView();
    await painted(first.figure, 4);
    fireEvent.change(screen.getByLabelText('Slice'), { target: { value: 'web-def' } });
    expect(first.onSelectSlice).toHaveBeenLastCalledWith('web-def');
    fireEvent.click(plot(), screenPoint(0));
    expect(first.onSelectSlice).toHaveBeenLastCalledWith('web-abc');
    first.unmount();

    const selected = renderView({ selectedSlice: 'web-abc' });
    await painted(selected.figure, 4);
    fireEvent.click(plot(), screenPoint(0));
    expect(selected.onSelectSlice).toHaveBeenLastCalledWith(undefined);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(selected.onSelectSlice).toHaveBeenCalledTimes(2);
    fireEvent.change(screen.getByLabelText('Slice'), { target: { value: '' } });
    expect(selected.onSelectSlice).toHaveBeenLastCalledWith(undefined);
  });

  it('selects a node by clicking its box or from the list, and shows its panel', async () => {
    const first = renderView();
    await painted(first.figure, 4);
    fireEvent.click(plot(), screenPoint(2, -(BOX_LABEL / 2 + BOX_PAD + CELL / 2))); // b1's name band
    expect(first.onSelectNode).toHaveBeenLastCalledWith('b1');
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: 'a1' } });
    expect(first.onSelectNode).toHaveBeenLastCalledWith('a1');
    first.unmount();

    const selected = renderView({ selectedNode: 'b1' });
    const panel = screen.getByRole('complementary', { name: 'Node b1' });
    expect(within(panel).getByText('zone-b')).toBeTruthy();
    expect(within(panel).getByText('4 CPU')).toBeTruthy();
    const rows = within(panel)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(expect.arrayContaining(['Not ready1', 'Serving, terminating1', 'All2']));
    expect(within(panel).getByTestId('proxy-panel').textContent).toBe('shop/web routes on b1');
    fireEvent.click(within(panel).getByRole('button', { name: 'Close node details' }));
    expect(selected.onSelectNode).toHaveBeenLastCalledWith(undefined);
  });

  it('exports the picture as SVG and offers PNG', async () => {
    const { figure } = renderView();
    await painted(figure, 4);
    const saved: { name: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => {},
    });
    HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, blob: blobs.get(this.href)! });
    });
    expect(screen.getByRole('button', { name: 'Export PNG' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('shop-web-topology.svg');
    const text = await saved[0]!.blob.text();
    expect(text).toContain('<image');
    expect(text).toContain('zone-b');
  });

  it('draws appearing endpoints when the slices change, keeping the counts current', async () => {
    const { figure } = renderView();
    await painted(figure, 4);
    const grown = [
      slices[0]!,
      sliceOf('shop', 'web', 'web-def', [
        ...slices[1]!.endpoints,
        endpoint('10.0.0.5', { nodeName: 'a2', zone: 'zone-a' }),
      ]),
    ];
    act(() => setSlices(grown));
    expect(figure.getAttribute('data-endpoints')).toBe('5');
    expect(figure.getAttribute('data-nodes')).toBe('3');
    await painted(figure, 5);
    expect(performance.getEntriesByName('slicescope:topology-data')).toHaveLength(1);
  });

  it('says why there is nothing to draw', () => {
    const { figure } = renderView({ slices: [] });
    expect(figure.getAttribute('data-endpoints')).toBe('0');
    expect(screen.getByText(/This Service has no endpoints/).textContent).toMatch(
      /No EndpointSlice exists/,
    );
  });

  it('tells empty slices apart from no slices', () => {
    renderView({ slices: [sliceOf('shop', 'web', 'web-x', [])] });
    expect(screen.getByText(/This Service has no endpoints/).textContent).toMatch(
      /slice holds no endpoints/,
    );
  });

  it('has labelled zoom controls and a legend', () => {
    renderView();
    for (const name of ['Zoom in', 'Zoom out', 'Reset zoom']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('Selected slice')).toBeTruthy();
    expect(within(legend).getByText('Not ready')).toBeTruthy();
  });
});
