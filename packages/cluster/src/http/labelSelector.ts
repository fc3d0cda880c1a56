/**
 * Label selectors as the apiserver parses them (apimachinery `labels.Parse`): comma-separated
 * requirements, all of which must hold —
 * `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k` (exists), `!k` (does not exist),
 * `k>1`, `k<1` (integer comparison).
 */
type LabelRequirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: readonly string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type LabelSelector = readonly LabelRequirement[];

type Token =
  | { kind: 'id'; text: string }
  | { kind: 'op'; text: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' }
  | { kind: 'in' | 'notin'; text: string }
  | { kind: 'end'; text: 'end of string' };

const SINGLE = new Set(['(', ')', ',', '>', '<']);
const SPECIAL = /[\s!=(),<>]/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '=' || ch === '!') {
      const two = input.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: ch });
        i += 1;
      }
    } else if (SINGLE.has(ch)) {
      tokens.push({ kind: 'op', text: ch as '(' | ')' | ',' | '>' | '<' });
      i += 1;
    } else {
      let j = i;
      while (j < input.length && !SPECIAL.test(input[j] as string)) j += 1;
      const text = input.slice(i, j);
      tokens.push(text === 'in' || text === 'notin' ? { kind: text, text } : { kind: 'id', text });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: 'end of string' });
  return tokens;
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a qualified name (validation.IsQualifiedName), or undefined when it is. */
function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    if (prefix === '') return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return 'prefix part must be a lowercase RFC 1123 subdomain';
    }
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

class SelectorError extends Error {}

function found(token: Token, expected: string): SelectorError {
  return new SelectorError(`found '${token.text}', expected: ${expected}`);
}

function invalid(what: string, value: string, problem: string): SelectorError {
  return new SelectorError(`${what}: Invalid value: "${value}": ${problem}`);
}

/** Parses a label selector; the error message names the selector and what is wrong with it. */
export function parseLabelSelector(
  input: string,
): { ok: true; selector: LabelSelector } | { ok: false; message: string } {
  try {
    return { ok: true, selector: parse(tokenize(input)) };
  } catch (error) {
    if (!(error instanceof SelectorError)) throw error;
    return { ok: false, message: `unable to parse labelSelector "${input}": ${error.message}` };
  }
}

function parse(tokens: Token[]): LabelRequirement[] {
  let at = 0;
  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const requirements: LabelRequirement[] = [];
  if (peek().kind === 'end') return requirements;

  const value = (): string => {
    const token = peek();
    if (token.kind === 'id') {
      at += 1;
      return token.text;
    }
    if (token.kind === 'end' || (token.kind === 'op' && (token.text === ',' || token.text === ')')))
      return '';
    throw found(token, 'identifier');
  };

  const checkedValue = (raw: string): string => {
    const problem = valueProblem(raw);
    if (problem !== undefined) throw invalid('values', raw, problem);
    return raw;
  };

  for (let guard = tokens.length; guard > 0; guard--) {
    const first = next();
    const negated = first.kind === 'op' && first.text === '!';
    const keyToken = negated ? next() : first;
    if (keyToken.kind !== 'id') throw found(keyToken, 'identifier');
    const key = keyToken.text;
    const problem = keyProblem(key);
    if (problem !== undefined) throw invalid('key', key, problem);

    const op = peek();
    if (negated || op.kind === 'end' || (op.kind === 'op' && op.text === ',')) {
      requirements.push({ key, op: negated ? '!exists' : 'exists' });
    } else if (op.kind === 'in' || op.kind === 'notin') {
      at += 1;
      const open = next();
      if (open.kind !== 'op' || open.text !== '(') throw found(open, "'('");
      const values: string[] = [];
      for (let inner = tokens.length; inner > 0; inner--) {
        values.push(checkedValue(value()));
        const sep = next();
        if (sep.kind === 'op' && sep.text === ')') break;
        if (sep.kind !== 'op' || sep.text !== ',') throw found(sep, "',' or ')'");
      }
      if (values.length === 1 && values[0] === '') {
        throw new SelectorError("for 'in', 'notin' operators, values set can't be empty");
      }
      requirements.push({ key, op: op.kind, values });
    } else if (op.kind === 'op' && (op.text === '=' || op.text === '==' || op.text === '!=')) {
      at += 1;
      requirements.push({ key, op: op.text === '!=' ? '!=' : '=', value: checkedValue(value()) });
    } else if (op.kind === 'op' && (op.text === '>' || op.text === '<')) {
      at += 1;
      const raw = value();
      if (!/^-?[0-9]+$/.test(raw))
        throw invalid('values', raw, 'for > and < operators, value must be an integer');
      requirements.push({ key, op: op.text === '>' ? 'gt' : 'lt', value: Number(raw) });
    } else {
      throw found(op, "'=', '!=', '==', 'in', 'notin'");
    }

    const after = next();
    if (after.kind === 'end') return requirements;
    if (after.kind !== 'op' || after.text !== ',') throw found(after, "',' or 'end of string'");
  }
  throw new SelectorError('selector too long');
}

/** Whether labels satisfy every requirement. */
export function labelsMatch(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return selector.every((requirement) => {
    const has = labels !== undefined && Object.hasOwn(labels, requirement.key);
    const actual = has ? (labels[requirement.key] as string) : undefined;
    switch (requirement.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case '=':
        return actual === requirement.value;
      case '!=':
        return actual !== requirement.value;
      case 'in':
        return actual !== undefined && requirement.values.includes(actual);
      case 'notin':
        return actual === undefined || !requirement.values.includes(actual);
      case 'gt':
      case 'lt': {
        if (actual === undefined || !/^-?[0-9]+$/.test(actual)) return false;
        const number = Number(actual);
        return requirement.op === 'gt' ? number > requirement.value : number < requirement.value;
      }
      default: {
        const never: never = requirement;
        return never;
      }
    }
  });
}
