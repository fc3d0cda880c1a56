import { proxyView, type ProxyView } from '@slicescope/core';
import type { AnalysisInput } from './input.ts';

/** The proxy view of one node, or why there is none. */
export type ProxyViewResult =
  { ok: true; view: ProxyView } | { ok: false; error: 'unknown-node'; message: string };

/**
 * Where kube-proxy on `nodeName` sends the Service's traffic, per IP family and port (core
 * `proxyView`), from the slices as they are now, under `options.proxyBehaviour`'s rules
 * (default: the newest kube-proxy). An unknown node is an error result, not a throw.
 */
export function proxyViewFor(input: AnalysisInput, nodeName: string): ProxyViewResult {
  const node = input.nodes.find((candidate) => candidate.metadata.name === nodeName);
  if (!node) {
    return {
      ok: false,
      error: 'unknown-node',
      message:
        input.nodesUnknown === undefined
          ? `node "${nodeName}" is not in the cluster`
          : `node "${nodeName}" is not known: ${input.nodesUnknown}`,
    };
  }
  return {
    ok: true,
    view: proxyView(input.service, input.slices, node, input.options.proxyBehaviour),
  };
}
