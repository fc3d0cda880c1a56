import {
  historySchema,
  nodeListSchema,
  nodeServicesSchema,
  overviewSchema,
  podDetailSchema,
  proxyViewSchema,
  serviceAnalysisSchema,
  serviceDetailSchema,
  zoneSummarySchema,
} from '@slicescope/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson } from './http.ts';

/** The REST answers the views read, keyed so the stream can refresh what a change touches. */

const seg = (value: string) => encodeURIComponent(value);
const servicePath = (namespace: string, name: string) => `/services/${seg(namespace)}/${seg(name)}`;

export const queryKeys = {
  overview: ['overview'] as const,
  zones: ['zones'] as const,
  nodes: ['nodes'] as const,
  nodeServices: (node: string) => ['nodes', node, 'services'] as const,
  service: (namespace: string, name: string) => ['service', namespace, name] as const,
  serviceSlices: (namespace: string, name: string) =>
    ['service', namespace, name, 'slices'] as const,
  analysis: (namespace: string, name: string) => ['service', namespace, name, 'analysis'] as const,
  history: (namespace: string, name: string) => ['service', namespace, name, 'history'] as const,
  proxy: (namespace: string, name: string, node: string) =>
    ['service', namespace, name, 'proxy', node] as const,
  pod: (namespace: string, name: string) => ['pod', namespace, name] as const,
};

const zoneListSchema = z.object({ items: z.array(zoneSummarySchema) });

export const useOverview = () =>
  useQuery({
    queryKey: queryKeys.overview,
    queryFn: ({ signal }) => getJson('/overview', overviewSchema, signal),
    refetchInterval: 10_000,
  });

export const useZones = () =>
  useQuery({
    queryKey: queryKeys.zones,
    queryFn: ({ signal }) => getJson('/zones', zoneListSchema, signal),
    refetchInterval: 10_000,
  });

export const useNodes = () =>
  useQuery({
    queryKey: queryKeys.nodes,
    queryFn: ({ signal }) => getJson('/nodes', nodeListSchema, signal),
  });

/** The Services with endpoints on a Node: fetched while its details are open. */
export const useNodeServices = (node: string) =>
  useQuery({
    queryKey: queryKeys.nodeServices(node),
    queryFn: ({ signal }) => getJson(`/nodes/${seg(node)}/services`, nodeServicesSchema, signal),
    refetchInterval: 10_000,
  });

/** The Service's summary and spec, without its slices (the stream brings those). */
export const useServiceDetail = (namespace: string, name: string) =>
  useQuery({
    queryKey: queryKeys.service(namespace, name),
    queryFn: ({ signal }) =>
      getJson(`${servicePath(namespace, name)}?slices=false`, serviceDetailSchema, signal),
  });

/** The Service's slices over REST: the fallback while the stream has not brought them. */
export const useServiceDetailSlices = (namespace: string, name: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.serviceSlices(namespace, name),
    queryFn: ({ signal }) => getJson(servicePath(namespace, name), serviceDetailSchema, signal),
    enabled,
  });

export const useServiceAnalysis = (namespace: string, name: string) =>
  useQuery({
    queryKey: queryKeys.analysis(namespace, name),
    queryFn: ({ signal }) =>
      getJson(`${servicePath(namespace, name)}/analysis`, serviceAnalysisSchema, signal),
  });

export const useServiceHistory = (namespace: string, name: string) =>
  useQuery({
    queryKey: queryKeys.history(namespace, name),
    queryFn: ({ signal }) =>
      getJson(`${servicePath(namespace, name)}/history`, historySchema, signal),
  });

/** `version` ('1.N') asks for the rules of that kube-proxy release instead of the default. */
export const useProxyView = (
  namespace: string,
  name: string,
  node: string | undefined,
  version?: string,
) =>
  useQuery({
    queryKey: [...queryKeys.proxy(namespace, name, node ?? ''), version ?? 'default'] as const,
    queryFn: ({ signal }) =>
      getJson(
        `${servicePath(namespace, name)}/proxy/${seg(node ?? '')}${
          version === undefined ? '' : `?version=${encodeURIComponent(version)}`
        }`,
        proxyViewSchema,
        signal,
      ),
    enabled: node !== undefined,
  });

export const usePod = (namespace: string, name: string | undefined) =>
  useQuery({
    queryKey: queryKeys.pod(namespace, name ?? ''),
    queryFn: ({ signal }) =>
      getJson(`/pods/${seg(namespace)}/${seg(name ?? '')}`, podDetailSchema, signal),
    enabled: name !== undefined,
  });
