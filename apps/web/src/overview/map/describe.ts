import type { NodeSummary } from '@slicescope/contract';

/** Node facts in words, for the tooltip, the details panel and the live announcements. */

export function cpuText(cpuMilli: number | undefined): string {
  if (cpuMilli === undefined) return 'unknown';
  const cores = cpuMilli / 1000;
  return `${Number.isInteger(cores) ? cores : cores.toFixed(2).replace(/0+$/, '')} CPU`;
}

export function conditionText(node: Pick<NodeSummary, 'ready' | 'unschedulable'>): string {
  const ready = node.ready ? 'Ready' : 'Not ready';
  return node.unschedulable ? `${ready}, unschedulable (cordoned)` : ready;
}

export const zoneText = (zone: string | undefined): string =>
  zone === undefined || zone === '' ? 'no zone' : zone;

export function announceNode(node: NodeSummary, position: number, total: number): string {
  return (
    `${node.name}, zone ${zoneText(node.zone)}, ${node.endpoints} endpoints, ` +
    `${conditionText(node).toLowerCase()}. Node ${position + 1} of ${total}.`
  );
}
