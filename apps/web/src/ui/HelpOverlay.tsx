import { useEffect, useRef } from 'react';
import { SHORTCUTS, useShortcut } from './shortcuts.ts';

/**
 * The `?` overlay: every keyboard shortcut, in a modal dialog that keeps focus until closed. The
 * page's shortcuts rest while it is open; Esc (the dialog's own) and `?` (a key of the dialog's,
 * by the same `useKeys` rules as the page's) close it.
 */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
  }, []);
  useShortcut('?', onClose, true, 'dialog');
  return (
    <dialog
      ref={dialog}
      className="help"
      aria-labelledby="help-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <caption className="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.description}>
              <td>
                <kbd>{shortcut.key}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
