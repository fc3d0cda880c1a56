import { Router } from 'express';
import { z } from 'zod';
import {
  serviceDetailQuerySchema,
  serviceListQuerySchema,
  type ServiceDetail,
  type ServiceList,
  type ServiceListQuery,
  type ServiceSummary,
} from '@slicescope/contract';
import { proxyBehaviourForVersion, type Endpoints, type Service } from '@slicescope/core';
import { analyseService, proxyViewFor, type AnalysisInput } from '../../analysis/index.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { nodeParamsSchema, notFoundService, parse, serviceParamsSchema } from '../params.ts';
import { serviceSummary } from '../../views/serviceSummary.ts';
import { sliceView } from '../../views/sliceView.ts';
import { readOnly } from '../methods.ts';

const SORT_VALUE: Record<ServiceListQuery['sort'], (row: ServiceSummary) => number> = {
  name: () => 0,
  endpoints: (row) => row.endpoints,
  slices: (row) => row.slices,
  churn: (row) => row.churn,
  fragmentation: (row) => row.slices - row.idealSlices,
};

function listServices(rows: ServiceSummary[], query: ServiceListQuery): ServiceList {
  const q = query.q?.toLowerCase();
  const matching = rows.filter(
    (row) =>
      (query.namespace === undefined || row.namespace === query.namespace) &&
      (q === undefined || `${row.namespace}/${row.name}`.includes(q)) &&
      (query.flag === undefined || row.flags.includes(query.flag)),
  );
  const value = SORT_VALUE[query.sort];
  const direction = query.order === 'asc' ? 1 : -1;
  const name = (row: ServiceSummary): string => `${row.namespace}/${row.name}`;
  matching.sort((a, b) => direction * (value(a) - value(b) || name(a).localeCompare(name(b))));
  return {
    items: matching.slice(query.offset, query.offset + query.limit),
    total: matching.length,
    offset: query.offset,
    limit: query.limit,
  };
}

const proxyQuerySchema = z.strictObject({
  version: z
    .string()
    .regex(/^1\.\d{1,3}$/, 'must be a kube-proxy version like 1.33')
    .optional(),
});

export function serviceRoutes({ cluster, config, now }: AppDeps): Router {
  const router = Router();
  const { model, summaries, history } = cluster;

  const serviceOf = (namespace: string, name: string): Service => {
    const service = model.get('Service', `${namespace}/${name}`);
    if (!service) throw notFoundService(namespace, name);
    return service;
  };
  const analysisInput = (service: Service): AnalysisInput => {
    const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
    const source = cluster.source();
    const absent = source.absent ?? [];
    return {
      service,
      slices: model.slicesOf(key),
      pods: source.pods ? model.podsIn(service.metadata.namespace ?? '') : undefined,
      ...(absent.includes('Pod') && { podsUnknown: 'the dump holds no Pods' }),
      nodes: [...model.all('Node')],
      ...(absent.includes('Node') && {
        nodesUnknown:
          'the dump holds no Nodes (they are cluster-wide: add `kubectl get nodes -o json`)',
      }),
      ...(source.takenAt !== undefined && { takenAt: source.takenAt }),
      endpoints: model.get('Endpoints', key) as Endpoints | undefined,
      options: { maxEndpointsPerSlice: config.maxEndpointsPerSlice },
    };
  };

  router
    .route('/services')
    .get((request, response) => {
      const query = parse(serviceListQuerySchema, 'query', request);
      response.json(
        listServices(
          [...summaries.services()].map(([, row]) => row),
          query,
        ),
      );
    })
    .all(readOnly);

  router
    .route('/services/:namespace/:name')
    .get((request, response) => {
      const { namespace, name } = parse(serviceParamsSchema, 'params', request);
      const query = parse(serviceDetailQuerySchema, 'query', request);
      const service = serviceOf(namespace, name);
      const key = `${namespace}/${name}`;
      const slices = model.slicesOf(key);
      const { spec } = service;
      const detail: ServiceDetail = {
        summary: serviceSummary({
          service,
          slices,
          endpoints: model.get('Endpoints', key) as Endpoints | undefined,
          churn: history.churn(key),
          maxEndpointsPerSlice: config.maxEndpointsPerSlice,
        }),
        spec: {
          ...(spec.selector ? { selector: spec.selector } : {}),
          ports: (spec.ports ?? []).map((port) => ({ ...port })),
          ipFamilies: spec.ipFamilies ?? [],
          ...(typeof spec.internalTrafficPolicy === 'string'
            ? { internalTrafficPolicy: spec.internalTrafficPolicy }
            : {}),
          ...(typeof spec.externalTrafficPolicy === 'string'
            ? { externalTrafficPolicy: spec.externalTrafficPolicy }
            : {}),
          publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
        },
        slices: query.slices === 'true' ? slices.map(sliceView) : [],
      };
      response.json(detail);
    })
    .all(readOnly);

  router
    .route('/services/:namespace/:name/analysis')
    .get((request, response) => {
      const { namespace, name } = parse(serviceParamsSchema, 'params', request);
      response.json(analyseService(analysisInput(serviceOf(namespace, name)), now()));
    })
    .all(readOnly);

  router
    .route('/services/:namespace/:name/proxy/:node')
    .get((request, response) => {
      const { namespace, name, node } = parse(nodeParamsSchema, 'params', request);
      const { version } = parse(proxyQuerySchema, 'query', request);
      const input = analysisInput(serviceOf(namespace, name));
      if (version !== undefined) {
        const behaviour = proxyBehaviourForVersion(Number(version.slice(2)));
        if (!behaviour) {
          const message = `query.version: kube-proxy ${version} reads no topology hints; the view models 1.21 or later`;
          throw new HttpError(400, 'invalid-request', message, 'query.version');
        }
        input.options = { ...input.options, proxyBehaviour: behaviour };
      }
      const result = proxyViewFor(input, node);
      if (!result.ok) throw new HttpError(404, 'not-found', result.message);
      response.json(result.view);
    })
    .all(readOnly);

  router
    .route('/services/:namespace/:name/history')
    .get((request, response) => {
      const { namespace, name } = parse(serviceParamsSchema, 'params', request);
      serviceOf(namespace, name);
      const key = `${namespace}/${name}`;
      // Read together, in one turn of the event loop: the entries rewind exactly from these slices.
      response.json({ ...history.history(key), slices: model.slicesOf(key).map(sliceView) });
    })
    .all(readOnly);
  return router;
}
