import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { renderWithProviders, stubApi } from '../support/render.tsx';

/** Answers 401 in the api's error shape for every path. */
function stubUnauthorized(message: string, field: string): void {
  vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
    const path = new URL(String(input), document.baseURI).pathname;
    if (path.endsWith('/session') && init?.method === 'POST') {
      return new Response(null, { status: 204 });
    }
    return new Response(JSON.stringify({ error: { code: 'unauthorized', message, field } }), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });
  });
}

describe('the dashboard shell', () => {
  it('says there is no page at an unknown path, with a way back', async () => {
    stubApi({});
    window.history.replaceState(null, '', '/nodes/a/b');
    renderWithProviders(<App />);
    expect(screen.getByRole('heading', { name: 'Nothing here' })).toBeTruthy();
    expect(screen.getByText('/nodes/a/b')).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Go to the cluster overview' }).getAttribute('href'),
    ).toBe('/');
  });

  it('asks for the token when the api wants one, and sends it once', async () => {
    stubUnauthorized(
      'a valid token is required (Authorization: Bearer, or sign in)',
      'headers.authorization',
    );
    renderWithProviders(<App />);
    const field = await screen.findByLabelText('Token');
    fireEvent.change(field, { target: { value: 'secret-token-of-16' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect((field as HTMLInputElement).value).toBe(''));
  });

  it('sends people to the proxy when only an authenticating proxy signs requests in', async () => {
    stubUnauthorized('sign in through the authenticating proxy', 'headers.x-forwarded-user');
    renderWithProviders(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('sign in through the authenticating proxy');
    expect(screen.queryByLabelText('Token')).toBeNull();
  });

  it('goes to the simulator with g then s, and back to the overview with g then o', async () => {
    stubApi({});
    renderWithProviders(<App />);
    fireEvent.keyDown(window, { key: 's' });
    expect(window.location.pathname).toBe('/');
    fireEvent.keyDown(window, { key: 'g' });
    fireEvent.keyDown(window, { key: 's' });
    expect(window.location.pathname).toBe('/simulate');
    fireEvent.keyDown(window, { key: 'g' });
    fireEvent.keyDown(window, { key: 'o' });
    expect(window.location.pathname).toBe('/');
  });

  it('titles the document after the page shown, and follows navigation', async () => {
    stubApi({});
    window.history.replaceState(null, '', '/services/shop/cart?tab=slices');
    renderWithProviders(<App />);
    expect(document.title).toBe('shop/cart · Slices — slicescope');
    fireEvent.keyDown(window, { key: 'g' });
    fireEvent.keyDown(window, { key: 's' });
    expect(document.title).toBe('Simulate — slicescope');
    fireEvent.keyDown(window, { key: 'g' });
    fireEvent.keyDown(window, { key: 'o' });
    expect(document.title).toBe('Cluster overview — slicescope');
    act(() => {
      window.history.pushState(null, '', '/nodes/a/b');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(document.title).toBe('Not found — slicescope');
  });

  it('opens the keyboard help with ? and closes it with ? again', async () => {
    stubApi({});
    renderWithProviders(<App />);
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByRole('dialog', { hidden: true })).toBeTruthy();
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
  });
});
