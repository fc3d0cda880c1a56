import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envOf, execForm, parseDockerfile, type Stage } from '../src/dockerfile.ts';
import {
  container as containerOf,
  rehearseDeploy,
  snapshot,
  start as startIn,
  type Container,
  type ImageCopy,
  type Started,
} from '../src/image.ts';
import { render } from '../src/kustomize.ts';
import type { Json, JsonObject } from '../src/patch.ts';
import {
  at,
  container,
  expandedArgs,
  flag,
  readRepoFile,
  renderOverlay,
  userOverlay,
} from '../src/paths.ts';

/*
 * The image, as far as it can be run without Docker: the build stage's deploy step into a
 * temporary root, then the runtime stage's command from that copy — as the image's user when the
 * tests run as root — with only a fresh directory writable (the emptyDir at /tmp).
 */

const dockerfile = parseDockerfile(readRepoFile('deploy/Dockerfile'));
const runtime = dockerfile.stages.at(-1) as Stage;
const keyword = (name: string): string =>
  runtime.instructions.find((each) => each.keyword === name)?.text ?? '';
const user = keyword('USER');
const entrypoint = execForm(keyword('ENTRYPOINT')) ?? [];
const command = execForm(keyword('CMD')) ?? [];

let image: ImageCopy;
let box: Container;
let before: Map<string, number>;
const started: Started[] = [];

beforeAll(() => {
  image = rehearseDeploy(dockerfile);
  box = containerOf(user);
  before = snapshot(image.root);
});

afterAll(async () => {
  for (const each of started) if (each.child.exitCode === null) await each.stop();
  for (const dir of [box?.tmp, image?.root]) {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
});

const argv = (args: string[]): string[] => [...entrypoint, ...args].map((arg) => image.map(arg));

function start(args: string[], env: Record<string, string>): Started {
  const run = startIn(box, argv(args), env, image.map(keyword('WORKDIR')));
  started.push(run);
  return run;
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  return (await fetch(url, { headers })).status;
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await status(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered 200`);
}

/**
 * The container's args and env as the pod has them, but the embedded demo instead of the pod's
 * cluster and loopback on a free port instead of every interface on 8080; `more` replaces
 * further `--name=value` arguments.
 */
function podCommand(resources: JsonObject[], more: Record<string, string> = {}) {
  const main = container(resources);
  const pairs = (main.env ?? []) as { name: string; value: string }[];
  const env = Object.fromEntries(pairs.map(({ name, value }) => [name, value]));
  const replaced: Record<string, string> = { host: '127.0.0.1', port: '0', ...more };
  const args = expandedArgs(resources).flatMap((arg) => {
    if (arg === '--in-cluster') return ['--demo', '--scenario', 'small'];
    const name = /^--([a-z-]+)=/.exec(arg)?.[1];
    return name !== undefined && name in replaced ? [`--${name}=${replaced[name]}`] : [arg];
  });
  return { main, env: { ...envOf(runtime), ...env }, args };
}

describe('the image, run locally', () => {
  it("starts the runtime stage's ENTRYPOINT and CMD and finds the web app beside it", async () => {
    // PORT=0 instead of the image's 8080: a free port for the test.
    const run = start(command, { ...envOf(runtime), PORT: '0' });
    const url = await run.url;
    expect(await status(`${url}/healthz`)).toBe(200);
    await waitReady(`${url}/readyz`);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/">');
    const overview = (await (await fetch(`${url}/api/v1/overview`)).json()) as { source: Json };
    expect(overview.source).toMatchObject({ kind: 'demo' });
    expect(await run.stop(), run.stderr()).toBe(0);
  });

  it("serves the Deployment's arguments: probes and pages on the base path, nothing outside", async () => {
    const { main, env, args } = podCommand(renderOverlay('cluster-wide'));
    const run = start(args, env);
    const url = await run.url;
    const origin = new URL(url).origin;
    const basePath = new URL(url).pathname;
    expect(basePath).toBe(env.SLICESCOPE_BASE_PATH);
    await waitReady(`${origin}${String(at(main, 'readinessProbe.httpGet.path'))}`);
    expect(await status(`${origin}${String(at(main, 'livenessProbe.httpGet.path'))}`)).toBe(200);
    const page = await fetch(`${origin}${basePath}/services/shop/web`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<base href="${basePath}/">`);
    expect(await status(`${origin}${basePath}/api/v1/overview`)).toBe(200);
    for (const outside of ['/api/v1/overview', '/healthz', '/readyz', '/']) {
      expect(await status(`${origin}${outside}`), outside).toBe(404);
    }
    expect(await run.stop(), run.stderr()).toBe(0);
  });

  it('guards the api as the auth components configure it, and keeps the probes open', async () => {
    const overlay = userOverlay(['base-path', 'token-auth', 'auth-proxy'], 'namespace-scoped');
    const secrets = mkdtempSync(join(tmpdir(), 'slicescope-secret-'));
    chmodSync(secrets, 0o755);
    try {
      const resources = render(overlay);
      const token = 'a-token-from-the-secret-0123456789';
      writeFileSync(join(secrets, 'token'), `${token}\n`, { mode: 0o644 });
      const header = flag(expandedArgs(resources), 'auth-proxy-header') ?? '';
      // The test's requests come from loopback: that is the proxy's network here.
      const { main, env, args } = podCommand(resources, {
        'token-file': join(secrets, 'token'),
        'auth-proxy-cidr': '127.0.0.0/8',
      });
      const run = start(args, env);
      const url = await run.url;
      await waitReady(`${new URL(url).origin}${String(at(main, 'readinessProbe.httpGet.path'))}`);
      const api = `${url}/api/v1/overview`;
      const refused = await fetch(api);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(await status(api, { [header]: 'ada@example.com' })).toBe(200);
      expect(await status(api, { Authorization: `Bearer ${token}` })).toBe(200);
      expect(await run.stop(), run.stderr()).toBe(0);
      expect(run.stdout()).toContain('"user":"ada@example.com"');
      expect(run.stdout()).not.toContain(token);
    } finally {
      rmSync(overlay, { recursive: true, force: true });
      rmSync(secrets, { recursive: true, force: true });
    }
  });

  it('refuses a user header without the proxy network, before starting', () => {
    const [program, args] = box.command(
      argv(['serve', '--auth-proxy-header=X-Forwarded-User', '--demo']),
    );
    const result = spawnSync(program, args, {
      env: box.env(envOf(runtime)),
      encoding: 'utf8',
      timeout: 45_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--auth-proxy-header and --auth-proxy-cidr go together/);
  });

  it("carries the workspace packages' sources, not their tests, benchmarks or fixtures", () => {
    const packages = [...before.keys()]
      .filter((path) => basename(path) === 'package.json')
      .filter((path) => {
        const { name } = JSON.parse(readFileSync(path, 'utf8')) as { name?: string };
        return name?.startsWith('@slicescope/') ?? false;
      })
      .map(dirname);
    // The cli and the four packages it imports (as each package.json's "files" lists them).
    expect(new Set(packages.map((dir) => basename(dir)))).toEqual(
      new Set(['cli', 'api', 'core', 'contract', 'cluster']),
    );
    for (const dir of packages) {
      expect(
        readdirSync(dir).filter((entry) => ['test', 'bench'].includes(entry)),
        dir,
      ).toEqual([]);
      const keys = [...before.keys()].filter(
        (path) => path.startsWith(`${dir}/`) && /\.(pem|key)$/.test(path),
      );
      expect(keys, dir).toEqual([]);
    }
  });

  it('wrote nothing into the image, only to the /tmp stand-in (tsx keeps its cache there)', () => {
    // No file added, removed or taken over. (Contents are not compared: pnpm deploy hard-links
    // the workspace's own sources, which may be edited meanwhile; as the image's user, the
    // process cannot write to files it does not own anyway.)
    expect(snapshot(image.root)).toEqual(before);
    for (const run of started) expect(run.child.exitCode, run.stderr()).toBe(0);
    const uid = box.asImageUser ? user.split(':')[0] : String(process.getuid?.());
    expect(readdirSync(box.tmp)).toEqual([`tsx-${uid}`]);
  });
});
