import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { History, ServiceSummary } from '@slicescope/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { useServiceHistory } from '../../src/api/queries.ts';
import { StreamProvider } from '../../src/stream/StreamProvider.tsx';
import { download } from '../../src/export/download.ts';
import { HistoryView } from '../../src/service/history/HistoryView.tsx';
import { renderWithProviders, serviceSummary, sliceOf, stubApi } from '../support/render.tsx';
import { BASE, change, endpoints, entry, history, NAME, NS, text } from './builders.ts';
import { parseCsv } from './csvReader.ts';

vi.mock('../../src/export/download.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  download: vi.fn(),
}));

afterEach(() => {
  vi.mocked(download).mockClear();
  vi.useRealTimers();
});

const body = history(
  [
    entry(4, [change('web-a', 'created', { added: ['10.0.1.1', '10.0.1.2'] })], {
      triggerTime: '2026-01-02T03:04:00Z',
    }),
    entry(7, [
      change('web-a', 'updated', {
        added: ['10.0.1.3'],
        removed: ['10.0.1.1'],
        conditions: ['10.0.1.2'],
      }),
      change('web-b', 'created', { added: ['10.0.2.1'] }),
    ]),
    entry(9, [change('web-b', 'deleted', { removed: ['10.0.2.1'] })]),
  ],
  [sliceOf(NS, NAME, 'web-a', endpoints(1, 2))],
  3,
);

/** The view as the page mounts it: the history query of the real hook, the route's `at`. */
function Harness(props: { service: ServiceSummary; at?: number; onSelect: (at?: number) => void }) {
  const query = useServiceHistory(NS, NAME);
  return <HistoryView {...props} history={query} />;
}

function showHistory(at?: number, answer: History | (() => History) = body) {
  const requested = stubApi({ [`${BASE}/history`]: answer });
  const onSelect = vi.fn();
  const service = serviceSummary(NS, NAME, { churn: 5 });
  const rendered = renderWithProviders(<Harness service={service} at={at} onSelect={onSelect} />);
  const rerender = (next: { at?: number; churn?: number }) =>
    rendered.rerender(
      <QueryClientProvider client={rendered.queryClient}>
        <StreamProvider store={rendered.stream}>
          <Harness
            service={{ ...service, churn: next.churn ?? service.churn }}
            at={next.at}
            onSelect={onSelect}
          />
        </StreamProvider>
      </QueryClientProvider>,
    );
  return { onSelect, requested, rerender };
}

const entryOf = (seq: number) =>
  screen.getAllByTestId('history-entry').find((item) => item.dataset.seq === String(seq))!;

describe('the History view', () => {
  it('lists the kept syncs newest first with what each wrote', async () => {
    showHistory();
    const list = await screen.findByRole('list', { name: 'Controller syncs' });
    const entries = within(list).getAllByTestId('history-entry');
    expect(entries.map((item) => item.dataset.seq)).toEqual(['9', '7', '4']);
    expect(text(entryOf(7))).toContain('2 slices written: 1 created, 1 updated');
    expect(text(entryOf(7))).toContain(
      'updated web-a — endpoints: 1 added, 1 removed, 1 conditions changed',
    );
    expect(text(entryOf(7))).toContain('created web-b — endpoints: 1 added');
    expect(text(entryOf(4))).toContain('triggered 2026-01-02');
    expect(text(entryOf(9))).toContain('no trigger time');
    expect(text(screen.getByTestId('history-dropped'))).toContain('Dropped 3 older syncs');
  });

  it('expands a write’s address lists', async () => {
    const user = userEvent.setup();
    showHistory();
    const item = within(
      await screen.findByRole('list', { name: 'Slice writes of sync #7' }),
    ).getAllByRole('listitem')[0]!;
    expect(text(item)).not.toContain('10.0.1.3');
    const toggle = within(item).getByRole('button', { name: 'Addresses' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(text(item)).toContain('Added10.0.1.3');
    expect(text(item)).toContain('Removed10.0.1.1');
    expect(text(item)).toContain('Conditions changed10.0.1.2');
  });

  it('moves through the syncs with the scrubber, ending at now', async () => {
    const { onSelect } = showHistory();
    const scrubber = (await screen.findByLabelText('History position')) as HTMLInputElement;
    expect(scrubber.type).toBe('range');
    expect(scrubber.max).toBe('3');
    expect(scrubber.value).toBe('3');
    expect(scrubber.getAttribute('aria-valuetext')).toBe('Now: the present slices');
    fireEvent.change(scrubber, { target: { value: '1' } });
    expect(onSelect).toHaveBeenLastCalledWith(7);
    fireEvent.change(scrubber, { target: { value: '0' } });
    expect(onSelect).toHaveBeenLastCalledWith(4);
  });

  it('marks the selected sync and steps with [ and ]', async () => {
    const user = userEvent.setup();
    const { onSelect, rerender } = showHistory(7);
    const scrubber = (await screen.findByLabelText('History position')) as HTMLInputElement;
    expect(scrubber.value).toBe('1');
    expect(scrubber.getAttribute('aria-valuetext')).toContain('Sync #7 (2 of 3 kept)');
    expect(entryOf(7).getAttribute('aria-current')).toBe('true');
    expect(text(entryOf(7))).toContain('shown');
    expect(entryOf(9).getAttribute('aria-current')).toBeNull();
    // One press of [ each time: user-event reads '[[' as the key, '[' alone opens a key name.
    await user.keyboard('[[');
    expect(onSelect).toHaveBeenLastCalledWith(4);
    // After sync #9, the newest, the slices are as now: one step later from #7 is now.
    await user.keyboard(']');
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
    rerender({ at: 9 });
    await user.keyboard(']');
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
    await user.keyboard('[[');
    expect(onSelect).toHaveBeenLastCalledWith(7);
    rerender({ at: undefined });
    onSelect.mockClear();
    await user.keyboard('[[');
    expect(onSelect.mock.calls).toEqual([[7]]);
  });

  it('steps with the Earlier and Later buttons as with [ and ]', async () => {
    const user = userEvent.setup();
    const { onSelect, rerender } = showHistory();
    const earlier = await screen.findByTitle('One sync earlier ([)');
    const later = screen.getByTitle('One sync later (])');
    expect((later as HTMLButtonElement).disabled).toBe(true);
    await user.click(earlier);
    expect(onSelect).toHaveBeenLastCalledWith(7);
    rerender({ at: 7 });
    await user.click(later);
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
    rerender({ at: 4 });
    expect((earlier as HTMLButtonElement).disabled).toBe(true);
  });

  it('has no earlier state to show from now when one sync is kept', async () => {
    showHistory(undefined, history([entry(4, [change('web-a', 'created')])], []));
    const earlier = await screen.findByTitle('One sync earlier ([)');
    expect((earlier as HTMLButtonElement).disabled).toBe(true);
  });

  it('selects a sync from the list and goes back to now from it', async () => {
    const user = userEvent.setup();
    const { onSelect } = showHistory(7);
    await screen.findByRole('list', { name: 'Controller syncs' });
    await user.click(within(entryOf(4)).getByRole('button', { name: 'Sync #4' }));
    expect(onSelect).toHaveBeenLastCalledWith(4);
    await user.click(within(entryOf(7)).getByRole('button', { name: 'Sync #7' }));
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it('says so when nothing was written yet', async () => {
    showHistory(undefined, history([], []));
    expect(
      text(await screen.findByText(/No slice writes since slicescope started watching/)),
    ).toContain('this Service');
    expect(screen.queryByLabelText('History position')).toBeNull();
  });

  it('exports the diff list as CSV', async () => {
    const user = userEvent.setup();
    showHistory();
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    const [blob, name] = vi.mocked(download).mock.calls[0]!;
    expect(name).toBe('shop-web-history.csv');
    const rows = parseCsv(await blob.text());
    expect(rows.slice(1).map((row) => row.slice(0, 7))).toEqual([
      ['4', '2026-01-02T03:04:04.000Z', '2026-01-02T03:04:00Z', 'web-a', 'created', '2', '0'],
      ['7', '2026-01-02T03:04:07.000Z', '', 'web-a', 'updated', '1', '1'],
      ['7', '2026-01-02T03:04:07.000Z', '', 'web-b', 'created', '1', '0'],
      ['9', '2026-01-02T03:04:09.000Z', '', 'web-b', 'deleted', '0', '1'],
    ]);
  });

  it('says why the history could not be read, and reads it again on request', async () => {
    const user = userEvent.setup();
    stubApi({});
    renderWithProviders(<Harness service={serviceSummary(NS, NAME)} onSelect={vi.fn()} />);
    expect(text(screen.getByRole('status'))).toBe('Loading the slice history…');
    expect(text(await screen.findByRole('alert'))).toContain(
      `Could not load the slice history: no ${BASE}/history`,
    );
    expect(screen.queryByRole('list', { name: 'Controller syncs' })).toBeNull();
    stubApi({ [`${BASE}/history`]: body });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('list', { name: 'Controller syncs' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the syncs shown when a refetch fails, with the failure above them', async () => {
    const user = userEvent.setup();
    const { rerender } = showHistory();
    const list = await screen.findByRole('list', { name: 'Controller syncs' });
    stubApi({});
    rerender({ churn: 6 });
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain(`Could not load the slice history: no ${BASE}/history`);
    expect(screen.getByRole('list', { name: 'Controller syncs' })).toBe(list);
    expect(within(list).getAllByTestId('history-entry')).toHaveLength(3);
    expect(alert.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    stubApi({ [`${BASE}/history`]: body });
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByRole('list', { name: 'Controller syncs' })).toBe(list);
  });

  it('refetches the history when the Service churns, at most once a second', async () => {
    const { requested, rerender } = showHistory();
    await screen.findByRole('list', { name: 'Controller syncs' });
    const fetches = () => requested.filter((path) => path === `${BASE}/history`).length;
    expect(fetches()).toBe(1);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    rerender({ churn: 6 });
    await waitFor(() => expect(fetches()).toBe(2));
    rerender({ churn: 7 });
    rerender({ churn: 8 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(300);
    });
    expect(fetches()).toBe(2);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    await waitFor(() => expect(fetches()).toBe(3));
  });
});
