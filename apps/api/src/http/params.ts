import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, invalid } from './errors.ts';

/** DNS-1123 label (namespaces, Service names) and subdomain (Node names), as Kubernetes allows. */
const label = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS-1123 label');
const subdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 subdomain');

export const serviceParamsSchema = z.object({ namespace: label, name: label });
export const nodeParamsSchema = serviceParamsSchema.extend({ node: subdomain });
export const nodeNameParamsSchema = z.object({ node: subdomain });
/** Pod names are DNS-1123 subdomains (they may hold dots), unlike Service names. */
export const podParamsSchema = z.object({ namespace: label, name: subdomain });

export function parse<T extends z.ZodType>(
  schema: T,
  where: 'query' | 'body' | 'params',
  request: Request,
): z.infer<T> {
  const result = schema.safeParse(request[where]);
  if (!result.success) throw invalid(where, result.error);
  return result.data;
}

/** A `namespace/name` Service reference of a query parameter. */
export const serviceRefSchema = z
  .string()
  .max(127)
  .refine((value) => {
    const [namespace, name, extra] = value.split('/');
    return (
      extra === undefined && label.safeParse(namespace).success && label.safeParse(name).success
    );
  }, 'must be namespace/name');

export function notFoundService(namespace: string, name: string): HttpError {
  return new HttpError(404, 'not-found', `service ${namespace}/${name} not found`);
}
