import {
  simulationLimitsSchema,
  type SimulateRequest,
  type SimulationLimits,
} from '@slicescope/contract';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/http.ts';
import type { FieldError } from './fields.ts';
import { formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';

/**
 * This server's bounds on a simulation (GET /api/v1/simulate/limits), asked once: `known` once
 * the server has answered, `limits` undefined until then, or when it does not say (the page then
 * states its defaults).
 */
export function useServerLimitsAnswer(): { limits: SimulationLimits | undefined; known: boolean } {
  const { data, isPending } = useQuery({
    queryKey: ['simulate-limits'],
    queryFn: ({ signal }) => getJson('/simulate/limits', simulationLimitsSchema, signal),
    staleTime: Infinity,
    retry: false,
  });
  return { limits: data, known: !isPending };
}

/** This server's bounds on a simulation; undefined until they come, or when it does not say. */
export function useServerLimits(): SimulationLimits | undefined {
  return useServerLimitsAnswer().limits;
}

const MIB = 1024 * 1024;

function formatMebibytes(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0
    ? `${formatCount(bytes / MIB)} MiB`
    : `${formatCount(Math.ceil(bytes / 1024))} KiB`;
}

/** The Limits box's line on this server. */
export function serverLimitsText(limits: SimulationLimits | undefined): string {
  const paper = 'The quick form in paper mode is arithmetic and not bounded by Pods.';
  if (!limits) {
    return `a request body of 1 MiB, 25,000 Pods per engine run and 30 s per run by default (its operator may change them); one run at a time. ${paper}`;
  }
  return `a request body of ${formatMebibytes(limits.maxBodyBytes)}, ${formatCount(limits.maxPods)} Pods per engine run, ${limits.budgetSeconds === null ? 'no time limit' : formatSeconds(limits.budgetSeconds)} and ${formatCount(limits.heapMib)} MiB of memory per run; one run at a time. ${paper}`;
}

/** The hint by the quick form's Pods field. */
export function podsHint(limits: SimulationLimits | undefined): string {
  return limits
    ? `0–150,000; model mode: at most ${formatCount(limits.maxPods)} on this server, 200 per Node`
    : '0–150,000; model mode: at most 200 per Node';
}

/**
 * A request's body over this server's limit, said by the scenario or the shortcut that makes
 * it large (as sent: its JSON, in UTF-8, as streamSimulation sends it); the quick form's is a
 * few hundred bytes.
 */
function overBodyLimit(request: SimulateRequest, limits: SimulationLimits): FieldError[] {
  const field =
    request.scenario !== undefined
      ? 'scenario'
      : request.service !== undefined
        ? 'service'
        : undefined;
  if (field === undefined) return [];
  const bytes = new TextEncoder().encode(JSON.stringify(request)).length;
  if (bytes <= limits.maxBodyBytes) return [];
  const message = `makes a request of ${formatMebibytes(bytes)}, over this server's limit of ${formatMebibytes(limits.maxBodyBytes)} per request body`;
  return [{ field, message }];
}

/**
 * What of a request is over this server's limits, which the api would refuse (413): its body
 * size; then its Pods, for the quick form in model mode (paper mode's is arithmetic), and a
 * service shortcut's Pods or a scaleTo event's replicas. A scenario's peak is left to the api,
 * which reads the scenario. Nothing, while the server has not said its limits.
 */
export function overServerLimits(
  request: SimulateRequest,
  limits: SimulationLimits | undefined,
): FieldError[] {
  if (!limits) return [];
  const body = overBodyLimit(request, limits);
  if (body.length > 0) return body;
  const limit = `this server's limit of ${formatCount(limits.maxPods)} Pods per run`;
  const over = (pods: number) => pods > limits.maxPods;
  const { quick, service } = request;
  if (quick && (request.options?.mode ?? 'model') === 'model' && over(quick.pods)) {
    const message = `${formatCount(quick.pods)} is over ${limit} in model mode (paper mode has no such limit)`;
    return [{ field: 'pods', message }];
  }
  if (service && over(service.pods)) {
    return [{ field: 'service', message: `pods: ${formatCount(service.pods)} is over ${limit}` }];
  }
  const events = service?.events ?? [];
  const scale = events.findIndex((event) => event.type === 'scaleTo' && over(event.replicas));
  const scaled = events[scale];
  if (scaled?.type === 'scaleTo') {
    const message = `events[${scale}]: scales to ${formatCount(scaled.replicas)} Pods, over ${limit}`;
    return [{ field: 'service', message }];
  }
  return [];
}
