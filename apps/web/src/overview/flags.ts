import { serviceFlagSchema, type ServiceFlag } from '@slicescope/contract';

/** The marks of the services table, in words: a short badge and what it means. */
export const FLAG_TEXT: Record<ServiceFlag, { label: string; description: string }> = {
  'no-endpoints': {
    label: 'No endpoints',
    description: 'The Service selects Pods but has no endpoints: nothing can answer it.',
  },
  fragmented: {
    label: 'Fragmented',
    description: 'The controller keeps more slices than the endpoints need.',
  },
  hints: { label: 'Hints', description: 'Endpoints carry topology hints (zones or nodes).' },
  terminating: { label: 'Terminating', description: 'Some endpoints are terminating.' },
  truncated: {
    label: 'Truncated',
    description: 'The legacy Endpoints object was truncated at 1000 addresses.',
  },
  unready: {
    label: 'Unready',
    description: 'Some endpoints that are not terminating are not ready (failing readiness).',
  },
};

export const FLAGS: readonly ServiceFlag[] = serviceFlagSchema.options;
