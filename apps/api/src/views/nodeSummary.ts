import { isNodeReady, parseQuantityMilli, type Node } from '@slicescope/core';
import { nodeZone } from '../analysis/zones.ts';
import type { NodeSummary } from '@slicescope/contract';

export function nodeSummary(node: Node, endpoints: number): NodeSummary {
  const zone = nodeZone(node) || undefined;
  const cpu = node.status?.allocatable?.cpu;
  const cpuMilli = cpu === undefined ? undefined : parseQuantityMilli(cpu);
  return {
    name: node.metadata.name ?? '',
    ...(zone !== undefined ? { zone } : {}),
    ready: isNodeReady(node),
    unschedulable: (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true,
    ...(cpuMilli !== undefined && Number.isFinite(cpuMilli) ? { cpuMilli } : {}),
    endpoints,
  };
}
