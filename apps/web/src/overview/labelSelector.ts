/**
 * Kubernetes label selectors over a Service's own labels, as `kubectl get -l` reads them:
 * comma-separated requirements, all of which must hold — `key=value` (or `key==value`),
 * `key!=value` (true when the label is absent too), `key in (a,b)`, `key notin (a,b)` (true when
 * absent), `key` (present) and `!key` (absent). A selector that is not one is an error saying
 * where, never a filter that quietly matches nothing.
 */

export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | 'absent';
  values: readonly string[];
}

export type ParsedSelector =
  { ok: true; requirements: readonly LabelRequirement[] } | { ok: false; error: string };

/** A label name, or a value when not empty: 63 characters, alphanumeric at both ends. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A key's prefix: a DNS subdomain. */
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  if (key === '') return 'a label key is missing';
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return `"${key}" is not a label key: its prefix must be a DNS subdomain`;
  }
  if (!NAME.test(name)) return `"${key}" is not a label key`;
  return undefined;
}

function valueProblem(value: string): string | undefined {
  return value === '' || NAME.test(value) ? undefined : `"${value}" is not a label value`;
}

/** Splits at the commas that are not inside a value list's parentheses. */
function requirementsOf(selector: string): string[] | string {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const char = selector[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return 'a ")" closes nothing';
    else if (char === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  if (depth > 0) return 'a "(" is not closed';
  parts.push(selector.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function requirementOf(text: string): LabelRequirement | string {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (set) {
    const values = (set[3] ?? '').split(',').map((value) => value.trim());
    if (values.length === 1 && values[0] === '') return `"${text}": the value list is empty`;
    const problem = keyProblem(set[1] ?? '') ?? values.map(valueProblem).find(Boolean);
    return problem ?? { key: set[1] ?? '', operator: set[2] as 'in' | 'notin', values };
  }
  const unlisted = /^(\S+)\s+(in|notin)\b/.exec(text);
  if (unlisted)
    return `"${text}": the values go in parentheses, as in ${unlisted[1]} ${unlisted[2]} (a,b)`;
  const compared = /^([^!=\s]*)\s*(==|=|!=)\s*(.*)$/.exec(text);
  if (compared) {
    const [, key = '', operator, value = ''] = compared;
    if (/[=!]/.test(value)) return `"${text}": one operator per requirement`;
    const problem = keyProblem(key) ?? valueProblem(value);
    if (problem) return problem;
    return { key, operator: operator === '!=' ? 'notin' : 'in', values: [value] };
  }
  const absent = text.startsWith('!');
  const key = (absent ? text.slice(1) : text).trim();
  return keyProblem(key) ?? { key, operator: absent ? 'absent' : 'exists', values: [] };
}

export function parseLabelSelector(selector: string): ParsedSelector {
  const parts = requirementsOf(selector);
  if (typeof parts === 'string') return { ok: false, error: parts };
  const requirements: LabelRequirement[] = [];
  for (const part of parts) {
    const requirement = requirementOf(part);
    if (typeof requirement === 'string') return { ok: false, error: requirement };
    requirements.push(requirement);
  }
  return { ok: true, requirements };
}

export function selectorMatches(
  labels: Readonly<Record<string, string>> | undefined,
  requirements: readonly LabelRequirement[],
): boolean {
  return requirements.every(({ key, operator, values }) => {
    const value = labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
    switch (operator) {
      case 'exists':
        return value !== undefined;
      case 'absent':
        return value === undefined;
      case 'in':
        return value !== undefined && values.includes(value);
      case 'notin':
        return value === undefined || !values.includes(value);
    }
  });
}
