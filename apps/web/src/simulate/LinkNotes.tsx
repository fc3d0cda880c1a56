import { plural } from '@slicescope/core';
import type { LinkNote } from './simulationSpec.ts';

/** The longest value a note repeats whole. */
const SHOWN_CHARS = 40;

const shown = (value: string): string =>
  value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;

/**
 * The values of the page's link that it could not use, said once above the form: which key,
 * what was wrong with it, and what the page did instead.
 */
export function LinkNotes({
  notes,
  onDismiss,
}: {
  notes: readonly LinkNote[];
  onDismiss: () => void;
}) {
  if (notes.length === 0) return null;
  return (
    <div className="sim-link-notes" role="status" data-testid="link-notes">
      <p>This link has {plural(notes.length, 'value')} the page could not use:</p>
      <ul>
        {notes.map((note) => (
          <li key={note.key}>
            <code>
              {note.key}
              {note.value !== '' && `=${shown(note.value)}`}
            </code>{' '}
            {note.problem}: {note.instead}.
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
