import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { servicesCsv, SERVICES_CSV_HEADER } from '../../src/overview/servicesCsv.ts';
import { renderWithProviders, serviceSummary, streamState, stubApi } from '../support/render.tsx';
import { OverviewAtUrl, overviewBody } from './fixtures.tsx';

const services = [
  serviceSummary('shop', 'cart', {
    endpoints: 24,
    ready: 20,
    terminating: 4,
    slices: 2,
    idealSlices: 1,
    flags: ['fragmented', 'terminating'],
  }),
  serviceSummary('shop', 'frontend', { endpoints: 120, ready: 120, slices: 2, idealSlices: 2 }),
  serviceSummary('media', '=thumbnailer', { endpoints: 7, ready: 7, slices: 1, idealSlices: 1 }),
];

describe('servicesCsv', () => {
  it('writes one line per row in order, with fill and flags', () => {
    const lines = servicesCsv(services.slice(0, 1)).trimEnd().split('\r\n');
    expect(lines[0]).toBe(SERVICES_CSV_HEADER.join(','));
    expect(lines[1]).toBe('shop,cart,ClusterIP,24,20,0,4,2,1,0.5,0,0,fragmented terminating');
  });
});

const { createObjectURL, revokeObjectURL } = URL;

describe('Export CSV', () => {
  let blobs: Blob[];
  let names: string[];
  beforeEach(() => {
    blobs = [];
    names = [];
    // jsdom has no object URLs: capture the blob handed to the download instead.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it('saves the filtered, sorted table', async () => {
    window.history.replaceState(null, '', '/?namespace=shop&sort=name&order=asc');
    stubApi({ '/overview': overviewBody() });
    renderWithProviders(<OverviewAtUrl />, streamState({ services }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(blobs).toHaveLength(1);
    expect(names).toEqual(['services-shop.csv']);
    const lines = (await blobs[0]!.text()).trimEnd().split('\r\n');
    expect(lines.map((line) => line.split(',').slice(0, 2).join('/'))).toEqual([
      'namespace/name',
      'shop/cart',
      'shop/frontend',
    ]);
  });

  it('quotes names a spreadsheet would run as a formula', async () => {
    stubApi({ '/overview': overviewBody() });
    renderWithProviders(<OverviewAtUrl />, streamState({ services }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await blobs[0]!.text()).toContain("media,'=thumbnailer,");
  });
});

describe('the virtualised table', () => {
  it('renders a window of 10,000 Services, keeps the row count, and follows the keyboard down', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      serviceSummary(`ns-${index % 7}`, `svc-${index}`, { endpoints: index }),
    );
    stubApi({ '/overview': overviewBody() });
    renderWithProviders(<OverviewAtUrl />, streamState({ services: many }));
    const table = screen.getByRole('table', { name: 'Services' });
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    const rows = within(table).getAllByTestId('service-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]!.textContent).toContain('ns-3/svc-9999');
    expect(table.querySelector('thead th')?.getAttribute('scope')).toBe('col');
    // A spacer row below stands for the rows not rendered.
    const spacer = table.querySelector<HTMLElement>('tbody tr.spacer:last-child');
    expect(Number.parseInt(spacer?.style.height ?? '0', 10)).toBeGreaterThan(300_000);

    const last = rows.at(-1)!;
    const index = Number(last.getAttribute('data-index'));
    within(last).getByRole('link').focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() =>
      expect(document.activeElement?.closest('tr')?.getAttribute('data-index')).toBe(
        String(index + 1),
      ),
    );
  });

  it('starts a new order at its top', async () => {
    const many = Array.from({ length: 2_000 }, (_, index) =>
      serviceSummary('ns', `svc-${index}`, { endpoints: index }),
    );
    stubApi({ '/overview': overviewBody() });
    renderWithProviders(<OverviewAtUrl />, streamState({ services: many }));
    const scroller = screen.getByRole('table', { name: 'Services' }).parentElement!;
    scroller.scrollTop = 40_000;
    await userEvent.click(screen.getByRole('button', { name: /^Service/ }));
    await waitFor(() => expect(scroller.scrollTop).toBe(0));
  });

  it('counts the rows a filter keeps against all, also when it keeps every one', async () => {
    window.history.replaceState(null, '', '/?namespace=shop');
    stubApi({ '/overview': overviewBody() });
    const shop = services.filter((service) => service.namespace === 'shop');
    renderWithProviders(<OverviewAtUrl />, streamState({ services: shop }));
    const toolbar = screen.getByRole('search', { name: 'Filter Services' });
    await waitFor(() =>
      expect(within(toolbar).getByRole('status').textContent).toBe('2 of 2 Services'),
    );
    window.history.replaceState(null, '', '/');
  });
});
