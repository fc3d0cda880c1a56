/** A JSON object as parsed, before anything about its fields is known. */
export type Raw = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
