import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { parse, serviceRefSchema } from '../params.ts';
import { readOnly } from '../methods.ts';

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
  });
  router
    .route('/stream')
    .get((request, response) => {
      const query = parse(querySchema, 'query', request);
      const header = request.headers['last-event-id'];
      // Only the header: EventSource resends it on its own reconnects, to the same URL (the same
      // Services), which is what a replay of the missed deltas assumes.
      const lastEventId = typeof header === 'string' && header.length <= 64 ? header : undefined;
      hub.connect(response, query.service, lastEventId);
      metrics.sseClients(hub.clientCount());
      response.on('close', () => metrics.sseClients(hub.clientCount()));
    })
    .all(readOnly);
  return router;
}
