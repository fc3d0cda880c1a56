import { z } from 'zod';
import { MAX_ANNOTATIONS_BYTES } from './limits.ts';
import { isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from './names.ts';

/**
 * Building blocks of the scenario schema. Every message is a whole sentence after the field's
 * path: "must be …" plus what was found, so `path: message` reads as one clear line.
 */

/** A value as an error message quotes it: short, one line. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 42 ? `${quoted.slice(0, 40)}…"` : quoted;
  }
  // As written, not as JavaScript prints it: 1e23, not 1e+23.
  if (typeof value === 'number') return String(value).replace('e+', 'e');
  return String(value);
}

interface IssueInput {
  readonly input?: unknown;
}

/** The message for a value that breaks `rule`; a missing value is "is required". */
export function problem(rule: string, input: unknown, expectsString = false): string {
  if (input === undefined) return 'is required';
  const hint =
    expectsString && (typeof input === 'number' || typeof input === 'boolean')
      ? '; quote it to make it a string'
      : '';
  return `${rule} (got ${describeValue(input)}${hint})`;
}

/** A zod error function that reports `rule`. */
export function expects(rule: string, expectsString = false): (issue: IssueInput) => string {
  return (issue) => problem(rule, issue.input, expectsString);
}

/**
 * The error of a union of events told apart by `type`: a bad type is reported at
 * `events[i].type` with the whole event as the input, so the message quotes the event's type.
 */
export function eventTypeError(
  types: readonly string[],
): (issue: IssueInput & { code?: string }) => string {
  return (issue) =>
    issue.code === 'invalid_union'
      ? problem(
          `must be one of ${types.join(', ')}`,
          (issue.input as { type?: unknown } | undefined)?.type,
        )
      : problem('must be an object', issue.input);
}

/** An integer in [min, max]. */
export function integer(min: number, max: number) {
  const error = expects(`must be an integer from ${min} to ${max}`);
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** A number of seconds in [min, max]; fractions are allowed. */
export function seconds(min: number, max: number) {
  const error = expects(`must be a number of seconds from ${min} to ${max}`);
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** A number of seconds above 0 and at most max. */
export function positiveSeconds(max: number) {
  const error = expects(`must be a number of seconds above 0 and at most ${max}`);
  return z.number({ error }).positive({ error }).max(max, { error });
}

export function boolean() {
  return z.boolean({ error: expects('must be true or false') });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expects(`must be one of ${values.join(', ')}`) });
}

/** A string that satisfies `test`, with `rule` as the message for anything else. */
export function name(rule: string, test: (value: string) => boolean) {
  const error = expects(rule, true);
  return z.string({ error }).refine(test, { error });
}

/** Free text of at most `max` characters. */
export function text(max: number) {
  const error = expects(`must be text of 1 to ${max} characters`, true);
  return z.string({ error }).min(1, { error }).max(max, { error });
}

/**
 * A strict object: an unknown field is an error that names it and lists the known ones (the
 * formatter appends the unknown key to the path).
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field; expected one of ${known}`
        : problem('must be an object', issue.input),
  });
}

/** A list of at most `max` entries called `what` in the over-limit message. */
export function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.array(item, { error: expects('must be a list') }).max(max, {
    error: (issue) =>
      `${Array.isArray(issue.input) ? issue.input.length : 'too many'} ${what}, over the limit of ${max}`,
  });
}

/** UTF-8 length, as Kubernetes counts the bytes of annotations. */
function utf8Length(value: string): number {
  let bytes = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * `schema`, with a `"__proto__"` key of its input refused as `message` at that key: zod copies
 * records and loose objects key by key and leaves that key out (assigned, it would set the
 * copy's prototype), so it would otherwise vanish without a word. Strict objects already report
 * it as an unknown field.
 */
export function refusingProtoKey<T extends z.ZodType>(schema: T, message: string) {
  return z.preprocess((input, context) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      context.addIssue({ code: 'custom', path: ['__proto__'], message });
    }
    return input;
  }, schema);
}

/** Labels (or a selector): qualified-name keys and label values. */
export function labelMap(options: { nonEmpty?: string } = {}) {
  const labels = z
    .record(z.string(), name(LABEL_VALUE_RULE, isLabelValue), {
      error: expects('must be an object of keys and string values'),
    })
    .superRefine((labels, context) => {
      const keys = Object.keys(labels);
      if (options.nonEmpty !== undefined && keys.length === 0) {
        context.addIssue({ code: 'custom', message: options.nonEmpty });
      }
      for (const key of keys) {
        if (!isQualifiedName(key)) {
          context.addIssue({ code: 'custom', path: [key], message: `key ${QUALIFIED_NAME_RULE}` });
        }
      }
    });
  return refusingProtoKey(labels, `key ${QUALIFIED_NAME_RULE}`);
}

/** Annotations: qualified-name keys, any string values, at most 256 KiB together. */
export function annotationMap() {
  const annotations = z
    .record(z.string(), z.string({ error: expects('must be a string', true) }), {
      error: expects('must be an object of keys and string values'),
    })
    .superRefine((annotations, context) => {
      let bytes = 0;
      for (const [key, value] of Object.entries(annotations)) {
        bytes += utf8Length(key) + utf8Length(value);
        if (!isQualifiedName(key)) {
          context.addIssue({ code: 'custom', path: [key], message: `key ${QUALIFIED_NAME_RULE}` });
        }
      }
      if (bytes > MAX_ANNOTATIONS_BYTES) {
        context.addIssue({
          code: 'custom',
          message: `${bytes} bytes of annotations, over the limit of ${MAX_ANNOTATIONS_BYTES}`,
        });
      }
    });
  return refusingProtoKey(annotations, `key ${QUALIFIED_NAME_RULE}`);
}
