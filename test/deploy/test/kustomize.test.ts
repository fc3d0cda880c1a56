import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { render, resourceId } from '../src/kustomize.ts';
import { applyJson6902, strategicMerge, type JsonObject } from '../src/patch.ts';
import { deployDir, OVERLAYS, userOverlay } from '../src/paths.ts';

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function kustomization(text: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'slicescope-kustomize-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'kustomization.yaml'), text);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('JSON 6902', () => {
  const document = { spec: { args: ['serve'], paths: [{ path: '/a' }] } };

  it('adds, replaces, removes and tests', () => {
    expect(
      applyJson6902(document, [
        { op: 'add', path: '/spec/args/-', value: '--x' },
        { op: 'add', path: '/spec/args/0', value: 'node' },
        { op: 'replace', path: '/spec/paths/0/path', value: '/b' },
        { op: 'add', path: '/spec/new~1key', value: 1 },
        { op: 'test', path: '/spec/args/1', value: 'serve' },
        { op: 'remove', path: '/spec/args/0' },
      ]),
    ).toEqual({ spec: { args: ['serve', '--x'], paths: [{ path: '/b' }], 'new/key': 1 } });
    expect(document.spec.args).toEqual(['serve']);
  });

  it.each([
    { op: 'replace', path: '/spec/missing', value: 1 },
    { op: 'remove', path: '/spec/args/1' },
    { op: 'add', path: '/nope/deeper', value: 1 },
    { op: 'test', path: '/spec/args/0', value: 'other' },
    { op: 'replace', path: 'spec', value: 1 },
  ] as const)('fails on %j', (operation) => {
    expect(() => applyJson6902(document, [operation])).toThrow();
  });
});

describe('strategic merge', () => {
  it('merges containers and env by name, replaces other lists, deletes with null', () => {
    const target: JsonObject = {
      spec: {
        containers: [
          {
            name: 'a',
            args: ['x', 'y'],
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          { name: 'b', image: 'b' },
        ],
        tolerations: [{ key: 'k' }],
        dropped: true,
      },
    };
    const patch = {
      spec: {
        containers: [
          {
            name: 'a',
            args: ['z'],
            env: [
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
          },
        ],
        tolerations: [],
        dropped: null,
      },
    };
    expect(strategicMerge(target, patch)).toEqual({
      spec: {
        containers: [
          {
            name: 'a',
            args: ['z'],
            env: [
              { name: 'C', value: '4' },
              { name: 'A', value: '1' },
              { name: 'B', value: '3' },
            ],
          },
          { name: 'b', image: 'b' },
        ],
        tolerations: [],
      },
    });
  });

  it('refuses directives it does not implement', () => {
    expect(() => strategicMerge({ a: 1 }, { $patch: 'replace' })).toThrow(/directive/);
  });
});

describe('the renderer', () => {
  it('refuses fields it does not implement instead of ignoring them', () => {
    const dir = kustomization('kind: Kustomization\nnamePrefix: x-\nresources: [a.yaml]\n', {
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    });
    expect(() => render(dir)).toThrow(/unsupported field\(s\) namePrefix/);
  });

  it('refuses a patch that matches nothing, and a resource defined twice', () => {
    const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';
    const unmatched = kustomization(
      'kind: Kustomization\nresources: [a.yaml]\npatches:\n  - patch: "apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: b}\\n"\n',
      { 'a.yaml': a },
    );
    expect(() => render(unmatched)).toThrow(/no resource matches/);
    const twice = kustomization('kind: Kustomization\nresources: [a.yaml, b.yaml]\n', {
      'a.yaml': a,
      'b.yaml': a,
    });
    expect(() => render(twice)).toThrow(/defined twice/);
  });

  it('reads files only from inside the kustomization', () => {
    const dir = kustomization('kind: Kustomization\nresources: [../outside.yaml]\n');
    expect(() => render(dir)).toThrow();
  });
});

/** Real kustomize, when kubectl is installed (it embeds kustomize): it must render the same. */
const hasKubectl =
  spawnSync('kubectl', ['version', '--client'], { timeout: 30_000, stdio: 'ignore' }).status === 0;

function kubectlKustomize(dir: string): JsonObject[] {
  const output = execFileSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    timeout: 30_000,
    stdio: 'pipe',
  });
  return parseAllDocuments(output).map((document) => document.toJS() as JsonObject);
}

const byId = (resources: JsonObject[]): Record<string, JsonObject> =>
  Object.fromEntries(resources.map((resource) => [resourceId(resource), resource]));

describe.skipIf(!hasKubectl)('against kubectl kustomize', () => {
  it.each([...OVERLAYS.map((overlay) => `overlays/${overlay}`), 'base'])(
    'renders %s the same',
    (path) => {
      const dir = `${deployDir}${path}`;
      expect(byId(render(dir))).toEqual(byId(kubectlKustomize(dir)));
    },
  );

  it.each([
    [['base-path'], 'cluster-wide'],
    [['base-path', 'token-auth', 'auth-proxy'], 'namespace-scoped'],
  ])('renders the components %j on %s the same', (components, overlay) => {
    const dir = userOverlay(components, overlay);
    temporary.push(dir);
    expect(byId(render(dir))).toEqual(byId(kubectlKustomize(dir)));
  });
});
