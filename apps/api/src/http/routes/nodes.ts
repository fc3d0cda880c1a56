import { Router } from 'express';
import { zoneSummaries } from '../../analysis/index.ts';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';

export function nodeRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router.get('/nodes', (_request, response) => {
    const items = cluster.summaries.nodes().sort((a, b) => a.name.localeCompare(b.name));
    response.json({ items });
  });
  router.get('/zones', (_request, response) => {
    const { model } = cluster;
    response.json({
      items: zoneSummaries([...model.all('Node')], [...model.all('EndpointSlice')]),
    });
  });
  router.all(['/nodes', '/zones'], readOnly);
  return router;
}
