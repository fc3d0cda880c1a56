import { Router } from 'express';
import { LABEL_SERVICE_NAME } from '@slicescope/core';
import type { PodDetail } from '@slicescope/contract';
import type { AppDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { parse, podParamsSchema } from '../params.ts';
import { endpointView } from '../../views/sliceView.ts';
import { readOnly } from '../methods.ts';

/** GET /pods/:namespace/:name: a Pod and the slice endpoints that stand for it. */
export function podRoutes({ cluster }: AppDeps): Router {
  const router = Router();
  router
    .route('/pods/:namespace/:name')
    .get((request, response) => {
      const { namespace, name } = parse(podParamsSchema, 'params', request);
      const { model } = cluster;
      const pod = model.get('Pod', `${namespace}/${name}`);
      const endpoints = model.endpointsOfPod(namespace, name).map(({ slice, endpoint }) => ({
        service: slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? '',
        slice: slice.metadata.name ?? '',
        addressType: slice.addressType,
        endpoint: endpointView(endpoint),
      }));
      if (!pod && endpoints.length === 0) {
        throw new HttpError(404, 'not-found', `pod ${namespace}/${name} not found`);
      }
      const detail: PodDetail = { namespace, name, endpoints };
      if (pod) {
        const ready = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
        detail.pod = {
          uid: pod.metadata.uid ?? '',
          ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
          ...(pod.status?.phase ? { phase: pod.status.phase } : {}),
          ready: ready?.status === 'True',
          ips: (pod.status?.podIPs ?? []).map((entry) => entry.ip),
          ...(pod.metadata.deletionTimestamp
            ? { deletionTimestamp: pod.metadata.deletionTimestamp }
            : {}),
        };
      }
      response.json(detail);
    })
    .all(readOnly);
  return router;
}
