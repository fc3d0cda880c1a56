import {
  isShippedScenarioName,
  parseScenario,
  loadShippedScenario,
  validateScenario,
  type SimulateRequest,
} from '@slicescope/contract';
import { serviceScenario, type Scenario } from '@slicescope/core';
import { HttpError } from '../http/errors.ts';
import { peakPods, type SimulationJob } from './job.ts';

function tooLarge(field: string, pods: number, limit: number): HttpError {
  return new HttpError(
    413,
    'too-large',
    `${field}: ${pods} Pods at peak, over this server's limit of ${limit}`,
    field,
  );
}

function checkedScenario(scenario: Scenario, field: string, maxPods: number): Scenario {
  const pods = peakPods(scenario);
  if (pods > maxPods) throw tooLarge(field, pods, maxPods);
  return scenario;
}

/**
 * The job a valid request stands for: its scenario read and checked (400 naming the field), or
 * the quick form; a run of the engine over the server's Pod limit is refused (413) before
 * anything runs. `onEngine`: the quick form runs on the engine whatever its mode.
 */
export function requestJob(
  body: SimulateRequest,
  maxPods: number,
  { onEngine = false }: { onEngine?: boolean } = {},
): SimulationJob {
  const options = { ...body.options, seed: body.seed ?? 1 };
  if (body.quick) {
    // Paper mode's quick form is arithmetic: only the engine's runs are bounded by Pods (and a
    // snapshot always replays it on the engine).
    const engine = onEngine || options.mode !== 'paper';
    if (engine && body.quick.pods > maxPods) {
      throw tooLarge('body.quick.pods', body.quick.pods, maxPods);
    }
    return { quick: body.quick, options };
  }
  if (body.service) {
    const scenario = serviceScenario(body.service);
    return { scenario: checkedScenario(scenario, 'body.service', maxPods), options };
  }
  // A shipped scenario by name, as `slicescope simulate NAME` takes it.
  const name = typeof body.scenario === 'string' ? body.scenario.trim() : '';
  if (isShippedScenarioName(name)) {
    return {
      scenario: checkedScenario(loadShippedScenario(name), 'body.scenario', maxPods),
      options,
    };
  }
  const result =
    typeof body.scenario === 'string'
      ? parseScenario(body.scenario, body.format)
      : validateScenario(body.scenario);
  if (!result.ok) {
    // The field is the scenario's own (`body.scenario.events[3].at`); a syntax error has none.
    // The line is the text's, of a syntax error or a YAML field.
    const { error, field, line } = result;
    if (field === undefined || !error.startsWith(field)) {
      const message = `body.scenario: ${error}`;
      throw new HttpError(400, 'invalid-scenario', message, 'body.scenario', line);
    }
    const message = `body.scenario.${error}`;
    throw new HttpError(400, 'invalid-scenario', message, `body.scenario.${field}`, line);
  }
  return { scenario: checkedScenario(result.scenario, 'body.scenario', maxPods), options };
}
