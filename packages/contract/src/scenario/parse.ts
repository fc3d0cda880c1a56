import type { Scenario } from '@slicescope/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { firstScenarioIssue } from './issues.ts';
import { findJsonSyntaxError } from './jsonSyntax.ts';
import { MAX_NESTING_DEPTH, MAX_SCENARIO_TEXT_LENGTH, MAX_YAML_ITEMS } from './limits.ts';
import { tooDeepField, tooDeepPath } from './nesting.ts';
import { scenarioSchema } from './schema.ts';
import { COMMAND_LINE_SCENARIO_NAMES } from '../scenarios/commandLine.ts';
import { shippedScenarioTexts } from '../scenarios/texts.generated.ts';

export type ScenarioFormat = 'json' | 'yaml';

/** A valid scenario, or one line saying what is wrong and where. */
export type ScenarioResult =
  | { ok: true; scenario: Scenario }
  | {
      ok: false;
      /** One line, e.g. `events[3].workload: no workload "api" in namespace "default"`. */
      error: string;
      /** The offending field's path, as `error` starts with; absent for syntax errors. */
      field?: string;
      /** 1-based line of the problem in the text: syntax errors, and YAML fields. */
      line?: number;
    };

/**
 * Why scenario text that is one word (`rolout`) is no scenario: a scenario is an object, so the
 * word can only be meant as a name — of a scenario only the command line generates, or a
 * misspelt one. Undefined for anything else (a shipped name is the caller's to resolve first).
 */
export function oneWordScenarioProblem(text: string): string | undefined {
  const word = text.trim();
  if (!/^[\w.-]{1,100}$/.test(word)) return undefined;
  if ((COMMAND_LINE_SCENARIO_NAMES as readonly string[]).includes(word)) {
    return `"${word}" is a scenario for the command line, \`slicescope simulate ${word}\`: too large for an api server's limits`;
  }
  const shipped = Object.keys(shippedScenarioTexts).join(', ');
  return `"${word}" is not a scenario: a scenario is a YAML or JSON object (docs/scenarios.md), and the shipped ones are named ${shipped}`;
}

function validate(value: unknown): { result: ScenarioResult; path: readonly PropertyKey[] } {
  if (value === undefined || value === null) {
    return { result: { ok: false, error: 'the scenario is empty' }, path: [] };
  }
  const oneWord = typeof value === 'string' ? oneWordScenarioProblem(value) : undefined;
  if (oneWord !== undefined) return { result: { ok: false, error: oneWord }, path: [] };
  const deep = tooDeepPath(value);
  if (deep) {
    const field = tooDeepField(deep);
    const error = `${field}: nested more than ${MAX_NESTING_DEPTH} levels deep`;
    return { result: { ok: false, error, field }, path: deep };
  }
  const parsed = scenarioSchema.safeParse(value);
  if (parsed.success) return { result: { ok: true, scenario: parsed.data }, path: [] };
  const { error, field, path } = firstScenarioIssue(parsed.error.issues);
  return { result: field === undefined ? { ok: false, error } : { ok: false, error, field }, path };
}

/**
 * Checks a parsed document (a request body, say) against the scenario format, including the
 * checks across fields and the limits. Never throws.
 */
export function validateScenario(value: unknown): ScenarioResult {
  return validate(value).result;
}

/** `line 3, column 7: YAML: …`, and the line for the result. */
function syntaxError(
  format: string,
  message: string,
  position?: { line: number; col: number },
): ScenarioResult {
  if (!position) return { ok: false, error: `${format}: ${message}` };
  return {
    ok: false,
    error: `line ${position.line}, column ${position.col}: ${format}: ${message}`,
    line: position.line,
  };
}

function parseJson(text: string): ScenarioResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (!found) return syntaxError('JSON', (error as Error).message.split('\n')[0] ?? '');
    const before = text.slice(0, found.offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    return syntaxError('JSON', found.message, { line, col: found.offset - lineStart + 1 });
  }
  return validateScenario(value);
}

const YAML_MESSAGES: Readonly<Record<string, string>> = {
  MULTIPLE_DOCS: 'a scenario is one document, but the text holds more than one ("---")',
};

/** Where the value at `path` (or the closest part of it that exists) starts in the document. */
function offsetOf(document: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = document.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      if (!pair) break;
      const keyNode = pair.key as { range?: [number, number, number] | null };
      offset = keyNode.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const range = (node as { range?: [number, number, number] | null } | undefined)?.range;
      offset = range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

const NEWLINE = 10;
const COMMA = 44;
const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;

/** An upper bound of sorts on the values of a YAML text: each needs a line, a comma or a bracket. */
function countYamlItems(text: string): number {
  let items = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE || code === COMMA || code === OPEN_BRACKET || code === OPEN_BRACE) items++;
  }
  return items;
}

/**
 * The first line of a YAML parser's message; its stack overflowing (it recurses into nested
 * collections) is said as the limit it stands for.
 */
function yamlMessage(message: string): string {
  if (message.includes('Maximum call stack size exceeded')) {
    return `nested too deeply (at most ${MAX_NESTING_DEPTH} levels)`;
  }
  return message.split('\n')[0] ?? '';
}

function parseYaml(text: string): ScenarioResult {
  const items = countYamlItems(text);
  if (items > MAX_YAML_ITEMS) {
    return {
      ok: false,
      error: `the YAML text has ${items} lines and flow items, over the limit of ${MAX_YAML_ITEMS}; write a scenario this large as JSON`,
    };
  }
  const lines = new LineCounter();
  let document: Document;
  let value: unknown;
  try {
    // YAML 1.2 core schema: `on`, `yes` and `no` stay strings; aliases are capped (billion laughs).
    document = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) {
      return syntaxError(
        'YAML',
        YAML_MESSAGES[problem.code] ?? yamlMessage(problem.message),
        lines.linePos(problem.pos[0]),
      );
    }
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return syntaxError('YAML', yamlMessage((error as Error).message));
  }
  const { result, path } = validate(value);
  if (result.ok || result.field === undefined) return result;
  const offset = offsetOf(document, path);
  return offset === undefined ? result : { ...result, line: lines.linePos(offset).line };
}

/**
 * Parses scenario text: JSON or YAML (1.2, one document), detected when `format` is absent —
 * JSON if the text parses as JSON, else YAML. Null members count as absent (docs/scenarios.md).
 * Never throws: a syntax error is `line L, column C: YAML: …`, any other problem names the field.
 */
export function parseScenario(text: string, format?: ScenarioFormat): ScenarioResult {
  if (text.length > MAX_SCENARIO_TEXT_LENGTH) {
    return {
      ok: false,
      error: `the scenario text has ${text.length} characters, over the limit of ${MAX_SCENARIO_TEXT_LENGTH}`,
    };
  }
  if (format === 'json') return parseJson(text);
  if (format === 'yaml') return parseYaml(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseYaml(text);
  }
  return validateScenario(value);
}
