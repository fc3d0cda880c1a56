import type { z } from 'zod';
import { MAX_NESTING_DEPTH } from './limits.ts';

/**
 * The first step of parsing a scenario document: nulls out, and lists or objects far beyond any
 * limit refused before zod walks them (a list of millions of bad entries would otherwise become
 * millions of issues).
 *
 * Nulls, decided: a `null` member is the same as an absent one — Go's JSON decoder reads it as
 * the zero value, and in YAML `description:` with nothing after it is null — so they are dropped.
 * The exception is an `editService` event's `changes`: there a null member removes that field
 * from the Service, as in a JSON merge patch, so it is kept; deeper in `changes` a null is an
 * error rather than silently nothing. A null list
 * entry stays, and is reported where it is. A `"__proto__"` key stays whatever its value, for the
 * schema to refuse.
 */

/** Twice the longest list a scenario may have (MAX_EVENTS, MAX_USER_ENDPOINTS_ADDRESSES). */
const MAX_LIST_LENGTH = 200_000;
/** Far more fields than any object of a scenario has (labels and annotations included). */
const MAX_OBJECT_FIELDS = 10_000;

/** `events[i].changes`, whose direct null members mean "remove this field". */
function isChanges(path: readonly (string | number)[]): boolean {
  return path.length === 3 && path[0] === 'events' && path[2] === 'changes';
}

function prepare(
  value: unknown,
  path: (string | number)[],
  inChanges: boolean,
  context: z.RefinementCtx,
): unknown {
  // Deeper is refused before (tooDeepPath); a schema used on its own still stops here.
  if (path.length > MAX_NESTING_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) {
      context.addIssue({
        code: 'custom',
        path,
        message: `${value.length} entries, more than any list of a scenario may have (${MAX_LIST_LENGTH})`,
      });
      return [];
    }
    return value.map((item, index) => prepare(item, [...path, index], inChanges, context));
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_OBJECT_FIELDS) {
    context.addIssue({
      code: 'custom',
      path,
      message: `${entries.length} fields, more than any object of a scenario may have (${MAX_OBJECT_FIELDS})`,
    });
    return {};
  }
  const result: Record<string, unknown> = {};
  // defineProperty, so that a "__proto__" key stays a key (for the schema to refuse), not the
  // result's prototype.
  const define = (key: string, value: unknown): void => {
    Object.defineProperty(result, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  for (const [key, member] of entries) {
    const memberPath = [...path, key];
    // A null "__proto__" is kept too: dropped as absent, it would vanish without a word.
    if (member === null && key !== '__proto__') {
      if (isChanges(path)) {
        define(key, null);
        continue;
      }
      if (inChanges) {
        context.addIssue({
          code: 'custom',
          path: memberPath,
          input: null,
          message: 'cannot be null here: only a field of changes itself can be null (removed)',
        });
      }
      continue;
    }
    const changes = inChanges || (path.length === 2 && path[0] === 'events' && key === 'changes');
    define(key, prepare(member, memberPath, changes, context));
  }
  return result;
}

/** The scenario document ready for the schema (see above); reports what it refuses. */
export function prepareScenarioDocument(value: unknown, context: z.RefinementCtx): unknown {
  return prepare(value, [], false, context);
}
