import { screen } from '@testing-library/react';
import type { ServiceAnalysis, SliceView } from '@slicescope/contract';
import { vi } from 'vitest';
import { SlicesView } from '../../src/service/slices/SlicesView.tsx';
import { renderWithProviders, serviceSummary, sliceOf, stubApi } from '../support/render.tsx';
import { BASE, detailOf, endpoint, endpoints, NAME, NS } from './builders.ts';

/** The Slices view with three slices of shop/web and the analysis answer given. */

export const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

export const slices: SliceView[] = [
  sliceOf(NS, NAME, 'web-a', endpoints(1, 100), { triggerTime: '2026-01-02T03:04:05Z' }),
  sliceOf(NS, NAME, 'web-b', [
    ...endpoints(2, 3),
    endpoint('10.0.2.50', { ready: false, serving: false }),
    endpoint('10.0.2.51', { ready: false, serving: true, terminating: true }),
  ]),
  sliceOf(NS, NAME, 'web-m', endpoints(3, 2), { managedBy: MIRRORING }),
];

export const fragmentation: ServiceAnalysis['fragmentation'] = {
  maxEndpointsPerSlice: 100,
  endpoints: 105,
  actualSlices: 2,
  idealSlices: 2,
  fill: 0.525,
  fragmented: false,
  summary:
    '2 slices for 105 endpoints, as few as 100 per slice allows (53% of their capacity used).',
  groups: [
    {
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: 105,
      actualSlices: 2,
      idealSlices: 2,
      fill: 0.525,
      emptiest: [],
    },
  ],
};

export function show(
  options: {
    analysis?: ServiceAnalysis | undefined;
    past?: boolean;
    selectedSlice?: string;
    shown?: SliceView[];
  } = {},
) {
  const summary = serviceSummary(NS, NAME, { endpoints: 107, slices: 3 });
  const requested = stubApi(
    options.analysis === undefined ? {} : { [`${BASE}/analysis`]: options.analysis },
  );
  const onSelectSlice = vi.fn();
  const rendered = renderWithProviders(
    <SlicesView
      service={summary}
      detail={detailOf(summary, slices)}
      slices={options.shown ?? slices}
      past={options.past ?? false}
      selectedSlice={options.selectedSlice}
      onSelectSlice={onSelectSlice}
    />,
  );
  return { ...rendered, onSelectSlice, requested };
}

export const row = (name: string) =>
  screen.getAllByTestId('slice-row').find((element) => element.dataset.slice === name)!;
