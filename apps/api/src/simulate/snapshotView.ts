import type { SimulationSnapshotView } from '@slicescope/contract';
import type { SimulationSnapshot } from '@slicescope/core';
import { nodeSummary } from '../views/nodeSummary.ts';
import { serviceSummary } from '../views/serviceSummary.ts';
import { sliceView } from '../views/sliceView.ts';

/**
 * A simulated cluster's snapshot in the dashboard's views, as a live cluster's Service detail and
 * nodes are answered. Churn counts writes the api has watched; a simulation has none to report.
 */
export function snapshotView(snapshot: SimulationSnapshot): SimulationSnapshotView {
  const { service, slices } = snapshot;
  return {
    t: snapshot.t,
    services: snapshot.services,
    serviceCount: snapshot.serviceCount,
    service: service
      ? serviceSummary({
          service,
          slices,
          endpoints: snapshot.endpoints,
          churn: 0,
          maxEndpointsPerSlice: snapshot.maxEndpointsPerSlice,
        })
      : null,
    slices: slices.map(sliceView),
    nodes: snapshot.nodes.map((node) =>
      nodeSummary(node, snapshot.endpointsPerNode.get(node.metadata.name ?? '') ?? 0),
    ),
  };
}
