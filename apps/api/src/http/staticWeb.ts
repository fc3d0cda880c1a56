import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';
import { HttpError } from './errors.ts';

/** The attribute-safe form of a base path (it is already limited to URL path characters). */
const escapeAttribute = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * index.html with a `<base href>` of the base path: the app's asset URLs are relative, so one build
 * works at `/` and under any sub-path, and the app reads its base path back from document.baseURI.
 */
export function withBaseHref(html: string, basePath: string): string {
  const tag = `<base href="${escapeAttribute(basePath)}/">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${tag}${html}`;
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}${tag}${html.slice(end)}`;
}

/**
 * The built web app: hashed files under assets/ are immutable (cached for a year); index.html is
 * revalidated on every load so a new release is picked up at once, and read on each load so a
 * rebuild needs no restart. Paths the app routes itself (e.g. /services/shop/web) get index.html.
 * Nothing is served when the app is not built.
 */
export function staticWeb(webRoot: string | undefined, basePath: string): Router | undefined {
  if (webRoot === undefined || !existsSync(join(webRoot, 'index.html'))) return undefined;
  const router = Router();
  const assets = express.static(join(webRoot, 'assets'), {
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: false,
  });
  const sendIndex = async (response: Response) => {
    const html = await readFile(join(webRoot, 'index.html'), 'utf8');
    response.set('Cache-Control', 'no-cache').type('html').send(withBaseHref(html, basePath));
  };
  router.use('/assets', (request, response, next) => {
    // Without fallthrough, serve-static answers other methods with a bare 405 and no body.
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // serve-static's own 404 and 403 name the file on disk: say the path asked for instead.
    assets(request, response, (error?: { status?: number }) => {
      if (error?.status === 404 || error?.status === 403) {
        return next(
          new HttpError(404, 'not-found', `no file ${request.originalUrl.split('?')[0]}`),
        );
      }
      next(error);
    });
  });
  router.get('/index.html', (_request, response) => sendIndex(response));
  router.use(
    express.static(webRoot, {
      index: false,
      setHeaders: (response) => response.set('Cache-Control', 'no-cache'),
    }),
  );
  router.get(/^\/(?!api\/).*/, (_request, response) => sendIndex(response));
  return router;
}
