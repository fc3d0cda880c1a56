import { Router, type Request, type Response } from 'express';
import {
  simulateRequestSchema,
  snapshotRequestSchema,
  type SimulateRequest,
  type SimulationLimits,
} from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { apiErrorBody, HttpError } from '../errors.ts';
import { jsonBody } from '../jsonBody.ts';
import { onlyMethods, readOnly } from '../methods.ts';
import { parse } from '../params.ts';
import { SimulationEventStream, wantsEventStream } from '../../simulate/eventStream.ts';
import { isArithmetic, type SimulationJob } from '../../simulate/job.ts';
import { requestJob } from '../../simulate/requestJob.ts';
import type { SimulationOutcome, Simulator } from '../../simulate/simulator.ts';

/** The error an unsuccessful run answers with; undefined when the client went away. */
function outcomeError(
  outcome: Exclude<SimulationOutcome, { ok: true }>,
  field: string,
): HttpError | undefined {
  switch (outcome.reason) {
    case 'busy':
      return new HttpError(429, 'busy', outcome.message);
    case 'timeout':
    case 'memory':
      return new HttpError(
        422,
        'too-costly',
        `${field}: ${outcome.message}; simulate fewer Pods or a shorter scenario`,
        field,
      );
    case 'cancelled':
      return undefined;
    case 'missing-service':
      return new HttpError(
        404,
        'not-found',
        `body.snapshot.name: ${outcome.message}`,
        'body.snapshot.name',
      );
    case 'failed':
      return new HttpError(500, 'internal', outcome.message);
  }
}

const inputField = (body: SimulateRequest): string =>
  body.quick ? 'body.quick' : body.service ? 'body.service' : 'body.scenario';

/** A client that goes away (the connection closes before the answer) aborts its run. */
function abortOnClose(response: Response): AbortSignal {
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  return abort.signal;
}

/** A job for the worker while it runs another is refused; arithmetic never waits for it. */
function refuseWhenBusy(simulator: Simulator, job: SimulationJob, response: Response): void {
  if (isArithmetic(job) || !simulator.busy()) return;
  response.set('Retry-After', '5');
  throw new HttpError(429, 'busy', 'another simulation is running; try again shortly');
}

function requireJson(request: Request): void {
  if (!request.is('application/json')) {
    throw new HttpError(415, 'unsupported-media-type', 'body: send application/json', 'body');
  }
}

/**
 * POST /simulate: runs a scenario, the quick form or a service shortcut on the simulator and
 * answers its report (docs/simulate.md). The body is size-limited, the Pods bounded, and the run
 * happens in a worker with a time and heap budget, one at a time; a client that goes away ends
 * its run. The quick form in paper mode is arithmetic, answered at once without the worker.
 * With `Accept: text/event-stream` the answer is a stream of `progress` events and a last
 * `report` (or `error`) event.
 *
 * POST /simulate/snapshot: the same simulation replayed up to `snapshot.atSeconds`, answering the
 * cluster then (one Service's summary and slices, every Node) for the Simulate page's topology.
 *
 * GET /simulate/limits: the bounds above as this server sets them, for the page to state.
 */
export function simulateRoutes({ config, simulator }: AppDeps): Router {
  const router = Router();
  const holding = (what: string): string => `a JSON object holding ${what} (docs/simulate.md)`;
  const run = 'one of scenario, quick or service';
  const readRun = jsonBody(config.maxSimulateBytes, holding(run));
  const readSnapshot = jsonBody(config.maxSimulateBytes, holding(`${run}, and snapshot`));
  router
    .route('/simulate')
    .post(readRun, async (request, response) => {
      requireJson(request);
      const body = parse(simulateRequestSchema, 'body', request);
      const job = requestJob(body, config.maxSimulatePods);
      refuseWhenBusy(simulator, job, response);
      const signal = abortOnClose(response);
      const stream = wantsEventStream(request.get('accept'))
        ? new SimulationEventStream(response)
        : undefined;
      const outcome = await simulator.run(job, {
        signal,
        ...(stream && { onProgress: (progress) => stream.send('progress', progress) }),
      });
      if (outcome.ok && outcome.result.kind === 'report') {
        if (stream) {
          stream.send('report', outcome.result.report);
          stream.end();
        } else {
          response.json(outcome.result.report);
        }
        return;
      }
      if (outcome.ok) throw new HttpError(500, 'internal', 'the simulation answered no report');
      const error = outcomeError(outcome, inputField(body));
      if (!error) return;
      if (stream) {
        stream.send('error', apiErrorBody(error));
        stream.end();
        return;
      }
      if (error.status === 429) response.set('Retry-After', '5');
      throw error;
    })
    .all(onlyMethods('POST'));
  router
    .route('/simulate/limits')
    .get((_request, response) => {
      const limits: SimulationLimits = {
        maxBodyBytes: config.maxSimulateBytes,
        maxPods: config.maxSimulatePods,
        budgetSeconds: simulator.limits.budgetMs === null ? null : simulator.limits.budgetMs / 1000,
        heapMib: simulator.limits.maxHeapMb,
      };
      response.json(limits);
    })
    .all(readOnly);
  // Express answers HEAD with the GET route.
  router
    .route('/simulate/snapshot')
    .post(readSnapshot, async (request, response) => {
      requireJson(request);
      const body = parse(snapshotRequestSchema, 'body', request);
      const { snapshot, ...simulation } = body;
      const target = {
        atSeconds: snapshot.atSeconds,
        ...(snapshot.namespace !== undefined &&
          snapshot.name !== undefined && {
            service: { namespace: snapshot.namespace, name: snapshot.name },
          }),
      };
      const job = {
        ...requestJob(simulation, config.maxSimulatePods, { onEngine: true }),
        snapshot: target,
      };
      refuseWhenBusy(simulator, job, response);
      const outcome = await simulator.run(job, { signal: abortOnClose(response) });
      if (outcome.ok && outcome.result.kind === 'snapshot') {
        response.json(outcome.result.snapshot);
        return;
      }
      if (outcome.ok) throw new HttpError(500, 'internal', 'the simulation answered no snapshot');
      const error = outcomeError(outcome, inputField(body));
      if (!error) return;
      if (error.status === 429) response.set('Retry-After', '5');
      throw error;
    })
    .all(onlyMethods('POST'));
  return router;
}
