/**
 * Lists that their builder knows to be an earlier list with some elements added and some
 * removed — the Endpoints controller's kept addresses after a sync moved a few Pods' — noted so
 * that a reader who went through the earlier list (the sizing of written objects) can follow
 * only the changes instead of the whole list. A note speaks of identity: neither list nor any
 * element is changed once noted.
 *
 * A version's note refers to the last earlier version a reader went through, so a chain keeps at
 * most one list alive besides its newest; a note that would hold more changes than its list
 * holds elements starts a new chain instead, as reading the list costs no more.
 */
export interface ListEdit<T> {
  /** The earlier list, one a reader went through; undefined when there is none. */
  readonly previous: readonly T[] | undefined;
  /** As multisets: the list holds `previous` plus `added` minus `removed`. */
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

const CHAIN_START: ListEdit<never> = { previous: undefined, added: [], removed: [] };

/**
 * Lists shorter than this are sized element by element (a list memo would cost more), so they
 * are not noted either: a note costs their writer more than going through them costs a reader.
 */
export const LIST_MEMO_MIN_LENGTH = 8;

/** Every noted version no reader went through yet, with how it was made. */
const edits = new WeakMap<readonly unknown[], ListEdit<unknown>>();

/** How `list` was made, when it is a noted version no reader went through yet. */
export function listEditOf<T>(list: readonly T[]): ListEdit<T> | undefined {
  return edits.get(list) as ListEdit<T> | undefined;
}

/** A reader went through `list`, a noted version: later ones are noted as edits of it. */
export function noteListRead(list: readonly unknown[]): void {
  edits.delete(list);
}

/**
 * The elements added to and removed from a list since its last version was handed out, to note
 * each version as an edit of the one before (or of the last one read, when that one was not).
 */
export class ListChanges<T> {
  private added: T[] = [];
  private removed: T[] = [];
  private lastVersion: readonly T[] | undefined;

  // Before the first version there is nothing for the changes to be an edit of.
  add(element: T): void {
    if (this.lastVersion !== undefined) this.added.push(element);
  }

  remove(element: T): void {
    if (this.lastVersion !== undefined) this.removed.push(element);
  }

  /** Records `version`, an array never changed after, as the list now. */
  noteVersion(version: readonly T[]): void {
    const previous = this.lastVersion;
    const { added, removed } = this;
    this.lastVersion = version;
    this.added = [];
    this.removed = [];
    if (version.length < LIST_MEMO_MIN_LENGTH) {
      // Read whole, like any list without a note.
      if (previous !== undefined) edits.delete(previous);
      return;
    }
    let edit: ListEdit<T> = CHAIN_START;
    if (previous !== undefined) {
      const unread = listEditOf(previous);
      edits.delete(previous);
      if (unread === undefined) {
        // A list read before has its sums with the reader, unless it was too short to keep them.
        if (previous.length >= LIST_MEMO_MIN_LENGTH) edit = { previous, added, removed };
      } else if (unread.previous !== undefined) {
        edit = {
          previous: unread.previous,
          added: unread.added.concat(added),
          removed: unread.removed.concat(removed),
        };
      }
    }
    if (edit.added.length + edit.removed.length > version.length) edit = CHAIN_START;
    edits.set(version, edit);
  }
}
