import express, { Router, type Express } from 'express';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { hostCheck, requireAuth, SESSION_COOKIE, tokenMatches } from './auth.ts';
import { trustedPeers } from './authProxy.ts';
import { errorHandler, HttpError, notFound } from './errors.ts';
import { jsonBody } from './jsonBody.ts';
import { onlyMethods } from './methods.ts';
import { parse } from './params.ts';
import { healthRoutes, metricsRoute } from './routes/health.ts';
import { nodeRoutes } from './routes/nodes.ts';
import { overviewRoutes } from './routes/overview.ts';
import { podRoutes } from './routes/pods.ts';
import { serviceRoutes } from './routes/services.ts';
import { simulateRoutes } from './routes/simulate.ts';
import { streamRoutes } from './routes/stream.ts';
import { noStore, permissionsPolicy, securityHeaders } from './security.ts';
import { staticWeb } from './staticWeb.ts';

const sessionSchema = z.strictObject({ token: z.string().min(1).max(4096) });

/** POST /session: trades the token for an HttpOnly, SameSite=Strict cookie the browser keeps. */
function sessionRoutes(token: string, basePath: string): Router {
  const router = Router();
  router
    .route('/session')
    .post(jsonBody(8192), (request, response) => {
      const body = parse(sessionSchema, 'body', request);
      if (!tokenMatches(token, body.token)) {
        throw new HttpError(401, 'unauthorized', 'body.token: not the right token', 'body.token');
      }
      response.cookie(SESSION_COOKIE, body.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.secure,
        path: basePath === '' ? '/' : basePath,
      });
      response.status(204).end();
    })
    .all(onlyMethods('POST'));
  return router;
}

/**
 * The probes, which kubelet sends with the pod's IP as Host: the Host check lets an IP through to
 * them (a rebinding page always has a host name), and nothing else.
 */
const PROBES = ['/healthz', '/readyz'];

/**
 * The api as an Express app that never listens (the caller does): REST under
 * `<basePath>/api/v1`, the stream, probes, metrics and the built web app. Read-only toward the
 * cluster: every answer comes from the in-memory model; no path reaches the cluster.
 */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-Proto (TLS, for the session cookie's Secure) is believed from private networks
  // and from the auth proxy's own networks, which may be neither (100.64.0.0/10, global IPv6).
  app.set('trust proxy', 'loopback, uniquelocal');
  // The auth proxy's networks, one test for both its X-Forwarded-Proto and its user header.
  const authProxy = config.authProxy && {
    header: config.authProxy.header,
    trusted: trustedPeers(config.authProxy.cidrs),
  };
  if (authProxy !== undefined) {
    // Checked as the proxy's header is (trustedPeers): Express's own parser refuses some of the
    // CIDRs --auth-proxy-cidr takes (a /0, surrounding spaces).
    const privateRanges = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
    app.set(
      'trust proxy',
      (address: string, hop: number) => privateRanges(address, hop) || authProxy.trusted(address),
    );
  }
  app.set('query parser', 'extended');
  // On every response, also the 404s of paths outside the base path.
  app.use(securityHeaders(), permissionsPolicy);

  const mounted = Router();
  mounted.use(deps.metrics.requests);
  if (config.allowedHosts !== undefined) mounted.use(hostCheck(config.allowedHosts, PROBES));
  mounted.use(healthRoutes(deps));
  if (config.token !== undefined) {
    mounted.use('/api/v1', noStore, sessionRoutes(config.token, config.basePath));
  }
  // The web app's files hold no data and must load to show the sign-in; the data is guarded.
  const guard = requireAuth(
    { token: config.token, authProxy },
    logger.child({ component: 'auth' }),
  );
  if (guard) {
    mounted.use('/api', guard);
    mounted.use('/metrics', guard);
  }
  mounted.use(metricsRoute(deps));
  const api = Router();
  api.use(noStore);
  api.use(overviewRoutes(deps));
  api.use(serviceRoutes(deps));
  api.use(nodeRoutes(deps));
  api.use(podRoutes(deps));
  api.use(streamRoutes(deps));
  api.use(simulateRoutes(deps));
  api.use(notFound);
  mounted.use('/api/v1', api);
  mounted.use('/api', notFound);
  const web = staticWeb(config.webRoot, config.basePath);
  if (web) mounted.use(web);
  mounted.use(notFound);

  app.use(config.basePath === '' ? '/' : config.basePath, mounted);
  app.use(notFound);
  app.use(errorHandler((error) => logger.error({ err: error }, 'request failed')));
  return app;
}
