import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { SimulateServiceLink } from '../../src/simulate/SimulateServiceLink.tsx';
import { renderWithProviders, stubApi } from '../support/render.tsx';

describe('the way to the simulator', () => {
  it('is a header link that loads the Simulate page when it is first opened', async () => {
    stubApi({});
    window.history.replaceState(null, '', '/');
    renderWithProviders(<App />);
    const link = screen.getByRole('link', { name: 'Simulate' });
    expect(link.getAttribute('href')).toBe('/simulate');
    expect(screen.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
    fireEvent.click(link);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What-if simulator' }),
    ).toBeTruthy();
    expect(window.location.pathname).toBe('/simulate');
    expect(screen.getByRole('link', { name: 'Simulate' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('is a link from a Service page that imports the Service into the form', () => {
    stubApi({});
    renderWithProviders(<SimulateServiceLink namespace="shop" name="web" />);
    const link = screen.getByRole('link', { name: 'Import into the simulator' });
    expect(link.getAttribute('href')).toBe('/simulate?from=shop%2Fweb');
    fireEvent.click(link);
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      '/simulate?from=shop%2Fweb',
    );
  });
});
