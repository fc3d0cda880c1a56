import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from './kustomize.ts';
import { isObject, type Json, type JsonObject } from './patch.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const deployDir = fileURLToPath(new URL('../../../deploy/', import.meta.url));

export const OVERLAYS = ['cluster-wide', 'namespace-scoped'] as const;

export const readRepoFile = (path: string): string =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** An overlay of deploy/overlays, rendered. */
export const renderOverlay = (overlay: string): JsonObject[] =>
  render(`${deployDir}overlays/${overlay}`);

/** The one resource of `kind` (and `name`), with its fields reachable by path. */
export function only(resources: readonly JsonObject[], kind: string, name?: string): JsonObject {
  const found = resources.filter(
    (resource) =>
      resource.kind === kind &&
      (name === undefined || (isObject(resource.metadata) && resource.metadata.name === name)),
  );
  if (found.length !== 1)
    throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0] as JsonObject;
}

/** The value at a dotted path (`spec.template.spec.containers.0.args`). */
export function at(value: Json | undefined, path: string): Json | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

/** The Deployment's one container. */
export function container(resources: readonly JsonObject[]): JsonObject {
  const containers = at(only(resources, 'Deployment'), 'spec.template.spec.containers');
  if (!Array.isArray(containers) || containers.length !== 1 || !isObject(containers[0])) {
    throw new Error('expected one container');
  }
  return containers[0];
}

/** The container's args with `$(NAME)` expanded from its env, as the kubelet does. */
export function expandedArgs(resources: readonly JsonObject[]): string[] {
  const main = container(resources);
  const env = new Map<string, string>();
  for (const entry of (main.env as Json[] | undefined) ?? []) {
    if (isObject(entry) && typeof entry.value === 'string')
      env.set(String(entry.name), entry.value);
  }
  return ((main.args as string[] | undefined) ?? []).map((arg) =>
    arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env.get(name) ?? whole),
  );
}

/** The value of a `--flag=value` argument. */
export function flag(args: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/**
 * A user's overlay in a temporary directory, as deploy/README.md shows it: an overlay of deploy/
 * with some of its components (paths relative, as kustomize requires). Remove it when done.
 */
export function userOverlay(components: readonly string[], overlay = 'cluster-wide'): string {
  const dir = mkdtempSync(join(tmpdir(), 'slicescope-overlay-'));
  const to = (path: string): string => relative(dir, `${deployDir}${path}`);
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      `  - ${to(`overlays/${overlay}`)}`,
      'components:',
      ...components.map((component) => `  - ${to(`components/${component}`)}`),
      '',
    ].join('\n'),
  );
  return dir;
}
