import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sliceOf } from '../support/render.tsx';
import { analysis, endpoints, NAME, NS, text } from './builders.ts';
import { fragmentation, show } from './slicesHarness.tsx';

describe('the Slices view’s analyses of the Service now', () => {
  it('shows the truncated Endpoints object and the over-capacity annotation', async () => {
    const base = analysis({ fragmentation });
    show({
      analysis: {
        ...base,
        endpoints: {
          ...base.endpoints,
          addresses: 1000,
          ready: 1000,
          truncated: true,
          overCapacity: true,
          overCapacityAnnotation: 'truncated',
          sliceAddresses: 2000,
          explainedByTruncation: 1000,
          summary: 'Endpoints holds 1000 addresses of the 2000 in the slices: truncated at 1000.',
        },
      },
    });
    const truncated = await screen.findByTestId('endpoints-truncated');
    expect(text(truncated)).toContain(
      'Truncated at 1000 addresses: annotated endpoints.kubernetes.io/over-capacity: truncated',
    );
    expect(text(screen.getByTestId('endpoints'))).toContain(
      '1000 slice addresses are left out by the truncation',
    );
  });

  it('says the controller is in sync in words that agree with the count', async () => {
    const base = analysis({ fragmentation });
    const { unmount } = show({
      analysis: { ...base, drift: { ...base.drift, controllerSlices: 1 } },
    });
    expect(text(await screen.findByTestId('drift'))).toContain(
      'In sync: the EndpointSlice controller would make no call for its 1 slice.',
    );
    unmount();
    show({ analysis: base });
    expect(text(await screen.findByTestId('drift'))).toContain(
      'would make no call for its 2 slices.',
    );
  });

  it('lists the calls the controller would make and the endpoints it would change', async () => {
    const base = analysis({ fragmentation });
    const missing = Array.from({ length: 50 }, (_, i) => `10.9.0.${i}`);
    show({
      analysis: {
        ...base,
        drift: {
          ...base.drift,
          inSync: false,
          creates: 1,
          deletes: 1,
          actions: [
            { verb: 'create', generateName: 'web-', addressType: 'IPv4', endpoints: 60 },
            { verb: 'delete', name: 'web-old' },
          ],
          endpointsMissing: missing,
          endpointsMissingCount: 60,
        },
      },
    });
    const drift = await screen.findByTestId('drift');
    expect(text(drift)).toContain(
      'Out of sync: the controller would make 2 calls — 1 create, 0 updates, 1 delete.',
    );
    expect(text(drift)).toContain('create a IPv4 slice web-… with 60 endpoints');
    expect(text(drift)).toContain('delete web-old');
    expect(text(drift)).toContain('Endpoints missing (it would add): 60');
    await userEvent.setup().click(within(drift).getByRole('button', { name: 'Show all 50' }));
    expect(within(drift).getAllByRole('listitem').length).toBeGreaterThanOrEqual(50);
    expect(text(drift)).toContain('and 10 more not listed by the api');
  });

  it('shows stuck terminating endpoints with their ages', async () => {
    const base = analysis({ fragmentation });
    show({
      analysis: {
        ...base,
        terminating: {
          ...base.terminating,
          count: 1,
          stuckCount: 1,
          servingCount: 0,
          endpoints: [
            {
              address: '10.0.2.51',
              slice: 'web-b',
              pod: 'web-7',
              ready: false,
              serving: false,
              terminatingForMs: 420_000,
              overdueMs: 390_000,
              stuck: true,
            },
          ],
        },
      },
    });
    const panel = await screen.findByTestId('terminating');
    expect(text(panel)).toContain('1 endpoint terminating, 0 of them still serving; 1 stuck');
    const table = within(panel).getByRole('table', { name: 'Terminating endpoints' });
    expect(text(table)).toContain('7 min');
    expect(text(table)).toContain('6 min 30 s');
    expect(text(table)).toContain('Stuck');
  });

  it('says what the ages are measured to, or why they are unknown, as the api words it', async () => {
    const base = analysis({ fragmentation });
    const agesNote = 'Ages are unknown: the dump holds no Pods.';
    show({
      analysis: {
        ...base,
        terminating: {
          ...base.terminating,
          agesKnown: false,
          agesNote,
          count: 1,
          endpoints: [
            { address: '10.0.2.51', slice: 'web-b', ready: false, serving: true, stuck: false },
          ],
        },
      },
    });
    const panel = await screen.findByTestId('terminating');
    expect(text(panel)).toContain(agesNote);
    expect(text(panel)).not.toContain('--no-pods');
  });

  it('in past mode says which parts describe now and counts the shown slices itself', async () => {
    const past = [sliceOf(NS, NAME, 'web-a', endpoints(1, 250))];
    show({ analysis: analysis({ fragmentation }), past: true, shown: past });
    expect(text(screen.getByRole('note'))).toBe(
      'The slices, their counts and the ideal packing beside them are as they were after the ' +
        'chosen sync; the line marked “Now”, the drift, the Endpoints object and the terminating ' +
        'endpoints describe the Service now.',
    );
    expect(text(await screen.findByTestId('fragmentation-summary'))).toMatch(/^Now: /);
    expect(text(screen.getByTestId('slice-group-summary'))).toContain(
      '250 endpoints in 1 controller slice; ideal 3 slices of at most 100',
    );
    expect(screen.getByTestId('ideal-packing').getAttribute('data-slices')).toBe('3');
  });
});
