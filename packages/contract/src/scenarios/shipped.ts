import type { Scenario } from '@slicescope/core';
import { parseScenario } from '../scenario/parse.ts';
import { shippedScenarioTexts } from './texts.generated.ts';

/**
 * The scenarios slicescope ships: packages/contract/scenarios/<name>.yaml, embedded as text
 * (texts.generated.ts) so that browsers and Node import them alike.
 */

export type ShippedScenarioName = keyof typeof shippedScenarioTexts;

/** The scenario `slicescope serve` and `slicescope cluster` run when none is given. */
export const DEFAULT_SCENARIO_NAME: ShippedScenarioName = 'demo';

/** Every shipped scenario's name, in name order. */
export const shippedScenarioNames: readonly ShippedScenarioName[] = Object.freeze(
  Object.keys(shippedScenarioTexts) as ShippedScenarioName[],
);

export function isShippedScenarioName(name: string): name is ShippedScenarioName {
  return Object.hasOwn(shippedScenarioTexts, name);
}

/** The YAML text of a shipped scenario, as on disk. */
export function shippedScenarioText(name: ShippedScenarioName): string {
  return shippedScenarioTexts[name];
}

/** A shipped scenario, parsed; a fresh object on every call. */
export function loadShippedScenario(name: ShippedScenarioName): Scenario {
  const result = parseScenario(shippedScenarioTexts[name], 'yaml');
  // The tests validate every shipped scenario, so this is a broken build, not bad input.
  if (!result.ok) throw new Error(`shipped scenario ${name} is invalid: ${result.error}`);
  return result.scenario;
}
