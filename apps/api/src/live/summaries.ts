import type { Endpoints, Service } from '@slicescope/core';
import type { NodeSummary, ServiceSummary } from '@slicescope/contract';
import type { ClusterModel } from '../model/clusterModel.ts';
import type { ServiceHistory } from '../history/serviceHistory.ts';
import { nodeSummary } from '../views/nodeSummary.ts';
import { serviceSummary } from '../views/serviceSummary.ts';

/**
 * The service list's rows, kept up to date per Service (refreshed when a Service, one of its
 * slices or its Endpoints changes), so listing, sorting and snapshots never recompute every row.
 */
export interface Summaries {
  /** Recomputes one Service's row; returns it, or undefined when the Service is gone. */
  refresh(serviceKey: string): ServiceSummary | undefined;
  service(serviceKey: string): ServiceSummary | undefined;
  services(): IterableIterator<[string, ServiceSummary]>;
  node(name: string): NodeSummary | undefined;
  nodes(): NodeSummary[];
}

export function createSummaries(
  model: ClusterModel,
  history: ServiceHistory,
  maxEndpointsPerSlice: number,
): Summaries {
  const rows = new Map<string, ServiceSummary>();
  return {
    refresh(serviceKey) {
      const service = model.get('Service', serviceKey) as Service | undefined;
      if (!service) {
        rows.delete(serviceKey);
        return undefined;
      }
      const row = serviceSummary({
        service,
        slices: model.slicesOf(serviceKey),
        endpoints: model.get('Endpoints', serviceKey) as Endpoints | undefined,
        churn: history.churn(serviceKey),
        maxEndpointsPerSlice,
      });
      rows.set(serviceKey, row);
      return row;
    },
    service: (serviceKey) => rows.get(serviceKey),
    services: () => rows.entries(),
    node(name) {
      const node = model.get('Node', name);
      return node && nodeSummary(node, model.endpointsOnNode(name));
    },
    nodes: () =>
      [...model.all('Node')].map((node) =>
        nodeSummary(node, model.endpointsOnNode(node.metadata.name ?? '')),
      ),
  };
}
