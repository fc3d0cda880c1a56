import express, { Router } from 'express';
import { simulateRequestSchema } from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { parse } from '../params.ts';
import { SimulationEventStream, wantsEventStream } from '../../simulate/eventStream.ts';
import { requestJob } from '../../simulate/requestJob.ts';
import type { SimulationOutcome } from '../../simulate/simulator.ts';

/** The error an unsuccessful run answers with; undefined when the client went away. */
function outcomeError(
  outcome: Exclude<SimulationOutcome, { ok: true }>,
  field: string,
): HttpError | undefined {
  switch (outcome.reason) {
    case 'busy':
      return new HttpError(429, 'busy', outcome.message);
    case 'timeout':
      return new HttpError(
        422,
        'too-costly',
        `${field}: ${outcome.message}; simulate fewer Pods or a shorter scenario`,
        field,
      );
    case 'cancelled':
      return undefined;
    case 'failed':
      return new HttpError(500, 'internal', outcome.message);
  }
}

/**
 * POST /simulate: runs a scenario, the quick form or a service shortcut on the simulator and
 * answers its report (docs/simulate.md). The body is size-limited, the Pods bounded, and the run
 * happens in a worker with a time and heap budget, one at a time; a client that goes away ends
 * its run. With `Accept: text/event-stream` the answer is a stream of `progress` events and a
 * last `report` (or `error`) event.
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
      const body = parse(simulateRequestSchema, 'body', request);
      const job = requestJob(body, config.maxSimulatePods);
      if (simulator.busy()) {
        response.set('Retry-After', '5');
        throw new HttpError(429, 'busy', 'another simulation is running; try again shortly');
      }
      const abort = new AbortController();
      response.on('close', () => {
        if (!response.writableFinished) abort.abort();
      });
      const stream = wantsEventStream(request.get('accept'))
        ? new SimulationEventStream(response)
        : undefined;
      const outcome = await simulator.run(job, {
        signal: abort.signal,
        ...(stream && { onProgress: (progress) => stream.send('progress', progress) }),
      });
      if (outcome.ok) {
        if (stream) {
          stream.send('report', outcome.report);
          stream.end();
        } else {
          response.json(outcome.report);
        }
        return;
      }
      const input = body.quick ? 'body.quick' : body.service ? 'body.service' : 'body.scenario';
      const error = outcomeError(outcome, input);
      if (!error) return;
      if (stream) {
        const body = { error: { code: error.code, message: error.message, field: error.field } };
        stream.send('error', body);
        stream.end();
        return;
      }
      if (error.status === 429) response.set('Retry-After', '5');
      throw error;
    },
  );
  return router;
}
