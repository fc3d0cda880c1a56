/** The two patch kinds deploy/ uses: JSON 6902 operations and strategic merge (simple cases). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: Json;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const clone = <T extends Json>(value: T): T => structuredClone(value);

function pointer(path: string): string[] {
  if (!path.startsWith('/')) throw new Error(`JSON pointer must start with /: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(array: Json[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new Error(`not an array index: ${token}`);
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length)) {
    throw new Error(`index ${index} out of range`);
  }
  return index;
}

/** RFC 6902 add, replace, remove and test; a missing path is an error, as in kustomize. */
export function applyJson6902(document: Json, operations: readonly JsonPatchOperation[]): Json {
  const result = clone(document);
  for (const operation of operations) {
    const tokens = pointer(operation.path);
    const last = tokens.pop();
    if (last === undefined) throw new Error('cannot patch the document root');
    let parent: Json = result;
    for (const token of tokens) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[arrayIndex(parent, token, false)]
        : isObject(parent)
          ? parent[token]
          : undefined;
      if (next === undefined) throw new Error(`no ${operation.path} to ${operation.op}`);
      parent = next;
    }
    const value = operation.value === undefined ? undefined : clone(operation.value);
    if (Array.isArray(parent)) {
      const index = arrayIndex(parent, last, operation.op === 'add');
      if (operation.op === 'add') parent.splice(index, 0, value as Json);
      else if (operation.op === 'replace') parent[index] = value as Json;
      else if (operation.op === 'remove') parent.splice(index, 1);
      else if (JSON.stringify(parent[index]) !== JSON.stringify(value)) {
        throw new Error(`test failed at ${operation.path}`);
      }
    } else if (isObject(parent)) {
      if (operation.op !== 'add' && !(last in parent)) {
        throw new Error(`no ${operation.path} to ${operation.op}`);
      }
      if (operation.op === 'remove') delete parent[last];
      else if (operation.op === 'test') {
        if (JSON.stringify(parent[last]) !== JSON.stringify(value)) {
          throw new Error(`test failed at ${operation.path}`);
        }
      } else parent[last] = value as Json;
    } else {
      throw new Error(`no ${operation.path} to ${operation.op}`);
    }
  }
  return result;
}

/** Lists merged item by item on a key (from the Kubernetes API's patchMergeKey); others replace. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
};

/**
 * Strategic merge as kustomize does it for the cases deploy/ uses: maps merge, `null` deletes,
 * lists named in MERGE_KEYS merge by key (new items first), every other list is replaced.
 * Directives ($patch, $setElementOrder, …) are refused rather than misapplied.
 */
export function strategicMerge(target: Json, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (key === undefined || !Array.isArray(target)) return clone(patch);
    const merged = clone(target);
    const added: Json[] = [];
    for (const item of patch) {
      if (!isObject(item) || item[key] === undefined) {
        throw new Error(`${field}: every patch item needs its ${key}`);
      }
      const index = merged.findIndex((each) => isObject(each) && each[key] === item[key]);
      if (index === -1) added.push(clone(item));
      else merged[index] = strategicMerge(merged[index] ?? null, item);
    }
    // kustomize (kyaml) puts the items only the patch has before the target's.
    return [...added, ...merged];
  }
  if (!isObject(patch)) return clone(patch);
  const merged: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new Error(`strategic merge directive ${key} is not supported`);
    if (value === null) delete merged[key];
    else merged[key] = strategicMerge(merged[key] ?? null, value, key);
  }
  return merged;
}
