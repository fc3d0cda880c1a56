import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectKind } from '@slicescope/core';
import type { FaultVerb } from '../faults/requestFaults.ts';
import type { ApiContext } from './context.ts';
import { discoveryDocument } from './discovery.ts';
import { serveGet } from './get.ts';
import { serveList } from './list.ts';
import { parseListOptions } from './listOptions.ts';
import { sendJson, sendStatus, sendText } from './respond.ts';
import { route, type Route } from './routes.ts';
import {
  internalError,
  methodNotAllowed,
  methodNotSupported,
  notAcceptable,
  unauthorized,
  unknownPath,
  type Status,
} from './status.ts';
import { includeObjectOption, negotiate } from './table.ts';
import { serveWatch } from './watch.ts';

interface HandlerDeps {
  ctx: ApiContext;
  /** Answers a request with an injected error instead of serving it (fault hooks). */
  takeFault: (
    kind: ObjectKind,
    verb: FaultVerb,
    namespace: string | undefined,
  ) => Status | undefined;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token: string | undefined;
}

const ENDPOINTS_WARNING =
  '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';

/** The write verbs, by HTTP method, as 405 messages name them. */
const WRITE_ACTIONS: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function authorized(req: IncomingMessage, token: string | undefined, target: Route): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization;
  // Like system:public-info-viewer: version and health are readable without credentials.
  const publicInfo =
    target.type === 'health' || (target.type === 'discovery' && target.document === 'version');
  if (header === undefined) return publicInfo;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { ctx } = deps;
  const url = new URL(req.url ?? '/', 'http://embedded.invalid');
  const target = route(url.pathname);
  if (!authorized(req, deps.token, target)) return sendStatus(res, unauthorized());
  if (target.type === 'unknown') return sendStatus(res, unknownPath());

  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const allow = { Allow: 'GET, HEAD' };
    if (target.type === 'collection' || target.type === 'object') {
      const action =
        method === 'DELETE' && target.type === 'collection'
          ? 'deletecollection'
          : (WRITE_ACTIONS[method] ?? method.toLowerCase());
      return sendStatus(res, methodNotSupported(target.kind, action), allow);
    }
    return sendStatus(res, methodNotAllowed(), allow);
  }

  if (target.type === 'health') return sendText(res, 200, 'ok');
  if (target.type === 'discovery') {
    const address = `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 0}`;
    return sendJson(res, 200, JSON.stringify(discoveryDocument(target.document, address)));
  }

  const representation = negotiate(req.headers.accept);
  if (representation.type === 'none') return sendStatus(res, notAcceptable());
  let table;
  if (representation.type === 'table') {
    const includeObject = includeObjectOption(url.searchParams);
    if (typeof includeObject === 'object') return sendStatus(res, includeObject);
    table = { apiVersion: representation.apiVersion, includeObject };
  }
  const headers: Record<string, string> =
    target.kind === 'Endpoints' ? { Warning: ENDPOINTS_WARNING } : {};

  if (target.type === 'object') {
    const fault = deps.takeFault(target.kind, 'get', target.namespace);
    if (fault !== undefined) return sendStatus(res, fault, headers);
    return serveGet(ctx, res, {
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
      resourceVersion: url.searchParams.get('resourceVersion') ?? '',
      table,
      headers,
    });
  }

  const parsed = parseListOptions(url.searchParams, target.kind);
  if (!parsed.ok) return sendStatus(res, parsed.status, headers);
  const fault = deps.takeFault(
    target.kind,
    parsed.options.watch ? 'watch' : 'list',
    target.namespace,
  );
  if (fault !== undefined) return sendStatus(res, fault, headers);
  const request = {
    kind: target.kind,
    namespace: target.namespace,
    options: parsed.options,
    table,
    headers,
  };
  return parsed.options.watch ? serveWatch(ctx, res, request) : serveList(ctx, res, request);
}

/**
 * The read-only Kubernetes API request handler: discovery, version, health, and get/list/watch
 * of the five kinds; every write verb is 405 MethodNotAllowed.
 */
export function createRequestHandler(
  deps: HandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendStatus(res, internalError(error instanceof Error ? error.message : String(error)));
    });
  };
}
