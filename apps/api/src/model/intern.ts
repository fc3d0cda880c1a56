/**
 * Shares equal values between the model's objects, to keep memory per endpoint small: Pods of one
 * workload carry the same labels, containers and conditions, and thousands of endpoints name the
 * same Node, zone and namespace. Interned objects are frozen (nothing in the model is changed in
 * place anyway). Each table is cleared when it reaches its bound, so churn through many distinct
 * values (new ReplicaSets) cannot grow it without end; sharing then starts over.
 */
const MAX_ENTRIES = 50_000;

const strings = new Map<string, string>();
const objects = new Map<string, unknown>();

/** The shared copy of a low-cardinality string (node, zone, namespace, phase, kind). */
export function internString<T extends string | undefined>(value: T): T {
  if (value === undefined) return value;
  const shared = strings.get(value);
  if (shared !== undefined) return shared as T;
  if (strings.size >= MAX_ENTRIES) strings.clear();
  strings.set(value, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** The shared, frozen copy of a small JSON value (labels, containers, owner references, hints). */
export function internJson<T>(value: T): T {
  const key = JSON.stringify(value);
  const shared = objects.get(key);
  if (shared !== undefined) return shared as T;
  if (objects.size >= MAX_ENTRIES) objects.clear();
  objects.set(key, deepFreeze(value));
  return value;
}
