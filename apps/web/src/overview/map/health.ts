import type { NodeHealth } from './layout.ts';

/**
 * How a node's health looks on the map. Colours are Okabe–Ito, as for endpoints, and each state
 * has its own mark too: a filled box, a box crossed out, a hollow box with a stripe.
 */
export const HEALTH_STYLE: Record<NodeHealth, { label: string; colour: string; mark: string }> = {
  ready: { label: 'Ready', colour: '#0072B2', mark: 'filled box' },
  'not-ready': { label: 'Not ready', colour: '#D55E00', mark: 'crossed box' },
  unschedulable: {
    label: 'Unschedulable (cordoned)',
    colour: '#E69F00',
    mark: 'hollow striped box',
  },
};

export const HEALTHS: readonly NodeHealth[] = ['ready', 'not-ready', 'unschedulable'];
