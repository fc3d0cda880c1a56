import { Router } from 'express';
import { topServices, type Overview } from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';

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
        top: topServices(rows),
      };
      response.json(overview);
    })
    .all(readOnly);
  return router;
}
