import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { parse, serviceRefSchema } from '../params.ts';

/**
 * GET /stream: one server-sent-events stream per tab, for every kind at once (browsers allow about
 * six connections per origin over HTTP/1.1). `service` (repeatable) names the Services whose
 * slices the tab draws; Last-Event-ID resumes after a reconnect.
 */
export function streamRoutes({ hub, metrics, config }: AppDeps): Router {
  const router = Router();
  const querySchema = z.strictObject({
    service: z
      .union([serviceRefSchema, z.array(serviceRefSchema)])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
      .refine((services) => services.length <= config.maxFollowedServices, {
        message: `at most ${config.maxFollowedServices} services per stream`,
      }),
    lastEventId: z.string().max(64).optional(),
  });
  router.get('/stream', (request, response) => {
    const query = parse(querySchema, 'query', request);
    const header = request.headers['last-event-id'];
    const lastEventId = (typeof header === 'string' ? header : undefined) ?? query.lastEventId;
    hub.connect(response, query.service, lastEventId);
    metrics.sseClients(hub.clientCount());
    response.on('close', () => metrics.sseClients(hub.clientCount()));
  });
  return router;
}
