import { useEffect, useMemo } from 'react';

/** A keyboard shortcut as the help overlay lists it: where it works leads the description. */
export interface Shortcut {
  key: string;
  description: string;
}

/** Every key the dashboard answers, as its handlers do (`useKeys` and the views' onKeyDown). */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: '?', description: 'Show or hide this help' },
  { key: 'g o', description: 'Go to the cluster overview' },
  { key: 'g s', description: 'Go to the what-if simulator' },
  { key: 'Esc', description: 'Close a panel or clear a selection' },
  { key: '/', description: 'Overview: search Services' },
  { key: '↑ ↓', description: 'Overview Services table, Slices list: move between rows' },
  { key: 'Arrows', description: 'Node map: move between nodes' },
  { key: 'Home End', description: 'Node map: first / last node' },
  { key: 'Enter Space', description: "Node map: show the node's details" },
  { key: '1–4', description: 'Service view: Topology, Slices, Routing, History' },
  { key: '← →', description: 'Service view tabs: previous / next view' },
  { key: '[ ]', description: 'History: one controller sync earlier / later' },
  { key: '+ − 0', description: 'Topology: zoom in, out, reset' },
  { key: 'Arrows', description: 'Topology plot: pan' },
  { key: 'n p', description: 'Topology plot: next / previous endpoint' },
  { key: 'Enter Space', description: "Topology plot: select or clear the endpoint's slice" },
];

/**
 * Inputs that take no characters: a slider uses arrows, Home, End and Page keys, a box or a
 * button Space and Enter, so the page's letter, digit and bracket keys still work in them.
 */
const KEYLESS_INPUTS: ReadonlySet<string> = new Set([
  'range',
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'image',
  'color',
  'file',
]);

/** Whether a key goes into a field: text, a text area, or a select (which jumps to typed options). */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !KEYLESS_INPUTS.has(target.type)));

/**
 * Whether a modal dialog is open (or the key comes from inside a dialog): then only the dialog
 * answers keys, and the page behind it does not.
 */
const inDialog = (target: EventTarget | null): boolean =>
  (target instanceof Element && target.closest('dialog') !== null) ||
  document.querySelector('dialog:modal') !== null;

/**
 * Where keys are answered: on the page (not while a modal dialog is open), or in the open dialog
 * (the help overlay's own keys).
 */
export type KeyScope = 'page' | 'dialog';

type KeyHandlers = Readonly<Record<string, (event: KeyboardEvent) => void>>;

/** The handlers of every mounted `useKeys`, in the order they came, as listeners are called. */
const bindings = new Set<{ handlers: KeyHandlers; scope: KeyScope }>();

/** The one window listener: a key pressed outside text fields goes to the bindings of its scope. */
function onKeyDown(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  const scope: KeyScope = inDialog(event.target) ? 'dialog' : 'page';
  // As for listeners: one added by a handler answers from the next key on, one removed no more.
  for (const binding of [...bindings]) {
    if (binding.scope === scope && bindings.has(binding)) binding.handlers[event.key]?.(event);
  }
}

/**
 * Calls the handler of a key pressed outside text fields, on the page or in a dialog as `scope`
 * says (keys as KeyboardEvent.key). The handlers go when the component unmounts; pass a
 * memoised map so they are not re-added every render. All keys go through one window listener.
 */
export function useKeys(handlers: KeyHandlers, enabled = true, scope: KeyScope = 'page'): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const binding = { handlers, scope };
    if (bindings.size === 0) window.addEventListener('keydown', onKeyDown);
    bindings.add(binding);
    return () => {
      bindings.delete(binding);
      if (bindings.size === 0) window.removeEventListener('keydown', onKeyDown);
    };
  }, [handlers, enabled, scope]);
}

/** `useKeys` for one key. */
export function useShortcut(
  key: string,
  handler: (event: KeyboardEvent) => void,
  enabled = true,
  scope: KeyScope = 'page',
): void {
  useKeys(
    useMemo(() => ({ [key]: handler }), [key, handler]),
    enabled,
    scope,
  );
}
