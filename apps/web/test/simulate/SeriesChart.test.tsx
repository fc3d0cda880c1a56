import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CHART_FRAME } from '../../src/simulate/chartScales.ts';
import type { ChartData } from '../../src/simulate/chartSeries.ts';
import { SeriesChart } from '../../src/simulate/SeriesChart.tsx';

/** A chart of API writes with `points` steps, a second apart, Endpoints above EndpointSlices. */
function writes(points: number): ChartData {
  const times = Array.from({ length: points }, (_, index) => index);
  return {
    id: 'writes',
    title: 'API writes per step',
    description: 'API writes',
    unit: 'count',
    shape: 'stems',
    times,
    lines: [
      { id: 'endpoints', label: 'Endpoints', values: times.map(() => 40) },
      { id: 'endpointSlices', label: 'EndpointSlices', values: times.map(() => 3) },
    ],
  };
}

function drawn(points: number) {
  const { container } = render(<SeriesChart chart={writes(points)} run="Run A" pngName="a.png" />);
  const series = (id: string) => container.querySelector(`svg > g.sim-series-${id}`)!;
  return {
    svg: container.querySelector('svg')!,
    markers: (id: string) => series(id).querySelectorAll('rect, circle').length,
    path: (id: string) => series(id).querySelector('path')!.getAttribute('d') ?? '',
  };
}

const plotWidth = CHART_FRAME.width - CHART_FRAME.margin.left - CHART_FRAME.margin.right;

describe('a chart of a run’s series', () => {
  it('scales to its column: a viewBox, and no width or height of its own', () => {
    const { svg } = drawn(10);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${CHART_FRAME.width} ${CHART_FRAME.height}`);
    expect(svg.hasAttribute('width')).toBe(false);
    expect(svg.hasAttribute('height')).toBe(false);
  });

  it('marks every point of a short run, with a stem of each line at every step', () => {
    const chart = drawn(12);
    expect(chart.markers('endpoints')).toBe(12);
    expect(chart.markers('endpointSlices')).toBe(12);
    expect(chart.path('endpoints').match(/M/g)).toHaveLength(12);
  });

  it('draws the points of a long run as outlines, one line beside the other, without markers', () => {
    const chart = drawn(1328);
    for (const id of ['endpoints', 'endpointSlices']) {
      expect(chart.markers(id)).toBe(0);
      const path = chart.path(id);
      // One outline, not a stem a point: no more corners than the plot has columns.
      expect(path.match(/M/g)).toHaveLength(1);
      expect(path.match(/[HV]/g)!.length).toBeLessThanOrEqual(plotWidth + 4);
    }
    // Each at its own height: the lower line is not under the higher one's block.
    const level = (path: string) => Number(/V([\d.]+)H/.exec(path)?.[1]);
    expect(level(chart.path('endpointSlices'))).toBeGreaterThan(level(chart.path('endpoints')));
  });
});
