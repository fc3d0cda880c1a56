import { MAX_NESTING_DEPTH } from './limits.ts';
import { formatPath } from './rules.ts';

interface Visit {
  value: unknown;
  depth: number;
  key: PropertyKey;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * The path of the first object or list nested deeper than `max` levels in `value`, or
 * undefined when none is. Walks with its own stack, never by recursion: the input may be the
 * very document too deep to recurse into.
 */
export function tooDeepPath(
  value: unknown,
  max: number = MAX_NESTING_DEPTH,
): PropertyKey[] | undefined {
  const stack: Visit[] = [{ value, depth: 0, key: '', parent: undefined }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { value: node, depth } = visit;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return pathOf(visit);
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        stack.push({ value: child, depth: depth + 1, key: index, parent: visit });
      });
    } else {
      for (const [key, child] of Object.entries(node)) {
        stack.push({ value: child, depth: depth + 1, key, parent: visit });
      }
    }
  }
  return undefined;
}

/** The levels of a too-deep path that an error shows. */
const SHOWN_LEVELS = 8;

/** A too-deep path as errors name it: its first levels say where; the rest is the nesting itself. */
export function tooDeepField(path: readonly PropertyKey[]): string {
  return `${formatPath(path.slice(0, SHOWN_LEVELS))}${path.length > SHOWN_LEVELS ? '…' : ''}`;
}
