import {
  simulationSnapshotSchema,
  type SimulateRequest,
  type SimulationSnapshotView,
} from '@slicescope/contract';
import { skipToken, useQuery } from '@tanstack/react-query';
import { ApiRequestError, postJson } from '../api/http.ts';
import { asksAgain, busyWaitMs, DEFAULT_BUDGET_SECONDS } from './runner.ts';
import { useServerLimits } from './serverLimits.ts';

/** Which point of a run to draw, and which of its Services (default: the most endpoints). */
export interface StepTarget {
  atSeconds: number;
  service?: { namespace: string; name: string };
}

/** The body of POST /api/v1/simulate/snapshot: the run's own request and the point to draw. */
export function snapshotBody(request: SimulateRequest, target: StepTarget) {
  return {
    ...request,
    snapshot: {
      atSeconds: target.atSeconds,
      ...(target.service && { namespace: target.service.namespace, name: target.service.name }),
    },
  };
}

/**
 * The simulated cluster behind a point of a run, replayed by the api (which runs one simulation
 * at a time: a busy answer is tried again, as a run is). Nothing is asked while `request` is
 * undefined; a point left before its answer comes cancels the replay on the server.
 */
export function useStepSnapshot(request: SimulateRequest | undefined, target: StepTarget) {
  const budget = useServerLimits()?.budgetSeconds;
  return useQuery<SimulationSnapshotView>({
    queryKey: ['simulate-snapshot', request, target],
    staleTime: Infinity,
    queryFn: request
      ? async ({ signal }) => {
          const body = snapshotBody(request, target);
          const snapshot = await postJson(
            '/simulate/snapshot',
            body,
            simulationSnapshotSchema,
            signal,
          );
          if (!snapshot)
            throw new ApiRequestError(204, 'contract', 'The snapshot answer was empty.');
          return snapshot;
        }
      : skipToken,
    // Until the limits are in, the default budget; a server without one is asked until left.
    retry: (failures, error) =>
      asksAgain(failures, error, budget === undefined ? DEFAULT_BUDGET_SECONDS : budget),
    retryDelay: (_failures, error) => busyWaitMs(error),
  });
}
