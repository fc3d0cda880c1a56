import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo } from 'react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { useKeys, useShortcut } from '../../src/ui/shortcuts.ts';
import { nodeSummary, renderWithProviders, streamState, stubApi } from '../support/render.tsx';
import { overviewBody, search } from '../overview/fixtures.tsx';

/** `[` and `2` as page keys, beside a control of each kind. */
function Controls({ onKey }: { onKey: (key: string) => void }) {
  useKeys(useMemo(() => ({ '[': () => onKey('['), '2': () => onKey('2') }), [onKey]));
  return (
    <>
      <input type="range" aria-label="History position" />
      <input type="checkbox" aria-label="Only problems" />
      <button type="button">Export</button>
      <input type="search" aria-label="Search" />
      <select aria-label="Namespace">
        <option>2</option>
      </select>
    </>
  );
}

describe('page shortcuts', () => {
  it('act from a slider, a checkbox or a button, which take no characters', async () => {
    const onKey = vi.fn();
    render(<Controls onKey={onKey} />);
    for (const control of [
      screen.getByRole('slider', { name: 'History position' }),
      screen.getByRole('checkbox', { name: 'Only problems' }),
      screen.getByRole('button', { name: 'Export' }),
    ]) {
      control.focus();
      await userEvent.keyboard('[[2');
    }
    expect(onKey.mock.calls).toEqual([['['], ['2'], ['['], ['2'], ['['], ['2']]);
  });

  it('leave the keys to text fields and selects', async () => {
    const onKey = vi.fn();
    render(<Controls onKey={onKey} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), '[[2');
    screen.getByRole('combobox', { name: 'Namespace' }).focus();
    await userEvent.keyboard('2');
    expect(onKey).not.toHaveBeenCalled();
  });

  it('rest while the help dialog is open: Esc and g s reach only the dialog, ? closes it', async () => {
    stubApi({ '/overview': overviewBody(), '/nodes/a-1/services': { node: 'a-1', items: [] } });
    window.history.replaceState(null, '', '/?node=a-1');
    renderWithProviders(<App />, streamState({ nodes: [nodeSummary('a-1', 'zone-a')] }));
    expect(screen.getByRole('complementary', { name: /Node a-1/ })).toBeTruthy();
    fireEvent.keyDown(window, { key: '?' });
    const dialog = screen.getByRole('dialog', { hidden: true });
    // The dialog has the focus (its Close button), as a modal dialog keeps it.
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}gs');
    expect(search().get('node')).toBe('a-1');
    expect(window.location.pathname).toBe('/');
    await userEvent.keyboard('?');
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
    await userEvent.keyboard('{Escape}');
    expect(search().get('node')).toBeNull();
  });

  it('answer ? in the help dialog by the page’s rules: not with Ctrl, Alt or Meta held', () => {
    stubApi({ '/overview': overviewBody() });
    window.history.replaceState(null, '', '/');
    renderWithProviders(<App />);
    const help = () => screen.queryByRole('dialog', { hidden: true });
    fireEvent.keyDown(window, { key: '?', ctrlKey: true });
    expect(help()).toBeNull();
    fireEvent.keyDown(window, { key: '?' });
    expect(help()).toBeTruthy();
    for (const held of ['ctrlKey', 'altKey', 'metaKey']) {
      fireEvent.keyDown(document.activeElement ?? window, { key: '?', [held]: true });
      expect(help()).toBeTruthy();
    }
    fireEvent.keyDown(document.activeElement ?? window, { key: '?' });
    expect(help()).toBeNull();
  });

  it('go through one window listener, however many views have keys, each to its scope', () => {
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    onTestFinished(() => {
      added.mockRestore();
      removed.mockRestore();
    });
    /** Keydown listeners on the window now. */
    const keydown = () =>
      added.mock.calls.filter(([type]) => type === 'keydown').length -
      removed.mock.calls.filter(([type]) => type === 'keydown').length;
    const onKey = vi.fn();
    const onDialogKey = vi.fn();
    function Dialog() {
      useShortcut('?', onDialogKey, true, 'dialog');
      return <dialog open>help</dialog>;
    }
    const first = render(<Controls onKey={(key) => onKey(`first ${key}`)} />);
    const second = render(<Controls onKey={(key) => onKey(`second ${key}`)} />);
    const dialog = render(<Dialog />);
    expect(keydown()).toBe(1);
    fireEvent.keyDown(window, { key: '[' });
    fireEvent.keyDown(screen.getByText('help'), { key: '?' });
    expect(onKey.mock.calls).toEqual([['first ['], ['second [']]);
    expect(onDialogKey).toHaveBeenCalledTimes(1);
    first.unmount();
    fireEvent.keyDown(window, { key: '2' });
    expect(onKey.mock.calls.slice(2)).toEqual([['second 2']]);
    second.unmount();
    dialog.unmount();
    expect(keydown()).toBe(0);
  });
});
