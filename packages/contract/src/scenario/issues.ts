import type { z } from 'zod';
import { formatPath } from './rules.ts';

/** The one problem of a scenario to show: a line of text and the field it names. */
export interface ScenarioIssue {
  /** One line: `cluster.zones[0].nodes: must be an integer from 1 to 5000 (got 0)`. */
  error: string;
  /** The field's path as `error` shows it; absent when the problem is the whole document. */
  field?: string;
  path: PropertyKey[];
}

function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

/**
 * The first of a parse's issues, as one line naming the field. An unknown field wins over a
 * problem inside the same object, since a misspelt key ("replica") also makes the right one
 * look missing.
 */
export function firstScenarioIssue(issues: readonly z.core.$ZodIssue[]): ScenarioIssue {
  const first = issues[0];
  if (!first) return { error: 'the scenario is not valid', path: [] };
  const unknown = issues.find(
    (issue) => issue.code === 'unrecognized_keys' && startsWith(first.path, issue.path),
  );
  const issue = unknown ?? first;
  const path =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
      ? [...issue.path, issue.keys[0]]
      : [...issue.path];
  if (path.length === 0) return { error: `the scenario ${issue.message}`, path };
  const field = formatPath(path);
  return { error: `${field}: ${issue.message}`, field, path };
}
