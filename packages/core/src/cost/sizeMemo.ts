import type { MessageSpec } from './schema.ts';

/**
 * What {@link storedWireSizes} (sizes.ts) remembers of list elements that are messages — an
 * address, an endpoint, a port — by object identity, for objects never changed in place once
 * written (the engine replaces its objects, it does not edit them). An element's sizes do not
 * depend on where it sits: its JSON text is the same anywhere (the list counts the commas), and so
 * is its protobuf message (the list adds the tag and length). Everything is held weakly, by the
 * elements themselves.
 */

/** Both sizes of one element: its JSON text, and its protobuf bytes after the tag. */
export interface ElementSizes {
  readonly json: number;
  /** varint(length) + the message's length. */
  readonly protobuf: number;
}

/** A list as last sized, kept to size its next version without looking up every element. */
export interface SizedList {
  /** A copy of the list: its owner may reuse the array, but never an element. */
  readonly items: readonly unknown[];
  /** Per element i: its JSON bytes at 2i, its protobuf bytes after the tag at 2i + 1. */
  readonly sizes: Float64Array;
}

/** How far ahead in the previous list an element is looked for, past elements removed since. */
const REMOVED_RUN = 8;

/**
 * The memory of one message type (an object could be read as two, such as a port as core/v1 and
 * as discovery/v1): each element's sizes, the last sized list under its first two elements, so
 * that the next version is found when an element was added or removed at the front too, and the
 * sums of noted versions, for the versions noted as edits of them (util/listEdits.ts).
 */
export interface TypeMemo {
  readonly elements: WeakMap<object, ElementSizes>;
  readonly lists: WeakMap<object, SizedList>;
  /**
   * Per long list sized that was a noted version (util/listEdits.ts), the sums of its elements'
   * sizes (tags not included), for the versions noted as edits of it.
   */
  readonly totals: WeakMap<readonly unknown[], ElementSizes>;
}

const memos = new Map<MessageSpec, TypeMemo>();

export function typeMemo(spec: MessageSpec): TypeMemo {
  let memo = memos.get(spec);
  if (memo === undefined) {
    memo = { elements: new WeakMap(), lists: new WeakMap(), totals: new WeakMap() };
    memos.set(spec, memo);
  }
  return memo;
}

function isObject(item: unknown): item is object {
  return typeof item === 'object' && item !== null;
}

/** The last sized list that began with the first or second element of `items`. */
export function previousList(memo: TypeMemo, items: readonly unknown[]): SizedList | undefined {
  const first = items[0];
  const second = items[1];
  return (
    (isObject(first) ? memo.lists.get(first) : undefined) ??
    (isObject(second) ? memo.lists.get(second) : undefined)
  );
}

export function rememberList(memo: TypeMemo, list: SizedList): void {
  const first = list.items[0];
  const second = list.items[1];
  if (isObject(first)) memo.lists.set(first, list);
  if (isObject(second)) memo.lists.set(second, list);
}

/**
 * Where `item` is in `previous` at `from` or a little after (the elements between removed), or
 * -1. Only the same object is a match, so a wrong guess costs time, never a wrong size.
 */
export function findInPrevious(previous: readonly unknown[], from: number, item: unknown): number {
  const end = Math.min(previous.length, from + REMOVED_RUN);
  for (let k = from; k < end; k++) if (previous[k] === item) return k;
  return -1;
}
