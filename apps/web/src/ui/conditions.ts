import type { EndpointView } from '@slicescope/contract';

/**
 * The condition an endpoint is drawn in. Colours are Okabe–Ito (safe for the common colour-vision
 * deficiencies) and every condition also has its own shape, so nothing depends on colour alone.
 */
export type Condition = 'ready' | 'serving-terminating' | 'terminating' | 'not-ready';

export const CONDITIONS: readonly Condition[] = [
  'ready',
  'serving-terminating',
  'terminating',
  'not-ready',
];

export const CONDITION_STYLE: Record<
  Condition,
  { label: string; colour: string; shape: 'circle' | 'diamond' | 'triangle' | 'cross' }
> = {
  ready: { label: 'Ready', colour: '#0072B2', shape: 'circle' },
  'serving-terminating': { label: 'Serving, terminating', colour: '#E69F00', shape: 'diamond' },
  terminating: { label: 'Terminating, not serving', colour: '#999999', shape: 'triangle' },
  'not-ready': { label: 'Not ready', colour: '#D55E00', shape: 'cross' },
};

export function conditionOf(
  endpoint: Pick<EndpointView, 'ready' | 'serving' | 'terminating'>,
): Condition {
  if (endpoint.terminating) return endpoint.serving ? 'serving-terminating' : 'terminating';
  return endpoint.ready ? 'ready' : 'not-ready';
}
