import { explainHints, type HintsExplanation } from '@slicescope/core';
import type { AnalysisInput } from './input.ts';

/**
 * Why the Service's slices carry hints or not, per address type (core `explainHints`), for the
 * newest controller: a topology cache, and PreferSameZone / PreferSameNode honoured.
 */
export function analyseHints(input: AnalysisInput): HintsExplanation[] {
  const explanations = explainHints(input.service, input.slices, input.nodes, {
    topologyCache: true,
    preferSameTrafficDistribution: true,
  });
  const { nodesUnknown } = input;
  if (nodesUnknown === undefined) return explanations;
  // Auto hints turn on Nodes' zones and CPU: without them known, say so rather than read their
  // absence as a cluster of Nodes without zones.
  return explanations.map((explanation) =>
    explanation.rule === 'auto-insufficient-node-info'
      ? {
          ...explanation,
          summary: `Cannot tell: ${nodesUnknown}. Without Nodes the controller would remove every hint.`,
        }
      : explanation,
  );
}
