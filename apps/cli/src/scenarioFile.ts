import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Scenario } from '@slicescope/core';
import {
  decodeUtf8,
  isShippedScenarioName,
  loadShippedScenario,
  parseScenario,
} from '@slicescope/contract';

/**
 * A scenario named on the command line: a shipped one by name (`demo`, `small`, …) or a JSON or
 * YAML file. The error says which file and which field.
 */
export async function loadScenario(
  nameOrPath: string,
): Promise<{ ok: true; scenario: Scenario } | { ok: false; error: string }> {
  if (isShippedScenarioName(nameOrPath))
    return { ok: true, scenario: loadShippedScenario(nameOrPath) };
  let bytes: Buffer;
  try {
    bytes = await readFile(nameOrPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file, and no shipped scenario of that name'
        : (error as Error).message;
    return { ok: false, error: `${nameOrPath}: ${why}` };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, error: `${nameOrPath}: ${decoded.error}` };
  const extension = extname(nameOrPath).toLowerCase();
  const format =
    extension === '.json'
      ? 'json'
      : extension === '.yaml' || extension === '.yml'
        ? 'yaml'
        : undefined;
  const parsed = parseScenario(decoded.text, format);
  return parsed.ok
    ? { ok: true, scenario: parsed.scenario }
    : { ok: false, error: `${nameOrPath}: ${parsed.error}` };
}
