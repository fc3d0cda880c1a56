import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * The built web app: hashed files under assets/ are immutable (cached for a year); index.html is
 * revalidated on every load so a new release is picked up at once. Paths the app routes itself
 * (e.g. /services/shop/web) get index.html. Nothing is served when the app is not built.
 */
export function staticWeb(webRoot: string | undefined): Router | undefined {
  if (webRoot === undefined || !existsSync(join(webRoot, 'index.html'))) return undefined;
  const router = Router();
  const assets = express.static(join(webRoot, 'assets'), {
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: false,
  });
  router.use('/assets', (request, response, next) => {
    // Without fallthrough, serve-static answers other methods with a bare 405 and no body.
    if (request.method === 'GET' || request.method === 'HEAD') assets(request, response, next);
    else next();
  });
  router.use(
    express.static(webRoot, {
      index: false,
      setHeaders: (response) => response.set('Cache-Control', 'no-cache'),
    }),
  );
  router.get(/^\/(?!api\/).*/, (_request, response) => {
    response.set('Cache-Control', 'no-cache').sendFile(join(webRoot, 'index.html'));
  });
  return router;
}
