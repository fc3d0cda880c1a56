import { Router } from 'express';
import type { NodeServices } from '@slicescope/contract';
import { zoneSummaries } from '../../analysis/index.ts';
import { nodeServices } from '../../views/nodeServices.ts';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';
import { nodeNameParamsSchema, parse } from '../params.ts';

export function nodeRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router
    .route('/nodes')
    .get((_request, response) => {
      const items = cluster.summaries.nodes().sort((a, b) => a.name.localeCompare(b.name));
      response.json({ items });
    })
    .all(readOnly);
  // Answered for a Node that is gone too: slices may still place endpoints on it.
  router
    .route('/nodes/:node/services')
    .get((request, response) => {
      const { node } = parse(nodeNameParamsSchema, 'params', request);
      const items = nodeServices(node, cluster.model.all('EndpointSlice'));
      const body: NodeServices = { node, items };
      response.json(body);
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
