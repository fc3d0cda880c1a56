import { Router } from 'express';
import { zoneSummaries } from '../../analysis/index.ts';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';

export function nodeRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router
    .route('/nodes')
    .get((_request, response) => {
      const items = cluster.summaries.nodes().sort((a, b) => a.name.localeCompare(b.name));
      response.json({ items });
    })
    .all(readOnly);
  router
    .route('/zones')
    .get((_request, response) => {
      const { model } = cluster;
      response.json({
        items: zoneSummaries([...model.all('Node')], [...model.all('EndpointSlice')]),
      });
    })
    .all(readOnly);
  return router;
}
