import type { EndpointSlice } from '@slicescope/core';
import type { NodeService } from '@slicescope/contract';
import { compareStrings } from '../analysis/endpointText.ts';
import { serviceKeyOfSlice } from '../model/clusterModel.ts';
import { endpointConditions } from './sliceView.ts';

/**
 * The Services whose slices put endpoints on `node` (by the endpoints' nodeName), with those
 * endpoints counted by condition, by namespace then name. Slices without a Service name label
 * belong to no Service and are left out.
 */
export function nodeServices(node: string, slices: Iterable<EndpointSlice>): NodeService[] {
  const rows = new Map<string, NodeService>();
  for (const slice of slices) {
    const serviceKey = serviceKeyOfSlice(slice);
    if (serviceKey === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.nodeName !== node) continue;
      let row = rows.get(serviceKey);
      if (!row) {
        const at = serviceKey.indexOf('/');
        row = {
          namespace: serviceKey.slice(0, at),
          name: serviceKey.slice(at + 1),
          endpoints: 0,
          ready: 0,
          serving: 0,
          terminating: 0,
        };
        rows.set(serviceKey, row);
      }
      const conditions = endpointConditions(endpoint);
      row.endpoints++;
      if (conditions.ready) row.ready++;
      if (conditions.serving) row.serving++;
      if (conditions.terminating) row.terminating++;
    }
  }
  return [...rows.values()].sort(
    (a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name),
  );
}
