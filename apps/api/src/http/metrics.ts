import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';
import type { InformerPhase, InformerStatus } from '../informer/types.ts';

const PHASES: readonly InformerPhase[] = ['starting', 'listing', 'watching', 'backoff', 'stopped'];

/** The api's Prometheus metrics, in a registry of its own (never the global one). */
export interface ApiMetrics {
  registry: Registry;
  informerStatus(status: InformerStatus): void;
  eventIngested(kind: string): void;
  sseClients(count: number): void;
  batch(changes: number): void;
  requests: RequestHandler;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'slicescope_' });
  const phase = new Gauge({
    name: 'slicescope_informer_phase',
    help: '1 for the phase each informer is in (kind, namespace), 0 for the others.',
    labelNames: ['kind', 'namespace', 'phase'],
    registers: [registry],
  });
  const synced = new Gauge({
    name: 'slicescope_informer_synced',
    help: 'Whether the informer has applied a full list.',
    labelNames: ['kind', 'namespace'],
    registers: [registry],
  });
  const ingested = new Counter({
    name: 'slicescope_events_ingested_total',
    help: 'Object changes applied to the model, by kind.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const clients = new Gauge({
    name: 'slicescope_sse_clients',
    help: 'Open server-sent-event streams.',
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'slicescope_stream_batch_changes',
    help: 'Changes per stream batch.',
    buckets: [1, 5, 20, 100, 500, 2000, 10000],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'slicescope_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status (streams excluded).',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  return {
    registry,
    informerStatus(status) {
      const namespace = status.namespace ?? '';
      for (const each of PHASES) {
        phase.set({ kind: status.kind, namespace, phase: each }, each === status.phase ? 1 : 0);
      }
      synced.set({ kind: status.kind, namespace }, status.synced ? 1 : 0);
    },
    eventIngested: (kind) => ingested.inc({ kind }),
    sseClients: (count) => clients.set(count),
    batch: (changes) => batches.observe(changes),
    requests(request, response, next) {
      const end = latency.startTimer();
      response.on('finish', () => {
        if (response.getHeader('Content-Type')?.toString().startsWith('text/event-stream')) return;
        // The route pattern, not the path: Service names must not become label values.
        const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
        end({
          // Routing ignores case: /API/V1 must not add a series per spelling.
          route: `${request.baseUrl.toLowerCase()}${route}`,
          method: request.method,
          status: response.statusCode,
        });
      });
      next();
    },
  };
}
