import type { HintsExplanation } from '@slicescope/core';
import { analyseDrift, type DriftAnalysis } from './drift.ts';
import { analyseFragmentation, type FragmentationAnalysis } from './fragmentation.ts';
import { analyseHints } from './hints.ts';
import type { AnalysisInput } from './input.ts';
import { analyseEndpoints, type EndpointsAnalysis } from './legacyEndpoints.ts';
import {
  analyseTerminating,
  DEFAULT_STUCK_AFTER_MS,
  type TerminatingAnalysis,
} from './terminating.ts';

export type { AnalysisInput, AnalysisOptions } from './input.ts';
export type { DriftAction, DriftAnalysis } from './drift.ts';
export type { OtherSlice } from './sliceOwnership.ts';
export type { FragmentationAnalysis, FragmentationGroup, SliceFill } from './fragmentation.ts';
export type { EndpointsAnalysis } from './legacyEndpoints.ts';
export type { MirroringAnalysis } from './mirroring.ts';
export type { TerminatingAnalysis, TerminatingEndpoint } from './terminating.ts';
export { DEFAULT_STUCK_AFTER_MS } from './terminating.ts';
export { proxyViewFor, type ProxyViewResult } from './proxyView.ts';
export { zoneSummaries, type ZoneSummary } from './zones.ts';

/** Everything `GET /api/v1/services/:ns/:name/analysis` returns for one Service. */
export interface ServiceAnalysis {
  drift: DriftAnalysis;
  fragmentation: FragmentationAnalysis;
  hints: HintsExplanation[];
  endpoints: EndpointsAnalysis;
  terminating: TerminatingAnalysis;
}

/**
 * Every per-Service analysis at once. Pure: the same input and `now` (ms since the epoch) give
 * the same result; `stuckAfterMs` is how long an endpoint may terminate before it counts as stuck.
 */
export function analyseService(
  input: AnalysisInput,
  now: number,
  stuckAfterMs: number = DEFAULT_STUCK_AFTER_MS,
): ServiceAnalysis {
  return {
    drift: analyseDrift(input),
    fragmentation: analyseFragmentation(input),
    hints: analyseHints(input),
    endpoints: analyseEndpoints(input),
    terminating: analyseTerminating(input, now, stuckAfterMs),
  };
}
