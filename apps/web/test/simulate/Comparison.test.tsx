import { simulateQuick } from '@slicescope/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Comparison } from '../../src/simulate/Comparison.tsx';
import { kepRollout, modelRollout } from './reports.ts';

describe('the comparison of runs A and B', () => {
  it('tells two runs of the same question apart by the settings they do not share', () => {
    const a = kepRollout();
    const b = simulateQuick(
      { pods: 20000, nodes: 5000, operation: 'rollout' },
      { mode: 'paper', maxEndpointsPerSlice: 1 },
    );
    render(<Comparison a={a} b={b} />);
    expect(screen.getByRole('region', { name: 'A vs B' }).querySelector('p')?.textContent).toBe(
      'A: 20,000 Pods on 5,000 Nodes in 3 zones: rollout (slices of at most 100 endpoints). ' +
        'B: 20,000 Pods on 5,000 Nodes in 3 zones: rollout (slices of at most 1 endpoint).',
    );
  });

  it('names each run’s mode when the questions differ and every setting does', () => {
    render(<Comparison a={kepRollout()} b={modelRollout()} />);
    const text = screen.getByRole('region', { name: 'A vs B' }).querySelector('p')?.textContent;
    expect(text).toContain('A: 20,000 Pods on 5,000 Nodes in 3 zones: rollout (paper mode · ');
    expect(text).toContain('B: 60 Pods on 6 Nodes in 3 zones: rollout (model mode · ');
  });

  it('names only the mode when the settings are all the same', () => {
    render(<Comparison a={kepRollout()} b={kepRollout()} />);
    expect(screen.getByRole('region', { name: 'A vs B' }).querySelector('p')?.textContent).toBe(
      'A: 20,000 Pods on 5,000 Nodes in 3 zones: rollout (paper). ' +
        'B: 20,000 Pods on 5,000 Nodes in 3 zones: rollout (paper).',
    );
  });
});

describe('the comparison of a model-mode run with a paper-mode run', () => {
  const QUICK = { pods: 60, nodes: 6, zones: 3, operation: 'rollout' } as const;
  const paper = () =>
    simulateQuick(QUICK, { mode: 'paper', paperBytesPerEndpoint: 300, paperMinObjectBytes: 0 });

  it('says how each run sized its bytes, and that B ÷ A divides one sizing by the other', () => {
    render(<Comparison a={modelRollout()} b={paper()} />);
    const row = (id: string) => screen.getByTestId(`compare-${id}`);
    expect(within(row('bytes-endpoints')).getByRole('rowheader').textContent).toBe(
      'Bytes sent, Endpoints (A: JSON; B: paper sizes)',
    );
    expect(
      within(row('largestObjectBytes-endpointSlices')).getByRole('rowheader').textContent,
    ).toBe('Largest object written, EndpointSlices (A: JSON; B: paper sizes)');
    expect(row('bytes-endpoints').lastElementChild?.textContent).toMatch(
      /×paper sizes ÷ JSON: sized differently$/,
    );
    // Counts are counted the same way in both modes.
    expect(within(row('writes-endpoints')).getByRole('rowheader').textContent).toBe(
      'API writes, Endpoints',
    );
    expect(row('writes-endpoints').lastElementChild?.textContent).toMatch(/×$/);
  });

  it('keeps one label where both runs size bytes alike', () => {
    render(<Comparison a={kepRollout()} b={paper()} />);
    const bytes = screen.getByTestId('compare-bytes-endpoints');
    expect(within(bytes).getByRole('rowheader').textContent).toBe(
      'Bytes sent (paper sizes), Endpoints',
    );
    expect(bytes.lastElementChild?.textContent).toMatch(/×$/);
  });
});
