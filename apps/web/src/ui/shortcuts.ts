import { useEffect, useMemo } from 'react';

/** The keyboard shortcuts the help overlay lists; views register theirs with `useShortcut`. */
export interface Shortcut {
  key: string;
  description: string;
}

export const GLOBAL_SHORTCUTS: readonly Shortcut[] = [
  { key: '?', description: 'Show or hide this help' },
  { key: 'g o', description: 'Go to the cluster overview' },
  { key: 'g s', description: 'Go to the what-if simulator' },
  { key: '/', description: 'Search Services' },
  { key: 'Esc', description: 'Close a panel or clear a selection' },
  { key: '1–4', description: 'Service view: Topology, Slices, Routing, History' },
  { key: '[ ]', description: 'History: one controller sync earlier / later' },
  { key: '+ − 0', description: 'Topology: zoom in, out, reset' },
  { key: 'Arrows', description: 'Topology: pan; tables: move between rows' },
];

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Calls the handler of a key pressed outside text fields (keys as KeyboardEvent.key). The listener
 * goes when the component unmounts; pass a memoised map so it is not re-added every render.
 */
export function useKeys(
  handlers: Readonly<Record<string, (event: KeyboardEvent) => void>>,
  enabled = true,
): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const handler = handlers[event.key];
      if (handler) handler(event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [handlers, enabled]);
}

/** `useKeys` for one key. */
export function useShortcut(
  key: string,
  handler: (event: KeyboardEvent) => void,
  enabled = true,
): void {
  useKeys(
    useMemo(() => ({ [key]: handler }), [key, handler]),
    enabled,
  );
}
