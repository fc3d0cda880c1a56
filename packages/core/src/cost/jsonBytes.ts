import { compareCodePoints, goQuote } from './goText.ts';
import { wireTypeOf, type WireKind, type WireObject } from './kubeSchema.ts';
import { formatRfc3339Seconds, parseRfc3339Seconds } from './rfc3339.ts';
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
import { wireSizes } from './sizes.ts';

/**
 * An object's JSON as the API server writes it into a watch stream: Go's encoding/json of the
 * typed object (`json.NewEncoder` with HTML escaping on), which the watch handler embeds in a
 * metav1.WatchEvent `{"type":…,"object":…}` and ends with the encoder's newline.
 *
 * The text is rebuilt from the schema (kubeSchema.ts), so it comes out in Go's field order and
 * with map keys sorted whatever the input's key order: TypeMeta first (`kind`, `apiVersion`,
 * always the served kind and version), then the struct's fields; fields the schema does not know
 * are dropped. Sizes never build the text: {@link jsonBytes} is one walk (sizes.ts) that also
 * yields the protobuf size.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

function timeText(value: string): string {
  return `"${formatRfc3339Seconds(parseRfc3339Seconds(value))}"`;
}

function mapText(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map).sort(compareCodePoints);
  return `{${keys.map((key) => `${goQuote(key)}:${goQuote(map[key] ?? '')}`).join(',')}}`;
}

/** The JSON of one field's value, or undefined when Go leaves the field out. */
function fieldText(f: FieldSpec, value: unknown): string | undefined {
  switch (f.kind) {
    case STRING: {
      const s = value == null ? '' : (value as string);
      return s !== '' || !f.omitEmpty ? goQuote(s) : undefined;
    }
    case STRING_PTR:
      return value == null ? undefined : goQuote(value as string);
    case BOOL:
      return value === true ? 'true' : f.omitEmpty ? undefined : 'false';
    case BOOL_PTR:
      return value == null ? undefined : value === true ? 'true' : 'false';
    case INT: {
      const n = value == null ? 0 : (value as number);
      return n !== 0 || !f.omitEmpty ? String(n) : undefined;
    }
    case INT_PTR:
      return value == null ? undefined : String(value as number);
    case MESSAGE:
      return messageText(f.message as MessageSpec, value);
    case MESSAGE_PTR:
      return value == null ? undefined : messageText(f.message as MessageSpec, value);
    case STRINGS:
    case MESSAGES: {
      const items = value as readonly unknown[] | null | undefined;
      if (items == null || items.length === 0) {
        return f.omitEmpty ? undefined : items == null ? 'null' : '[]';
      }
      const parts = items.map((item) =>
        f.kind === STRINGS ? goQuote(item as string) : messageText(f.message as MessageSpec, item),
      );
      return `[${parts.join(',')}]`;
    }
    case STRING_MAP:
    case QUANTITY_MAP: {
      const map = value as Readonly<Record<string, string>> | null | undefined;
      if (map == null || Object.keys(map).length === 0) {
        return f.omitEmpty ? undefined : map == null ? 'null' : '{}';
      }
      return mapText(map);
    }
    case TIME:
      if (value == null || value === '') return f.omitEmpty ? undefined : 'null';
      return timeText(value as string);
    case TIME_PTR:
      return value == null || value === '' ? undefined : timeText(value as string);
    case INT_OR_STRING:
      return typeof value === 'string' ? goQuote(value) : String(value == null ? 0 : value);
  }
}

function messageText(spec: MessageSpec, object: unknown): string {
  const record = (object ?? undefined) as Readonly<Record<string, unknown>> | undefined;
  let out = '';
  for (const f of spec.fields) {
    const text = fieldText(f, record?.[f.name]);
    if (text !== undefined) out += `${out === '' ? '' : ','}${f.jsonKey}${text}`;
  }
  return `{${out}}`;
}

/**
 * The object's JSON text exactly as Go writes it (without the encoder's newline). `kind`
 * defaults to the object's `kind` field. For sizes use {@link jsonBytes}, which builds no text.
 */
export function goJsonText(object: WireObject, kind?: WireKind): string {
  const type = wireTypeOf(object, kind);
  const body = messageText(type.message, object);
  return `{"kind":${goQuote(type.kind)},"apiVersion":${goQuote(type.apiVersion)},${body.slice(1)}`;
}

/** UTF-8 bytes of {@link goJsonText}, computed without building it. */
export function jsonBytes(object: WireObject, kind?: WireKind): number {
  return wireSizes(object, kind).json;
}

/** `{"type":"<type>","object":<object>}\n`: the watch event as one line of the JSON stream. */
export function jsonWatchEventText(
  object: WireObject,
  type: WatchEventType,
  kind?: WireKind,
): string {
  return `{"type":${goQuote(type)},"object":${goJsonText(object, kind)}}\n`;
}

/** Bytes of a JSON watch event whose object is `objectJsonBytes` long (newline included). */
export function jsonWatchEventBytesFor(objectJsonBytes: number, type: WatchEventType): number {
  // `{"type":"` 9 + type + `","object":` 11 + object + `}` 1 + `\n` 1.
  return 22 + type.length + objectJsonBytes;
}

/** UTF-8 bytes of {@link jsonWatchEventText}, computed without building it. */
export function jsonWatchEventBytes(
  object: WireObject,
  type: WatchEventType,
  kind?: WireKind,
): number {
  return jsonWatchEventBytesFor(jsonBytes(object, kind), type);
}
