import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { queryKeys } from '../../src/api/queries.ts';
import { download } from '../../src/export/download.ts';
import { SlicesView } from '../../src/service/slices/SlicesView.tsx';
import { renderWithProviders, serviceSummary, stubApi } from '../support/render.tsx';
import { analysis, BASE, detailOf, NAME, NS, text } from './builders.ts';
import { parseCsv } from './csvReader.ts';
import { fragmentation, MIRRORING, row, show, slices } from './slicesHarness.tsx';

vi.mock('../../src/export/download.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  download: vi.fn(),
}));

afterEach(() => vi.mocked(download).mockClear());

describe('the Slices view', () => {
  it('draws one row per slice with its endpoint count, conditions and tags', async () => {
    show({ analysis: analysis({ fragmentation }) });
    await screen.findByTestId('fragmentation-summary');
    const rows = screen.getAllByTestId('slice-row');
    expect(rows.map((r) => [r.dataset.slice, r.dataset.endpoints])).toEqual([
      ['web-a', '100'],
      ['web-b', '5'],
      ['web-m', '2'],
    ]);
    expect(text(row('web-b'))).toContain(
      '5 endpoints (5% of 100) · 3 ready, 1 serving while terminating, 1 not ready',
    );
    expect(text(row('web-a'))).toContain('100 endpoints (100% of 100)');
    expect(text(row('web-m'))).toContain('mirrored');
    expect(text(row('web-m'))).toContain(`managed by ${MIRRORING}`);
    expect(text(row('web-a'))).not.toContain('mirrored');
    expect(text(row('web-a'))).toContain('triggered 2026-01-02');
    const summary = screen.getByTestId('slice-group-summary');
    expect(text(summary)).toContain(
      '105 endpoints in 2 controller slices; ideal 2 slices of at most 100 · 53% of their ' +
        'capacity used (105 of the 200 endpoints they can hold)',
    );
    // Not the overview's Fill (ideal slices over slices, 100% here): another measure, named apart.
    expect(text(summary)).not.toContain('full');
    expect(text(summary)).toContain('1 slice not packed by the controller');
    expect(screen.getByTestId('ideal-packing').getAttribute('data-slices')).toBe('2');
    expect(text(screen.getByTestId('fragmentation-summary'))).toContain(
      '2 slices for 105 endpoints',
    );
  });

  it('tags a controller-labelled slice the drift analysis calls foreign', async () => {
    const base = analysis({ fragmentation });
    show({
      analysis: { ...base, drift: { ...base.drift, otherSlices: [{ name: 'web-a' }] } },
    });
    await screen.findByTestId('fragmentation-summary');
    expect(text(row('web-a'))).toContain('orphaned / hand-made');
  });

  it('selects a row by click or Enter and deselects it again', async () => {
    const user = userEvent.setup();
    const { onSelectSlice } = show({ analysis: analysis({ fragmentation }) });
    await user.click(row('web-b'));
    expect(onSelectSlice).toHaveBeenLastCalledWith('web-b');
    row('web-a').focus();
    await user.keyboard('{Enter}');
    expect(onSelectSlice).toHaveBeenLastCalledWith('web-a');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('web-b'));
  });

  it('opens the selected slice: its raw object and endpoint table', async () => {
    const user = userEvent.setup();
    const { onSelectSlice } = show({
      analysis: analysis({ fragmentation }),
      selectedSlice: 'web-b',
    });
    expect(row('web-b').getAttribute('aria-pressed')).toBe('true');
    expect(row('web-a').getAttribute('aria-pressed')).toBe('false');
    const detail = screen.getByTestId('slice-detail');
    const raw = within(detail).getByTestId('slice-raw');
    expect(JSON.parse(raw.textContent ?? '')).toEqual(slices[1]);
    expect(raw.textContent).toContain('\n  "name": "web-b"');
    expect(text(detail)).toContain('no managedFields');
    const table = within(detail).getByRole('table', { name: 'Endpoints of web-b' });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(text(table)).toContain('10.0.2.51');
    expect(text(table)).toContain('Serving, terminating');
    await user.click(row('web-b'));
    expect(onSelectSlice).toHaveBeenLastCalledWith(undefined);
    onSelectSlice.mockClear();
    await user.keyboard('{Escape}');
    expect(onSelectSlice).toHaveBeenCalledWith(undefined);
  });

  it('brings the detail of a slice the user picks into view, once', async () => {
    // jsdom does not scroll: record who asks to be scrolled into view.
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    onTestFinished(() => {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    });
    stubApi({ [`${BASE}/analysis`]: analysis({ fragmentation }) });
    const summary = serviceSummary(NS, NAME, { endpoints: 107, slices: 3 });
    /** The page's part: the URL's `slice` follows the view's picks, the stream brings slices. */
    function Page() {
      const [selected, setSelected] = useState<string | undefined>('web-a');
      const [shown, setShown] = useState(slices);
      return (
        <>
          <button type="button" onClick={() => setShown([...shown])}>
            Stream update
          </button>
          <SlicesView
            service={summary}
            detail={detailOf(summary, slices)}
            slices={shown}
            past={false}
            selectedSlice={selected}
            onSelectSlice={setSelected}
          />
        </>
      );
    }
    renderWithProviders(<Page />);
    await screen.findByTestId('fragmentation-summary');
    // A slice named by the link the page was opened with stays where it is drawn.
    expect(screen.getByRole('heading', { name: 'Slice web-a' })).toBeTruthy();
    expect(scrollIntoView).not.toHaveBeenCalled();

    const user = userEvent.setup();
    await user.click(row('web-b'));
    const heading = screen.getByRole('heading', { name: 'Slice web-b' });
    expect(scrollIntoView).toHaveBeenCalledTimes(1);
    expect(scrollIntoView.mock.contexts[0]).toBe(heading);
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
    await user.click(screen.getByRole('button', { name: 'Stream update' }));
    expect(screen.getByRole('heading', { name: 'Slice web-b' })).toBe(heading);
    expect(scrollIntoView).toHaveBeenCalledTimes(1);
  });

  it('says when the selected slice does not exist at a past point', () => {
    show({ past: true, selectedSlice: 'web-z' });
    expect(text(screen.getByTestId('slice-detail'))).toContain(
      'Slice web-z did not exist at this point of the history.',
    );
  });

  it('exports the slice table as CSV', async () => {
    const user = userEvent.setup();
    show({ analysis: analysis({ fragmentation }) });
    await screen.findByTestId('fragmentation-summary');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(download).toHaveBeenCalledTimes(1);
    const [blob, name] = vi.mocked(download).mock.calls[0]!;
    expect(name).toBe('shop-web-slices.csv');
    const rows = parseCsv(await blob.text());
    expect(rows.map((r) => [r[2], r[5], r[4]])).toEqual([
      ['slice', 'endpoints', 'tag'],
      ['web-a', '100', ''],
      ['web-b', '5', ''],
      ['web-m', '2', 'mirrored'],
    ]);
  });

  it('draws the slices while the analysis loads, and says when it fails', async () => {
    show({ analysis: undefined });
    expect(text(screen.getByRole('status'))).toContain('Loading the slice analysis');
    expect(screen.getAllByTestId('slice-row')).toHaveLength(3);
    expect(text(await screen.findByRole('alert'))).toContain('Could not load the slice analysis');
  });

  it('keeps the slices and the analysis shown when its refetch fails, with the failure above', async () => {
    const { queryClient } = show({ analysis: analysis({ fragmentation }) });
    const summary = await screen.findByTestId('fragmentation-summary');
    stubApi({});
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.analysis(NS, NAME) }));
    const alert = await screen.findByRole('alert');
    expect(text(alert)).toContain(`Could not load the slice analysis: no ${BASE}/analysis`);
    expect(screen.getByTestId('fragmentation-summary')).toBe(summary);
    expect(screen.getAllByTestId('slice-row')).toHaveLength(3);
    expect(screen.getByTestId('drift')).toBeTruthy();
    expect(alert.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
