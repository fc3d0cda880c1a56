import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NodeDetails } from '../../src/service/topology/Details.tsx';
import { buildModel } from '../../src/service/topology/model.ts';
import { NodePanel } from '../../src/service/topology/NodePanel.tsx';
import { nodeSummary, serviceSummary, sliceOf } from '../support/render.tsx';
import { endpoints, NAME, NS } from './builders.ts';

describe('a node’s CPU on the topology', () => {
  it('is said in a node box’s details as the overview’s node details say it', () => {
    const { rerender } = render(
      <NodeDetails
        node="b1"
        zone="zone-b"
        summary={nodeSummary('b1', 'zone-b', { cpuMilli: 8000 })}
        counts={[1, 0, 0, 0]}
      />,
    );
    expect(screen.getByText('8 CPU, ready')).toBeTruthy();
    rerender(
      <NodeDetails
        node="b1"
        zone="zone-b"
        summary={nodeSummary('b1', 'zone-b', { cpuMilli: 2500, ready: false })}
        counts={[1, 0, 0, 0]}
      />,
    );
    expect(screen.getByText('2.5 CPU, not ready')).toBeTruthy();
  });

  it('is said alike in the node panel', () => {
    const nodes = { 'node-1': nodeSummary('node-1', 'zone-b', { cpuMilli: 8000 }) };
    render(
      <NodePanel
        service={serviceSummary(NS, NAME)}
        node="node-1"
        model={buildModel([sliceOf(NS, NAME, 'web-a', endpoints(1, 3))], nodes)}
        nodes={nodes}
        proxyView={false}
        onClose={() => undefined}
      />,
    );
    const panel = screen.getByRole('complementary', { name: 'Node node-1' });
    expect(within(panel).getByText('8 CPU')).toBeTruthy();
  });
});
