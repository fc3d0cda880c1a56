import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { readOnly } from '../methods.ts';

/** Probes and metrics: /healthz (the process answers), /readyz (every informer listed), /metrics. */
export function healthRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_request, response) => {
      response.type('text/plain').send('ok');
    })
    .all(readOnly);
  router
    .route('/readyz')
    .get((_request, response) => {
      if (cluster.ready()) {
        response.type('text/plain').send('ok');
        return;
      }
      const waiting = cluster.model
        .statuses()
        .filter((status) => !status.synced)
        .map(
          (status) =>
            `${status.kind}${status.namespace ? ` in ${status.namespace}` : ''}: ${status.lastError?.message ?? status.phase}`,
        );
      response
        .status(503)
        .type('text/plain')
        .send(`not ready\n${waiting.join('\n')}\n`);
    })
    .all(readOnly);
  return router;
}

export function metricsRoute({ metrics }: AppDeps): Router {
  const router = Router();
  router
    .route('/metrics')
    .get(async (_request, response) => {
      response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    })
    .all(readOnly);
  return router;
}
