/**
 * A small description of the Go structs behind the Kubernetes wire formats: for every field its
 * JSON name (in Go struct order, which is the order encoding/json writes), its protobuf field
 * number, and how its Go type decides when it is written:
 *
 * - JSON (encoding/json): `omitempty` leaves out "", 0, false, nil pointers and nil or empty
 *   slices and maps, but never a struct; a slice or map without `omitempty` is written `null`
 *   when nil; a metav1.Time struct writes `null` when zero unless tagged `omitzero`.
 * - protobuf (the gogo-generated `MarshalToSizedBuffer` of k8s.io/api): fields in field-number
 *   order; a non-pointer scalar or struct is always written, even when zero; a pointer only when
 *   non-nil; repeated fields element by element in order; maps entry by entry, sorted by key,
 *   with both key and value always written.
 *
 * An object in Kubernetes JSON maps onto these fields as Go's decoder would: a missing or `null`
 * field is the Go zero value (a nil pointer, a nil slice); any field the schema does not list is
 * ignored, as a decoder ignores unknown fields.
 */

/** A non-pointer Go string: protobuf always; JSON unless `omitempty` and "". */
export const STRING = 0;
/** `*string`: written (even when "") only when set. */
export const STRING_PTR = 1;
/** A non-pointer bool: protobuf always; JSON unless `omitempty` and false. */
export const BOOL = 2;
/** `*bool`: written only when set. */
export const BOOL_PTR = 3;
/** A non-pointer int32 or int64 (varint; negative values take 10 bytes, sign-extended). */
export const INT = 4;
/** `*int32` or `*int64`. */
export const INT_PTR = 5;
/** A non-pointer struct: always written in both formats (its zero value when missing). */
export const MESSAGE = 6;
/** A pointer to a struct: written when set. */
export const MESSAGE_PTR = 7;
/** `[]string`. */
export const STRINGS = 8;
/** `[]Struct`. */
export const MESSAGES = 9;
/** `map[string]string`. */
export const STRING_MAP = 10;
/** `map[string]resource.Quantity` (a ResourceList): JSON string values, protobuf Quantity messages. */
export const QUANTITY_MAP = 11;
/** A non-pointer metav1.Time: JSON RFC 3339 seconds or `null`; protobuf {seconds, nanos = 0}. */
export const TIME = 12;
/** `*metav1.Time`. */
export const TIME_PTR = 13;
/** A non-pointer intstr.IntOrString: JSON number or string; protobuf {type, intVal, strVal}. */
export const INT_OR_STRING = 14;

export type FieldKind =
  | typeof STRING
  | typeof STRING_PTR
  | typeof BOOL
  | typeof BOOL_PTR
  | typeof INT
  | typeof INT_PTR
  | typeof MESSAGE
  | typeof MESSAGE_PTR
  | typeof STRINGS
  | typeof MESSAGES
  | typeof STRING_MAP
  | typeof QUANTITY_MAP
  | typeof TIME
  | typeof TIME_PTR
  | typeof INT_OR_STRING;

export interface FieldSpec {
  /** The JSON key. */
  readonly name: string;
  /** The protobuf field number. */
  readonly number: number;
  readonly kind: FieldKind;
  /** JSON `omitempty` (for a non-pointer metav1.Time: `omitzero`). */
  readonly omitEmpty: boolean;
  /** The struct of MESSAGE, MESSAGE_PTR and MESSAGES fields. */
  readonly message: MessageSpec | undefined;
  /** `"name":` as JSON text, and its length in bytes (names are ASCII). */
  readonly jsonKey: string;
  readonly jsonKeyBytes: number;
  /** The protobuf key, `number << 3 | wire type`, and its varint length. */
  readonly tag: number;
  readonly tagBytes: number;
}

export interface MessageSpec {
  readonly name: string;
  /** In Go struct order: the order encoding/json writes them. */
  readonly fields: readonly FieldSpec[];
  /** In ascending field number: the order the generated protobuf code writes them. */
  readonly byNumber: readonly FieldSpec[];
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** The protobuf key of a field: its number and wire type. */
function tagOf(number: number, wireType: number): number {
  return number * 8 + wireType;
}

function isVarintKind(kind: FieldKind): boolean {
  return kind === BOOL || kind === BOOL_PTR || kind === INT || kind === INT_PTR;
}

export function defineMessage(name: string, fields: readonly FieldSpec[]): MessageSpec {
  const byNumber = [...fields].sort((a, b) => a.number - b.number);
  for (let i = 1; i < byNumber.length; i++) {
    if ((byNumber[i] as FieldSpec).number === (byNumber[i - 1] as FieldSpec).number) {
      throw new Error(`${name}: field number ${(byNumber[i] as FieldSpec).number} used twice`);
    }
  }
  return { name, fields, byNumber };
}

function field(
  kind: FieldKind,
  name: string,
  number: number,
  omitEmpty: boolean,
  message?: MessageSpec,
): FieldSpec {
  const tag = tagOf(number, isVarintKind(kind) ? WIRE_VARINT : WIRE_LENGTH_DELIMITED);
  const jsonKey = `"${name}":`;
  return {
    name,
    number,
    kind,
    omitEmpty,
    message,
    jsonKey,
    jsonKeyBytes: jsonKey.length,
    tag,
    tagBytes: tag < 0x80 ? 1 : tag < 0x4000 ? 2 : 3,
  };
}

/** JSON tag option: `omitempty` on the Go field. */
export const OMIT_EMPTY = true;
/** JSON tag option: no `omitempty`. */
export const ALWAYS = false;

export const string = (name: string, number: number, omit: boolean): FieldSpec =>
  field(STRING, name, number, omit);
export const stringPtr = (name: string, number: number): FieldSpec =>
  field(STRING_PTR, name, number, true);
export const bool = (name: string, number: number, omit: boolean): FieldSpec =>
  field(BOOL, name, number, omit);
export const boolPtr = (name: string, number: number): FieldSpec =>
  field(BOOL_PTR, name, number, true);
export const int = (name: string, number: number, omit: boolean): FieldSpec =>
  field(INT, name, number, omit);
export const intPtr = (name: string, number: number): FieldSpec =>
  field(INT_PTR, name, number, true);
export const struct = (name: string, number: number, message: MessageSpec): FieldSpec =>
  field(MESSAGE, name, number, false, message);
export const structPtr = (name: string, number: number, message: MessageSpec): FieldSpec =>
  field(MESSAGE_PTR, name, number, true, message);
export const strings = (name: string, number: number, omit: boolean): FieldSpec =>
  field(STRINGS, name, number, omit);
export const structs = (
  name: string,
  number: number,
  message: MessageSpec,
  omit: boolean,
): FieldSpec => field(MESSAGES, name, number, omit, message);
export const stringMap = (name: string, number: number, omit: boolean): FieldSpec =>
  field(STRING_MAP, name, number, omit);
export const quantityMap = (name: string, number: number): FieldSpec =>
  field(QUANTITY_MAP, name, number, true);
/** `omitZero`: the field is tagged `omitzero` and left out of JSON when it is the zero time. */
export const time = (name: string, number: number, omitZero: boolean): FieldSpec =>
  field(TIME, name, number, omitZero);
export const timePtr = (name: string, number: number): FieldSpec =>
  field(TIME_PTR, name, number, true);
export const intOrString = (name: string, number: number): FieldSpec =>
  field(INT_OR_STRING, name, number, false);
