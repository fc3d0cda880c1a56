import { simulationLimitsSchema, type SimulationLimits } from '@slicescope/contract';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/http.ts';
import { formatCount, formatSeconds } from './format.ts';

/**
 * This server's bounds on a simulation (GET /api/v1/simulate/limits), asked once; undefined
 * until they come, or when the server does not say (the page then states its defaults).
 */
export function useServerLimits(): SimulationLimits | undefined {
  const { data } = useQuery({
    queryKey: ['simulate-limits'],
    queryFn: ({ signal }) => getJson('/simulate/limits', simulationLimitsSchema, signal),
    staleTime: Infinity,
    retry: false,
  });
  return data;
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
