import { decimalLength, measureString, measured } from './goText.ts';
import { wireTypeOf, type WireKind, type WireObject, type WireType } from './kubeSchema.ts';
import { parseRfc3339Seconds } from './rfc3339.ts';
import {
  findInPrevious,
  previousList,
  rememberList,
  typeMemo,
  type ElementSizes,
  type TypeMemo,
} from './sizeMemo.ts';
import {
  BOOL,
  BOOL_PTR,
  INT,
  INT_OR_STRING,
  INT_PTR,
  MESSAGE,
  MESSAGE_PTR,
  MESSAGES,
  QUANTITY_MAP,
  STRING,
  STRING_MAP,
  STRING_PTR,
  STRINGS,
  TIME,
  TIME_PTR,
  type FieldSpec,
  type MessageSpec,
} from './schema.ts';
import { varintSize } from './varint.ts';
import {
  LIST_MEMO_MIN_LENGTH,
  listEditOf,
  noteListRead,
  type ListEdit,
} from '../util/listEdits.ts';

/**
 * Both wire sizes of one object in a single walk over it, without writing either encoding:
 * strings are measured once for both, nested protobuf lengths come back up the recursion, and
 * JSON bytes are summed on the way. Field order does not change a size, so the walk follows the
 * schema and the input's key order does not matter.
 */

/** Bytes of one object as the API server writes it. */
export interface WireSizes {
  /** Go encoding/json text of the object with its TypeMeta (no trailing newline), in UTF-8. */
  json: number;
  /**
   * `application/vnd.kubernetes.protobuf`: the `k8s\x00` magic, then a runtime.Unknown holding
   * TypeMeta and the object's message.
   */
  protobuf: number;
  /** The object's own protobuf message, as carried in runtime.Unknown's `raw`. */
  protobufMessage: number;
}

/** The 4-byte magic number before every protobuf object (`k8s` and a zero byte). */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** JSON bytes counted by the walk in progress. */
let json = 0;

function timeMessageBytes(text: string): number {
  // Timestamp{seconds = 1, nanos = 2}: nanos is always written, and always 0.
  return 1 + varintSize(parseRfc3339Seconds(text)) + 2;
}

/**
 * Protobuf bytes of one message's fields; adds its JSON bytes to `json`. With `stored`, list
 * elements that are messages are sized once per object (see {@link storedWireSizes}).
 */
function walkMessage(spec: MessageSpec, object: unknown, stored: boolean): number {
  const record = (object ?? undefined) as Readonly<Record<string, unknown>> | undefined;
  const fields = spec.fields;
  let proto = 0;
  let written = 0;
  json += 2;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldSpec;
    const value = record === undefined ? undefined : record[f.name];
    switch (f.kind) {
      case STRING: {
        const n = value == null ? 0 : measureString(value as string);
        proto += f.tagBytes + varintSize(n) + n;
        if (n !== 0) {
          json += f.jsonKeyBytes + measured.json;
          written++;
        } else if (!f.omitEmpty) {
          json += f.jsonKeyBytes + 2;
          written++;
        }
        break;
      }
      case STRING_PTR:
        if (value != null) {
          const n = measureString(value as string);
          proto += f.tagBytes + varintSize(n) + n;
          json += f.jsonKeyBytes + measured.json;
          written++;
        }
        break;
      case BOOL:
        proto += f.tagBytes + 1;
        if (value === true) {
          json += f.jsonKeyBytes + 4;
          written++;
        } else if (!f.omitEmpty) {
          json += f.jsonKeyBytes + 5;
          written++;
        }
        break;
      case BOOL_PTR:
        if (value != null) {
          proto += f.tagBytes + 1;
          json += f.jsonKeyBytes + (value === true ? 4 : 5);
          written++;
        }
        break;
      case INT: {
        const n = value == null ? 0 : (value as number);
        proto += f.tagBytes + varintSize(n);
        if (n !== 0 || !f.omitEmpty) {
          json += f.jsonKeyBytes + decimalLength(n);
          written++;
        }
        break;
      }
      case INT_PTR:
        if (value != null) {
          proto += f.tagBytes + varintSize(value as number);
          json += f.jsonKeyBytes + decimalLength(value as number);
          written++;
        }
        break;
      case MESSAGE: {
        json += f.jsonKeyBytes;
        written++;
        const n = walkMessage(f.message as MessageSpec, value, stored);
        proto += f.tagBytes + varintSize(n) + n;
        break;
      }
      case MESSAGE_PTR:
        if (value != null) {
          json += f.jsonKeyBytes;
          written++;
          const n = walkMessage(f.message as MessageSpec, value, stored);
          proto += f.tagBytes + varintSize(n) + n;
        }
        break;
      case STRINGS: {
        const items = value as readonly string[] | null | undefined;
        if (items == null || items.length === 0) {
          if (!f.omitEmpty) {
            json += f.jsonKeyBytes + (items == null ? 4 : 2);
            written++;
          }
          break;
        }
        json += f.jsonKeyBytes + 1 + items.length;
        written++;
        for (let j = 0; j < items.length; j++) {
          const n = measureString(items[j] as string);
          proto += f.tagBytes + varintSize(n) + n;
          json += measured.json;
        }
        break;
      }
      case MESSAGES: {
        const items = value as readonly unknown[] | null | undefined;
        if (items == null || items.length === 0) {
          if (!f.omitEmpty) {
            json += f.jsonKeyBytes + (items == null ? 4 : 2);
            written++;
          }
          break;
        }
        json += f.jsonKeyBytes + 1 + items.length;
        written++;
        const message = f.message as MessageSpec;
        if (stored) {
          proto += walkStoredList(message, items, f.tagBytes);
          break;
        }
        for (let j = 0; j < items.length; j++) {
          const n = walkMessage(message, items[j], false);
          proto += f.tagBytes + varintSize(n) + n;
        }
        break;
      }
      case STRING_MAP:
      case QUANTITY_MAP: {
        const map = value as Readonly<Record<string, string>> | null | undefined;
        let entries = 0;
        if (map != null) {
          for (const key in map) {
            const k = measureString(key);
            const keyJson = measured.json;
            const v = measureString(map[key] ?? '');
            json += keyJson + 1 + measured.json;
            // A Quantity value is itself a message {string = 1}.
            const valueBytes = f.kind === QUANTITY_MAP ? 1 + varintSize(v) + v : v;
            const entry = 1 + varintSize(k) + k + 1 + varintSize(valueBytes) + valueBytes;
            proto += f.tagBytes + varintSize(entry) + entry;
            entries++;
          }
        }
        if (entries > 0) {
          json += f.jsonKeyBytes + 1 + entries;
          written++;
        } else if (!f.omitEmpty) {
          json += f.jsonKeyBytes + (map == null ? 4 : 2);
          written++;
        }
        break;
      }
      case TIME:
        if (value == null || value === '') {
          proto += f.tagBytes + 1;
          if (!f.omitEmpty) {
            json += f.jsonKeyBytes + 4;
            written++;
          }
        } else {
          proto += f.tagBytes + 1 + timeMessageBytes(value as string);
          json += f.jsonKeyBytes + 22;
          written++;
        }
        break;
      case TIME_PTR:
        if (value != null && value !== '') {
          proto += f.tagBytes + 1 + timeMessageBytes(value as string);
          json += f.jsonKeyBytes + 22;
          written++;
        }
        break;
      case INT_OR_STRING: {
        // IntOrString{type = 1, intVal = 2, strVal = 3}: all three always written.
        let n: number;
        if (typeof value === 'string') {
          const s = measureString(value);
          json += f.jsonKeyBytes + measured.json;
          n = 2 + 2 + 1 + varintSize(s) + s;
        } else {
          const v = value == null ? 0 : (value as number);
          json += f.jsonKeyBytes + decimalLength(v);
          n = 2 + 1 + varintSize(v) + 2;
        }
        written++;
        proto += f.tagBytes + varintSize(n) + n;
        break;
      }
    }
  }
  if (written > 1) json += written - 1;
  return proto;
}

/**
 * {@link walkMessage} of a list element, from memory when the same object was sized before:
 * adds its JSON bytes to `json`, returns its protobuf bytes after the tag.
 */
function walkStoredElement(spec: MessageSpec, item: unknown, memo: TypeMemo): number {
  if (typeof item !== 'object' || item === null) {
    const n = walkMessage(spec, item, true);
    return varintSize(n) + n;
  }
  const known = memo.elements.get(item);
  if (known !== undefined) {
    json += known.json;
    return known.protobuf;
  }
  const before = json;
  const n = walkMessage(spec, item, true);
  const protobuf = varintSize(n) + n;
  memo.elements.set(item, { json: json - before, protobuf });
  return protobuf;
}

/**
 * The elements of a list of messages for {@link storedWireSizes}: adds their JSON bytes to `json`
 * (not the brackets and commas), returns their protobuf bytes, tags included. A long list noted
 * as an edit of one sized before is sized from that one's sums and the elements added and
 * removed, and a noted list sized before (written again unchanged) from its sums; any other long
 * list is matched against its previous version, element by element and by identity, so that
 * only the elements added since are looked up or walked.
 */
function walkStoredList(spec: MessageSpec, items: readonly unknown[], tagBytes: number): number {
  const memo = typeMemo(spec);
  let proto = tagBytes * items.length;
  if (items.length < LIST_MEMO_MIN_LENGTH) {
    for (let i = 0; i < items.length; i++) proto += walkStoredElement(spec, items[i], memo);
    return proto;
  }
  const edit = listEditOf(items);
  const totals =
    (edit ? editedListTotals(spec, edit, memo) : memo.totals.get(items)) ??
    matchedListTotals(spec, items, memo);
  if (edit) {
    memo.totals.set(items, totals);
    noteListRead(items);
  }
  json += totals.json;
  return proto + totals.protobuf;
}

/** Both sums of one element's sizes, from memory or walked (see walkStoredElement). */
function storedElementSizes(spec: MessageSpec, item: unknown, memo: TypeMemo): ElementSizes {
  const before = json;
  const protobuf = walkStoredElement(spec, item, memo);
  const sizes = { json: json - before, protobuf };
  json = before;
  return sizes;
}

/** The sums of a list noted as an edit of one sized before; undefined when it was not. */
function editedListTotals(
  spec: MessageSpec,
  edit: ListEdit<unknown>,
  memo: TypeMemo,
): ElementSizes | undefined {
  const previous = edit.previous && memo.totals.get(edit.previous);
  if (!previous) return undefined;
  let elementsJson = previous.json;
  let protobuf = previous.protobuf;
  for (const item of edit.added) {
    const sizes = storedElementSizes(spec, item, memo);
    elementsJson += sizes.json;
    protobuf += sizes.protobuf;
  }
  for (const item of edit.removed) {
    const sizes = storedElementSizes(spec, item, memo);
    elementsJson -= sizes.json;
    protobuf -= sizes.protobuf;
  }
  return { json: elementsJson, protobuf };
}

/** The sums of a long list, its elements matched against the list's previous version. */
function matchedListTotals(
  spec: MessageSpec,
  items: readonly unknown[],
  memo: TypeMemo,
): ElementSizes {
  const previous = previousList(memo, items);
  const before = previous?.items ?? [];
  const beforeSizes = previous?.sizes ?? new Float64Array(0);
  const sizes = new Float64Array(2 * items.length);
  let elementsJson = 0;
  let protobuf = 0;
  let from = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Mostly the element that followed the previous match: compare before searching.
    const at =
      from < before.length && before[from] === item ? from : findInPrevious(before, from, item);
    let elementJson: number;
    let elementProto: number;
    if (at >= 0) {
      elementJson = beforeSizes[2 * at] as number;
      elementProto = beforeSizes[2 * at + 1] as number;
      from = at + 1;
    } else {
      const start = json;
      elementProto = walkStoredElement(spec, item, memo);
      elementJson = json - start;
      json = start;
    }
    sizes[2 * i] = elementJson;
    sizes[2 * i + 1] = elementProto;
    elementsJson += elementJson;
    protobuf += elementProto;
  }
  rememberList(memo, { items: items.slice(), sizes });
  return { json: elementsJson, protobuf };
}

/** `"kind":"…","apiVersion":"…",` before the object's other fields. */
function typeMetaJsonBytes(type: WireType): number {
  measureString(type.kind);
  const kind = measured.json;
  measureString(type.apiVersion);
  return 7 + kind + 1 + 13 + measured.json + 1;
}

/** runtime.Unknown's typeMeta message: {apiVersion = 1, kind = 2}. */
function unknownTypeMetaBytes(type: WireType): number {
  const apiVersion = measureString(type.apiVersion);
  const kind = measureString(type.kind);
  return 1 + varintSize(apiVersion) + apiVersion + 1 + varintSize(kind) + kind;
}

/** `k8s\x00` + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}. */
function protobufEnvelopeBytes(type: WireType, messageBytes: number): number {
  const typeMeta = unknownTypeMetaBytes(type);
  return (
    PROTOBUF_MAGIC.length +
    (1 + varintSize(typeMeta) + typeMeta) +
    (1 + varintSize(messageBytes) + messageBytes) +
    2 +
    2
  );
}

/**
 * JSON and protobuf bytes of one object as the API server sends it, from one walk. `kind`
 * defaults to the object's `kind` field.
 */
export function wireSizes(object: WireObject, kind?: WireKind): WireSizes {
  return walkObject(object, kind, false);
}

/**
 * {@link wireSizes} of an object whose list elements are never changed in place once written, as
 * the engine's stored objects are (replaced, never edited): each element that is a message
 * (an address, an endpoint, a port, …) is walked the first time it is seen and then sized from
 * memory, so a write costs in proportion to its new elements, not its length. The object itself
 * and its metadata are always walked: the store stamps the resourceVersion in place.
 */
export function storedWireSizes(object: WireObject, kind?: WireKind): WireSizes {
  return walkObject(object, kind, true);
}

function walkObject(object: WireObject, kind: WireKind | undefined, stored: boolean): WireSizes {
  const type = wireTypeOf(object, kind);
  json = 0;
  const message = walkMessage(type.message, object, stored);
  // The object's JSON opens with TypeMeta; metadata always follows it, hence the comma.
  const jsonBytes = json + typeMetaJsonBytes(type);
  return {
    json: jsonBytes,
    protobuf: protobufEnvelopeBytes(type, message),
    protobufMessage: message,
  };
}
