import { simulateQuick } from '@slicescope/core';
import { render, screen } from '@testing-library/react';
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
