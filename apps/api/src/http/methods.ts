import type { Request, Response } from 'express';
import { HttpError } from './errors.ts';

/**
 * Any other method on a path that answers `allowed` only: 405 naming the ones that work, in
 * `Allow` too; OPTIONS is answered with them (204).
 */
export function onlyMethods(...allowed: string[]) {
  const allow = allowed.join(', ');
  return (request: Request, response: Response): void => {
    response.set('Allow', allow);
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    throw new HttpError(
      405,
      'method-not-allowed',
      `${request.method} ${request.originalUrl.split('?')[0] ?? ''}: only ${allowed.join(' or ')} is answered here`,
    );
  };
}

/** The answer for a path that only reads: any method but GET and HEAD gets 405. */
export const readOnly = onlyMethods('GET', 'HEAD');
