import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { formatPath, issueRule, type ApiError } from '@slicescope/contract';
import type { ZodError } from 'zod';

/** An error the api answers with its own status and code; anything else is a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The line of the problem in a text the request sent (a scenario's). */
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The api's one error shape of an error, as answers and event streams carry it. */
export function apiErrorBody(error: HttpError): ApiError {
  const body: ApiError = { error: { code: error.code, message: error.message } };
  if (error.field !== undefined) body.error.field = error.field;
  if (error.line !== undefined) body.error.line = error.line;
  return body;
}

export function sendError(response: Response, error: HttpError): void {
  const body = apiErrorBody(error);
  // Forced: a file being sent (a Range error of index.html) may already have set text/html.
  response
    .status(error.status)
    .set('Cache-Control', 'no-store')
    .type('application/json')
    .json(body);
}

/**
 * A zod failure as a 400 that names the first problem and its field (`query.limit`,
 * `body.service.events[0].type`: written as a scenario's fields are).
 */
export function invalid(where: 'query' | 'body' | 'params', error: ZodError): HttpError {
  const issue = error.issues[0];
  // An unknown key's issue has the path of its object; the field is the key itself.
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const field = formatPath([where, ...(issue?.path ?? []), ...unknownKey]);
  const rule = issue === undefined ? 'invalid' : issueRule(issue);
  return new HttpError(400, 'invalid-request', `${field}: ${rule}`, field);
}

export const notFound: RequestHandler = (request, response) => {
  sendError(
    response,
    // The path as the client sent it: under a router, `request.path` has lost the mount point.
    new HttpError(
      404,
      'not-found',
      `no route for ${request.method} ${request.originalUrl.split('?')[0] ?? ''}`,
    ),
  );
};

function parsesAsJson(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  charset?: string;
  encoding?: string;
  errno?: number;
}

/**
 * What the body parser and the router refuse before a route runs, said with the field: a
 * charset or content-encoding it does not read, a body that does not decompress as its
 * content-encoding says (zlib's and brotli's errors carry an errno), a path segment that is not
 * valid percent-encoding.
 */
function bodyOrPathError(error: BodyParserError): HttpError | undefined {
  if (error.type === 'charset.unsupported') {
    const message = `body: charset ${error.charset ?? '?'} is not read here; send UTF-8`;
    return new HttpError(415, 'unsupported-media-type', message, 'body');
  }
  if (error.type === 'encoding.unsupported') {
    const message = `body: content-encoding ${error.encoding ?? '?'} is not read here; send gzip, deflate, br or none`;
    return new HttpError(415, 'unsupported-media-type', message, 'body');
  }
  if (error.status === 400 && typeof error.errno === 'number') {
    const message = 'body: does not decompress as its content-encoding says';
    return new HttpError(400, 'invalid-request', message, 'body');
  }
  const param = /^Failed to decode param '(.*)'$/.exec(error.message ?? '')?.[1];
  if (error.status === 400 && param !== undefined) {
    const message = `path: ${param} is not valid percent-encoding`;
    return new HttpError(400, 'invalid-request', message, 'path');
  }
  return undefined;
}

/** The body parser's and Express's own errors, mapped to the one error shape; never a stack. */
export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpError) return sendError(response, error);
    const status = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      return sendError(
        response,
        new HttpError(413, 'too-large', 'body: the request body is too large', 'body'),
      );
    }
    if (type === 'entity.parse.failed') {
      // The parser takes only objects and arrays: `null` or `"x"` are JSON, just not a body.
      const notABody = parsesAsJson((error as { body?: unknown }).body);
      return sendError(
        response,
        notABody
          ? new HttpError(400, 'invalid-request', 'body: must be a JSON object', 'body')
          : new HttpError(400, 'invalid-json', 'body: not valid JSON', 'body'),
      );
    }
    const known = bodyOrPathError(error as BodyParserError);
    if (known) return sendError(response, known);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = status === 404 ? 'not-found' : 'invalid-request';
      return sendError(
        response,
        new HttpError(status, code, (error as Error).message || 'bad request'),
      );
    }
    log(error);
    sendError(response, new HttpError(500, 'internal', 'internal error'));
  };
}
