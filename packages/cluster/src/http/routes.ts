import { KIND_RESOURCES, type ObjectKind } from '@slicescope/core';

export type DiscoveryDocument =
  'api' | 'apis' | 'coreV1' | 'discoveryGroup' | 'discoveryV1' | 'version';

/** What a request path addresses. */
export type Route =
  | { type: 'discovery'; document: DiscoveryDocument }
  | { type: 'health' }
  | { type: 'collection'; kind: ObjectKind; namespace: string | undefined }
  | { type: 'object'; kind: ObjectKind; namespace: string | undefined; name: string }
  | { type: 'unknown' };

const DISCOVERY: Record<string, DiscoveryDocument> = {
  '/api': 'api',
  '/apis': 'apis',
  '/api/v1': 'coreV1',
  '/apis/discovery.k8s.io': 'discoveryGroup',
  '/apis/discovery.k8s.io/v1': 'discoveryV1',
  '/version': 'version',
};

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** Kinds by group-version prefix and plural resource name. */
const RESOURCES = new Map<string, ObjectKind>(
  (Object.keys(KIND_RESOURCES) as ObjectKind[]).map((kind) => {
    const { group, version, resource } = KIND_RESOURCES[kind];
    return [`${group === '' ? '/api' : `/apis/${group}`}/${version}/${resource}`, kind];
  }),
);

const PREFIXES = ['/api/v1', '/apis/discovery.k8s.io/v1'];

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Maps a URL path to what it addresses; paths of the real API that are not served are unknown. */
export function route(pathname: string): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const document = DISCOVERY[path];
  if (document !== undefined) return { type: 'discovery', document };
  if (HEALTH.has(path)) return { type: 'health' };

  const prefix = PREFIXES.find((candidate) => path.startsWith(`${candidate}/`));
  if (prefix === undefined) return { type: 'unknown' };
  const segments = path
    .slice(prefix.length + 1)
    .split('/')
    .map(decode);
  if (segments.some((segment) => segment === undefined || segment === ''))
    return { type: 'unknown' };
  const parts = segments as string[];

  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts.splice(0, 2);
  }
  const kind = RESOURCES.get(`${prefix}/${parts[0] ?? ''}`);
  if (kind === undefined || parts.length > 2) return { type: 'unknown' };
  const namespaced = KIND_RESOURCES[kind].namespaced;
  if (!namespaced && namespace !== undefined) return { type: 'unknown' };
  const name = parts[1];
  if (name === undefined) return { type: 'collection', kind, namespace };
  if (namespaced && namespace === undefined) return { type: 'unknown' };
  return { type: 'object', kind, namespace, name };
}
