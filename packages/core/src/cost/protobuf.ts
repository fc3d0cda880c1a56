import { compareCodePoints, measureString, writeUtf8 } from './goText.ts';
import { wireTypeOf, type WireKind, type WireObject } from './kubeSchema.ts';
import type { WatchEventType } from './jsonBytes.ts';
import { parseRfc3339Seconds } from './rfc3339.ts';
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
import { PROTOBUF_MAGIC, wireSizes } from './sizes.ts';
import { varintSize, writeVarint } from './varint.ts';

/**
 * An object as the API server writes `application/vnd.kubernetes.protobuf`
 * (apimachinery `runtime/serializer/protobuf`): the magic `k8s\x00`, then a runtime.Unknown
 * {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2 (the object's message), contentEncoding = 3,
 * contentType = 4} with both strings empty but written, as Go writes non-pointer strings.
 *
 * A watch stream carries metav1.WatchEvent {type = 1, object = 2 (RawExtension {raw = 1})} whose
 * raw is the object bytes above, encoded without magic or envelope (the stream serializer is the
 * raw one) and framed by a 4-byte big-endian length (apimachinery `util/framer`).
 *
 * The encoder writes backwards from the end of a buffer of the exact size, as the generated
 * `MarshalToSizedBuffer` does, so every nested length is known when its prefix is written and
 * fields come out in field-number order.
 */

let buffer = new Uint8Array(0);
let position = 0;

function putVarint(value: number): void {
  position -= varintSize(value);
  writeVarint(buffer, position, value);
}

function putString(s: string): void {
  const n = measureString(s);
  position -= n;
  writeUtf8(s, buffer, position);
  putVarint(n);
}

/** A length-delimited field whose content was just written, ending at `end`. */
function closeField(end: number, tag: number): void {
  putVarint(end - position);
  putVarint(tag);
}

function putTime(text: string, tag: number): void {
  const end = position;
  putVarint(0); // nanos: ProtoTime always leaves it 0, and it is always written
  putVarint(2 * 8);
  putVarint(parseRfc3339Seconds(text));
  putVarint(1 * 8);
  closeField(end, tag);
}

function putMapEntry(key: string, value: string, tag: number, quantity: boolean): void {
  const end = position;
  if (quantity) {
    const valueEnd = position;
    putString(value);
    putVarint(1 * 8 + 2);
    closeField(valueEnd, 2 * 8 + 2);
  } else {
    putString(value);
    putVarint(2 * 8 + 2);
  }
  putString(key);
  putVarint(1 * 8 + 2);
  closeField(end, tag);
}

function putField(f: FieldSpec, value: unknown): void {
  switch (f.kind) {
    case STRING:
      putString(value == null ? '' : (value as string));
      putVarint(f.tag);
      return;
    case STRING_PTR:
      if (value != null) {
        putString(value as string);
        putVarint(f.tag);
      }
      return;
    case BOOL:
      putVarint(value === true ? 1 : 0);
      putVarint(f.tag);
      return;
    case BOOL_PTR:
      if (value != null) {
        putVarint(value === true ? 1 : 0);
        putVarint(f.tag);
      }
      return;
    case INT:
      putVarint(value == null ? 0 : (value as number));
      putVarint(f.tag);
      return;
    case INT_PTR:
      if (value != null) {
        putVarint(value as number);
        putVarint(f.tag);
      }
      return;
    case MESSAGE:
    case MESSAGE_PTR:
      if (value != null || f.kind === MESSAGE) {
        const end = position;
        putMessage(f.message as MessageSpec, value);
        closeField(end, f.tag);
      }
      return;
    case STRINGS: {
      const items = (value ?? []) as readonly string[];
      for (let j = items.length - 1; j >= 0; j--) {
        putString(items[j] as string);
        putVarint(f.tag);
      }
      return;
    }
    case MESSAGES: {
      const items = (value ?? []) as readonly unknown[];
      for (let j = items.length - 1; j >= 0; j--) {
        const end = position;
        putMessage(f.message as MessageSpec, items[j]);
        closeField(end, f.tag);
      }
      return;
    }
    case STRING_MAP:
    case QUANTITY_MAP: {
      const map = (value ?? {}) as Readonly<Record<string, string>>;
      const keys = Object.keys(map).sort(compareCodePoints);
      for (let j = keys.length - 1; j >= 0; j--) {
        const key = keys[j] as string;
        putMapEntry(key, map[key] ?? '', f.tag, f.kind === QUANTITY_MAP);
      }
      return;
    }
    case TIME:
      if (value == null || value === '') {
        putVarint(0);
        putVarint(f.tag);
      } else {
        putTime(value as string, f.tag);
      }
      return;
    case TIME_PTR:
      if (value != null && value !== '') putTime(value as string, f.tag);
      return;
    case INT_OR_STRING: {
      const end = position;
      const isString = typeof value === 'string';
      putString(typeof value === 'string' ? value : '');
      putVarint(3 * 8 + 2);
      putVarint(isString || value == null ? 0 : (value as number));
      putVarint(2 * 8);
      putVarint(isString ? 1 : 0);
      putVarint(1 * 8);
      closeField(end, f.tag);
      return;
    }
  }
}

/** Writes a message's fields backwards, so they read in ascending field number. */
function putMessage(spec: MessageSpec, object: unknown): void {
  const record = (object ?? undefined) as Readonly<Record<string, unknown>> | undefined;
  const fields = spec.byNumber;
  for (let i = fields.length - 1; i >= 0; i--) {
    const f = fields[i] as FieldSpec;
    putField(f, record?.[f.name]);
  }
}

/**
 * The object's bytes as the API server sends `application/vnd.kubernetes.protobuf`: magic,
 * runtime.Unknown envelope, the object's message. `kind` defaults to the object's `kind` field.
 */
export function encodeProtobuf(object: WireObject, kind?: WireKind): Uint8Array {
  const type = wireTypeOf(object, kind);
  const total = wireSizes(object, type.kind).protobuf;
  buffer = new Uint8Array(total);
  position = total;
  // runtime.Unknown, last field first: contentType = 4, contentEncoding = 3 (both ""), raw = 2.
  putString('');
  putVarint(4 * 8 + 2);
  putString('');
  putVarint(3 * 8 + 2);
  const rawEnd = position;
  putMessage(type.message, object);
  closeField(rawEnd, 2 * 8 + 2);
  const typeMetaEnd = position;
  putString(type.kind);
  putVarint(2 * 8 + 2);
  putString(type.apiVersion);
  putVarint(1 * 8 + 2);
  closeField(typeMetaEnd, 1 * 8 + 2);
  position -= PROTOBUF_MAGIC.length;
  buffer.set(PROTOBUF_MAGIC, position);
  if (position !== 0) throw new Error(`protobuf size of ${type.kind} off by ${position} bytes`);
  const out = buffer;
  buffer = new Uint8Array(0);
  return out;
}

/** Bytes of {@link encodeProtobuf}'s output, computed without encoding. */
export function protobufSize(object: WireObject, kind?: WireKind): number {
  return wireSizes(object, kind).protobuf;
}

/** The 4-byte big-endian length before each protobuf watch event. */
export const PROTOBUF_FRAME_HEADER_BYTES = 4;

/** metav1.WatchEvent{type, object: RawExtension{raw}} around `objectBytes` bytes, unframed. */
function watchEventMessageBytes(objectBytes: number, type: WatchEventType): number {
  const typeBytes = type.length;
  const rawExtension = 1 + varintSize(objectBytes) + objectBytes;
  return 1 + varintSize(typeBytes) + typeBytes + 1 + varintSize(rawExtension) + rawExtension;
}

/** Bytes on the wire of a protobuf watch event (frame header included) around an object of `objectBytes`. */
export function protobufWatchEventBytesFor(objectBytes: number, type: WatchEventType): number {
  return PROTOBUF_FRAME_HEADER_BYTES + watchEventMessageBytes(objectBytes, type);
}

/** Bytes of {@link encodeProtobufWatchEvent}'s output, computed without encoding. */
export function protobufWatchEventSize(
  object: WireObject,
  type: WatchEventType,
  kind?: WireKind,
): number {
  return protobufWatchEventBytesFor(protobufSize(object, kind), type);
}

/** One frame of a protobuf watch stream: length, then WatchEvent{type, object{raw: object}}. */
export function encodeProtobufWatchEvent(
  object: WireObject,
  type: WatchEventType,
  kind?: WireKind,
): Uint8Array {
  const objectBytes = encodeProtobuf(object, kind);
  const message = watchEventMessageBytes(objectBytes.length, type);
  const out = new Uint8Array(PROTOBUF_FRAME_HEADER_BYTES + message);
  new DataView(out.buffer).setUint32(0, message, false);
  let p = PROTOBUF_FRAME_HEADER_BYTES;
  out[p++] = 1 * 8 + 2;
  p = writeVarint(out, p, type.length);
  p = writeUtf8(type, out, p);
  out[p++] = 2 * 8 + 2;
  p = writeVarint(out, p, 1 + varintSize(objectBytes.length) + objectBytes.length);
  out[p++] = 1 * 8 + 2;
  p = writeVarint(out, p, objectBytes.length);
  out.set(objectBytes, p);
  return out;
}
