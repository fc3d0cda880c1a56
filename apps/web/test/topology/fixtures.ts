import type { EndpointView, NodeSummary, SliceView } from '@slicescope/contract';
import { nodeSummary, sliceOf } from '../support/render.tsx';

/** Endpoints spread over `nodes` nodes in `zones` zones, `perSlice` to a slice. */
export function clusterSlices(options: {
  endpoints: number;
  nodes: number;
  zones: number;
  perSlice?: number;
  namespace?: string;
  service?: string;
}): { slices: SliceView[]; nodes: Record<string, NodeSummary> } {
  const { endpoints, zones, perSlice = 100, namespace = 'shop', service = 'web' } = options;
  const nodes: Record<string, NodeSummary> = {};
  for (let n = 0; n < options.nodes; n++) {
    const name = `node-${n}`;
    nodes[name] = nodeSummary(name, `zone-${n % zones}`);
  }
  const slices: SliceView[] = [];
  let current: EndpointView[] = [];
  for (let i = 0; i < endpoints; i++) {
    const n = i % options.nodes;
    current.push({
      addresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
      ready: i % 17 !== 0,
      serving: i % 17 !== 0 || i % 2 === 0,
      terminating: i % 23 === 0,
      nodeName: `node-${n}`,
      zone: `zone-${n % zones}`,
      pod: `web-${i}`,
    });
    if (current.length === perSlice || i === endpoints - 1) {
      slices.push(sliceOf(namespace, service, `${service}-${slices.length}`, current));
      current = [];
    }
  }
  return { slices, nodes };
}
