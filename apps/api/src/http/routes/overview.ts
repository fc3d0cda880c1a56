import { Router } from 'express';
import type { Overview, ServiceSummary } from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';

const TOP = 10;

function top(
  rows: readonly ServiceSummary[],
  value: (row: ServiceSummary) => number,
): Overview['top']['byEndpoints'] {
  return rows
    .filter((row) => value(row) > 0)
    .sort(
      (a, b) =>
        value(b) - value(a) || `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    )
    .slice(0, TOP)
    .map((row) => ({ namespace: row.namespace, name: row.name, value: value(row) }));
}

export function overviewRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router
    .route('/overview')
    .get((_request, response) => {
      const { model, summaries } = cluster;
      const rows = [...summaries.services()].map(([, row]) => row);
      const source = cluster.source();
      const overview: Overview = {
        source,
        ready: cluster.ready(),
        informers: model.statuses(),
        counts: {
          services: model.count('Service'),
          slices: model.count('EndpointSlice'),
          endpoints: rows.reduce((sum, row) => sum + row.endpoints, 0),
          ...(source.pods ? { pods: model.count('Pod') } : {}),
          nodes: model.count('Node'),
        },
        top: {
          byEndpoints: top(rows, (row) => row.endpoints),
          bySlices: top(rows, (row) => row.slices),
          byChurn: top(rows, (row) => row.churn),
        },
      };
      response.json(overview);
    })
    .all(readOnly);
  return router;
}
