import express, { Router } from 'express';
import { z } from 'zod';
import { parseScenario, validateScenario } from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { parse } from '../params.ts';
import { peakPods } from '../../simulate/runScenario.ts';

const bodySchema = z.strictObject({
  /** A scenario as an object, or its JSON/YAML text (docs/scenarios.md). */
  scenario: z.union([z.string(), z.record(z.string(), z.unknown())]),
  format: z.enum(['json', 'yaml']).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
});

/**
 * POST /simulate: validates a scenario and runs it on the engine. The body is size-limited, the
 * scenario's Pods are bounded, and the run happens in a worker with a time and heap budget, one at
 * a time, so one request cannot exhaust the server.
 */
export function simulateRoutes({ config, simulator }: AppDeps): Router {
  const router = Router();
  router.post(
    '/simulate',
    express.json({ limit: config.maxSimulateBytes, strict: true }),
    async (request, response) => {
      if (!request.is('application/json')) {
        throw new HttpError(415, 'unsupported-media-type', 'body: send application/json', 'body');
      }
      const body = parse(bodySchema, 'body', request);
      const result =
        typeof body.scenario === 'string'
          ? parseScenario(body.scenario, body.format)
          : validateScenario(body.scenario);
      if (!result.ok)
        throw new HttpError(
          400,
          'invalid-scenario',
          `body.scenario: ${result.error}`,
          'body.scenario',
        );
      const pods = peakPods(result.scenario);
      if (pods > config.maxSimulatePods) {
        throw new HttpError(
          413,
          'too-large',
          `body.scenario: ${pods} Pods at peak, over this server's limit of ${config.maxSimulatePods}`,
          'body.scenario',
        );
      }
      const outcome = await simulator.run(result.scenario, body.seed);
      if (outcome.ok) {
        response.json(outcome.result);
        return;
      }
      if (outcome.reason === 'busy') {
        response.set('Retry-After', '5');
        throw new HttpError(429, 'busy', outcome.message);
      }
      if (outcome.reason === 'timeout') {
        const message = `body.scenario: ${outcome.message}; simulate fewer Pods or a shorter scenario`;
        throw new HttpError(422, 'too-costly', message, 'body.scenario');
      }
      throw new HttpError(500, 'internal', outcome.message);
    },
  );
  return router;
}
