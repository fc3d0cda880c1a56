import type { Scenario } from '../engine/scenario.ts';
import { KEP_0752_SIZING } from '../cost/paper.ts';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE } from '../model/constants.ts';
import type { ResolvedOptions, SimulationOptions } from './types.ts';

/** Seconds the cluster gets after the last event to settle (rollouts, grace periods). */
export const SETTLE_SECONDS = 600;

/** The longest run, in simulated seconds (7 days, as the scenario format's longest time). */
export const MAX_SIMULATED_SECONDS = 7 * 24 * 60 * 60;

/** Where a scenario's run stops by default: settled after its last event, or one cycle. */
export function defaultUntilSeconds(scenario: Scenario): number {
  if (scenario.repeatEverySeconds !== undefined) return scenario.repeatEverySeconds;
  let last = 0;
  for (const event of scenario.events ?? []) last = Math.max(last, event.at);
  return Math.min(MAX_SIMULATED_SECONDS, last + SETTLE_SECONDS);
}

/** The options a run uses: the caller's, then the scenario's controller settings, then defaults. */
export function resolveOptions(scenario: Scenario, options: SimulationOptions): ResolvedOptions {
  return {
    mode: options.mode ?? 'model',
    seed: options.seed ?? 1,
    maxEndpointsPerSlice:
      options.maxEndpointsPerSlice ??
      scenario.controllers?.maxEndpointsPerSlice ??
      DEFAULT_MAX_ENDPOINTS_PER_SLICE,
    batchPeriodSeconds: options.batchPeriodSeconds ?? scenario.controllers?.batchPeriodSeconds ?? 0,
    extraWatchers: options.extraWatchers ?? 0,
    consumers: options.consumers ?? 'both',
    paperBytesPerEndpoint: options.paperBytesPerEndpoint ?? KEP_0752_SIZING.bytesPerEndpoint,
    paperMinObjectBytes: options.paperMinObjectBytes ?? KEP_0752_SIZING.minimumObjectBytes,
    endpointsCapacity: options.endpointsCapacity ?? 'unbounded',
    settled: options.settled ?? true,
    countFromSeconds: options.countFromSeconds ?? 0,
    untilSeconds: Math.min(
      MAX_SIMULATED_SECONDS,
      options.untilSeconds ?? defaultUntilSeconds(scenario),
    ),
  };
}

/** The scenario with the run's controller settings, which the engine reads from it. */
export function withControllerSettings(scenario: Scenario, options: ResolvedOptions): Scenario {
  return {
    ...scenario,
    controllers: {
      ...scenario.controllers,
      maxEndpointsPerSlice: options.maxEndpointsPerSlice,
      batchPeriodSeconds: options.batchPeriodSeconds,
    },
  };
}
