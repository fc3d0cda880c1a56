import { explainHints, type HintsExplanation } from '@slicescope/core';
import type { AnalysisInput } from './input.ts';

/**
 * Why the Service's slices carry hints or not, per address type (core `explainHints`), for the
 * newest controller: a topology cache, and PreferSameZone / PreferSameNode honoured.
 */
export function analyseHints(input: AnalysisInput): HintsExplanation[] {
  return explainHints(input.service, input.slices, input.nodes, {
    topologyCache: true,
    preferSameTrafficDistribution: true,
  });
}
