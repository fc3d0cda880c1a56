import type { KubeObject, ObjectKind } from '@slicescope/core';
import { badRequest, type Status } from './status.ts';
import { COLUMNS, tableRow } from './tableRows.ts';

/** What the client's Accept header lets the server send. */
type Representation =
  | { type: 'json' }
  | { type: 'table'; apiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1' }
  | { type: 'none' };

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((piece) => piece.trim());
      const params = new Map<string, string>();
      for (const param of rest) {
        const eq = param.indexOf('=');
        if (eq > 0) params.set(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim());
      }
      const q = params.has('q') ? Number(params.get('q')) : 1;
      return { type: type.toLowerCase(), params, q: Number.isNaN(q) ? 0 : q };
    })
    .filter((range) => range.type !== '' && range.q > 0)
    .sort((a, b) => b.q - a.q);
}

/**
 * Content negotiation as kubectl relies on it: `application/json;as=Table;g=meta.k8s.io;v=v1`
 * (or v1beta1) gets a Table; plain JSON (or a wildcard) gets the object; other `as=` targets
 * (aggregated discovery, PartialObjectMetadata) and other encodings (protobuf, CBOR, YAML) are
 * skipped, so clients fall through to the next range they listed.
 */
export function negotiate(accept: string | undefined): Representation {
  if (accept === undefined || accept.trim() === '') return { type: 'json' };
  for (const range of parseAccept(accept)) {
    const as = range.params.get('as');
    if (range.type === 'application/json' && as !== undefined) {
      const version = range.params.get('v');
      if (
        as === 'Table' &&
        range.params.get('g') === 'meta.k8s.io' &&
        (version === 'v1' || version === 'v1beta1')
      ) {
        return { type: 'table', apiVersion: `meta.k8s.io/${version}` };
      }
    } else if (['application/json', 'application/*', '*/*'].includes(range.type)) {
      return { type: 'json' };
    }
  }
  return { type: 'none' };
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** `includeObject` of a Table request (default Metadata), or a 400 as the apiserver gives. */
export function includeObjectOption(query: URLSearchParams): IncludeObject | Status {
  const value = query.get('includeObject') ?? '';
  if (value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  return badRequest(
    `Unable to convert to Table as requested: includeObject: Unsupported value: ${JSON.stringify(value)}: supported values: "Metadata", "None", "Object"`,
  );
}

export interface TableOptions {
  apiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';
  includeObject: IncludeObject;
  /** Omit the column definitions (every watch event after the first). */
  noHeaders: boolean;
  now: number;
}

/** A metav1.Table of objects of one kind (the server-side printing `kubectl get` asks for). */
export function toTable(
  kind: ObjectKind,
  objects: readonly KubeObject[],
  listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
  options: TableOptions,
): object {
  return {
    kind: 'Table',
    apiVersion: options.apiVersion,
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? null : COLUMNS[kind],
    rows: objects.map((object) => {
      const row = tableRow(kind, object, options.now);
      switch (options.includeObject) {
        case 'None':
          return row;
        case 'Metadata':
          return {
            ...row,
            object: {
              kind: 'PartialObjectMetadata',
              apiVersion: options.apiVersion,
              metadata: object.metadata,
            },
          };
        case 'Object':
          return { ...row, object };
        default: {
          const never: never = options.includeObject;
          return never;
        }
      }
    }),
  };
}
