import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { referenceWorkloadScenario, type Scenario } from '@slicescope/core';
import {
  COMMAND_LINE_SCENARIO_NAMES,
  decodeUtf8,
  isShippedScenarioName,
  loadShippedScenario,
  MAX_SCENARIO_TEXT_LENGTH,
  parseScenario,
  shippedScenarioNames,
  type CommandLineScenarioName,
} from '@slicescope/contract';
import { readAtMost } from './readAtMost.ts';

/**
 * Scenarios the command line builds instead of reading: the reference workload of Kubernetes'
 * scalability thresholds (150,000 Pods, 5,000 Nodes, 8,100 Services — 5 MB as text, too large to
 * ship with the web app) with a rollout wave at 120 s, repeated every 10 minutes. `simulate`
 * runs one cycle; `serve` and `cluster` start the wave once a dashboard has had time to list the
 * cluster (about a minute on 2 cores), and again as the `demo` scenario repeats its churn.
 */
const GENERATED_SCENARIOS: Readonly<Record<CommandLineScenarioName, () => Scenario>> = {
  'reference-workload': () =>
    referenceWorkloadScenario({ rolloutWaveAt: 120, repeatEverySeconds: 600 }),
};

/** Every scenario name the command line takes, for its help texts. */
export const scenarioNames: readonly string[] = [
  ...shippedScenarioNames,
  ...COMMAND_LINE_SCENARIO_NAMES,
];

/** Why a scenario file cannot be read, in words (Node's messages repeat the path and the code). */
function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file, and no shipped scenario of that name';
    case 'EISDIR':
      return 'a directory, not a scenario file';
    case 'EACCES':
    case 'EPERM':
      return 'not allowed to read it';
    default:
      return `cannot read it (${error.code ?? error.message})`;
  }
}

/**
 * A scenario named on the command line: a shipped or generated one by name (`demo`, `small`,
 * `reference-workload`, …) or a JSON or YAML file. The error says which file and which field.
 */
export async function loadScenario(
  nameOrPath: string,
): Promise<{ ok: true; scenario: Scenario } | { ok: false; error: string }> {
  if (isShippedScenarioName(nameOrPath))
    return { ok: true, scenario: loadShippedScenario(nameOrPath) };
  const generate = Object.hasOwn(GENERATED_SCENARIOS, nameOrPath)
    ? GENERATED_SCENARIOS[nameOrPath as CommandLineScenarioName]
    : undefined;
  if (generate) return { ok: true, scenario: generate() };
  let bytes: Buffer | undefined;
  try {
    bytes = await readAtMost(createReadStream(nameOrPath), MAX_SCENARIO_TEXT_LENGTH);
  } catch (error) {
    return { ok: false, error: `${nameOrPath}: ${unreadable(error as NodeJS.ErrnoException)}` };
  }
  if (bytes === undefined) {
    const limit = MAX_SCENARIO_TEXT_LENGTH;
    return {
      ok: false,
      error: `${nameOrPath}: over the limit of ${limit / 1_048_576} MiB (${limit.toLocaleString('en-US')} bytes) for scenario text`,
    };
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
  if (parsed.ok) return { ok: true, scenario: parsed.scenario };
  // A syntax error starts with its line already; a field's error is told its line like it.
  const line =
    parsed.field !== undefined && parsed.line !== undefined ? `line ${parsed.line}: ` : '';
  return { ok: false, error: `${nameOrPath}: ${line}${parsed.error}` };
}
