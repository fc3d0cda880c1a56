import type { InformerStatusView } from '@slicescope/contract';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionBanner } from '../../src/ui/ConnectionBanner.tsx';
import { HelpOverlay } from '../../src/ui/HelpOverlay.tsx';
import { InformerStates } from '../../src/ui/InformerStates.tsx';
import { renderWithProviders, streamState } from '../support/render.tsx';

describe('the connection banner', () => {
  it('is silent while live, and says when the stream drops and when it has caught up', () => {
    const { stream, container } = renderWithProviders(<ConnectionBanner />);
    expect(container.textContent).toBe('');
    const since = new Date(2026, 0, 1, 15, 4, 5).getTime();
    act(() => stream.setConnection({ status: 'dropped', since }));
    // 24-hour local time, as every other time on the dashboard.
    expect(screen.getByRole('status').textContent).toMatch(
      /^Live updates lost at 15:04:05: reconnecting/,
    );
    expect(screen.getByRole('status').dataset.connection).toBe('dropped');
    act(() => stream.setConnection({ status: 'resynced' }));
    expect(screen.getByRole('status').textContent).toBe('Reconnected: caught up with the cluster.');
    act(() =>
      stream.setConnection({
        status: 'live',
        rejected: 1,
        lastProblem: 'A delta did not match the contract (x).',
      }),
    );
    expect(screen.getByRole('status').textContent).toBe('A delta did not match the contract (x).');
  });
});

/** A kind listed and watched since the epoch. */
const watching = (kind: InformerStatusView['kind']): InformerStatusView => ({
  kind,
  phase: 'watching',
  synced: true,
  since: 0,
  resourceVersion: '5',
  lists: 1,
  watches: 1,
  events: 3,
});

describe('the watched kinds', () => {
  it('names each kind with its phase, and why it is backing off', () => {
    const state = streamState({});
    state.informers = {
      Service: watching('Service'),
      Node: {
        kind: 'Node',
        phase: 'backoff',
        synced: false,
        since: 0,
        retryAt: Date.UTC(2026, 0, 1, 12),
        lastError: { reason: 'forbidden', code: 403, message: 'nodes is forbidden' },
        resourceVersion: '',
        lists: 1,
        watches: 0,
        events: 0,
      },
    };
    renderWithProviders(<InformerStates />, state);
    const items = screen.getByRole('list', { name: 'Watched kinds' }).querySelectorAll('li');
    expect([...items].map((item) => item.className)).toEqual([
      'informer informer-ok',
      'informer informer-bad',
    ]);
    expect(items[0]?.textContent).toContain('Service: watching');
    expect(items[1]?.textContent).toMatch(
      /Node: backing off \(forbidden: nodes is forbidden\), retry at/,
    );
  });

  it('greys every kind while the live stream is down, and says its state is not known', () => {
    const state = streamState({});
    state.informers = {
      Pod: watching('Pod'),
    };
    const { stream } = renderWithProviders(<InformerStates />, state);
    const item = () => screen.getByRole('list', { name: 'Watched kinds' }).querySelector('li');
    expect(item()?.className).toBe('informer informer-ok');
    act(() => stream.setConnection({ status: 'dropped', since: 0 }));
    expect(item()?.className).toBe('informer informer-stale');
    expect(item()?.textContent).toContain(
      'Pod: watching when the live stream was lost; not known now',
    );
    act(() => stream.setConnection({ status: 'resynced' }));
    expect(item()?.className).toBe('informer informer-ok');
  });

  it('shows nothing before the first snapshot', () => {
    const { container } = renderWithProviders(<InformerStates />);
    expect(container.textContent).toBe('');
  });
});

describe('the help overlay', () => {
  it('lists the shortcuts in a labelled dialog that closes', () => {
    let closed = 0;
    renderWithProviders(<HelpOverlay onClose={() => closed++} />);
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(dialog.getAttribute('aria-labelledby')).toBe('help-title');
    expect(screen.getByText('Show or hide this help', {})).toBeTruthy();
    fireEvent(dialog, new Event('close'));
    expect(closed).toBe(1);
  });

  it('lists each key where it works: / on the overview, the node map and topology plot keys', () => {
    renderWithProviders(<HelpOverlay onClose={() => {}} />);
    const rows = within(screen.getByRole('table', { hidden: true }))
      .getAllByRole('row', { hidden: true })
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['/', 'Overview: search Services'],
        ['Arrows', 'Node map: move between nodes'],
        ['Home End', 'Node map: first / last node'],
        ['Enter Space', "Node map: show the node's details"],
        ['n p', 'Topology plot: next / previous endpoint'],
        ['Enter Space', "Topology plot: select or clear the endpoint's slice"],
      ]),
    );
  });
});
