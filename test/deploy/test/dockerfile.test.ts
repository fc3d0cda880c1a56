import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  copyOf,
  envOf,
  execForm,
  ignoredBy,
  parseDockerfile,
  type Stage,
} from '../src/dockerfile.ts';
import { readRepoFile, repoRoot } from '../src/paths.ts';

const dockerfile = parseDockerfile(readRepoFile('deploy/Dockerfile'));
const ignore = readRepoFile('.dockerignore').split('\n');
const rootPackage = JSON.parse(readRepoFile('package.json')) as { packageManager: string };
const [build, runtime] = dockerfile.stages as [Stage, Stage];
const runs = (stage: Stage): string[] =>
  stage.instructions.filter((each) => each.keyword === 'RUN').map((each) => each.text);
const one = (stage: Stage, keyword: string): string => {
  const found = stage.instructions.filter((each) => each.keyword === keyword);
  expect(found, keyword).toHaveLength(1);
  return found[0]?.text ?? '';
};

describe('deploy/Dockerfile', () => {
  it('has a build stage and a runtime stage on the same pinned slim Node 20', () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    for (const stage of dockerfile.stages) {
      expect(stage.base).toMatch(
        /^node:20\.\d+\.\d+-(bookworm|trixie)-slim(@sha256:[0-9a-f]{64})?$/,
      );
    }
    expect(build.base).toBe(runtime.base);
  });

  it('builds with the pinned pnpm, from the lockfile, with a pruned production deploy', () => {
    const commands = runs(build).join('\n');
    expect(commands).toContain(
      `npm install --global --no-fund --no-audit ${rootPackage.packageManager}`,
    );
    expect(rootPackage.packageManager).toBe('pnpm@10.34.9');
    expect(commands).toMatch(/pnpm fetch/);
    expect(commands).toMatch(/pnpm install --offline --frozen-lockfile/);
    expect(commands).toMatch(/pnpm --filter @slicescope\/web build/);
    expect(commands).toMatch(
      /pnpm --filter @slicescope\/cli --prod deploy --legacy \/app\/apps\/cli/,
    );
    expect(commands).toMatch(/cp -R apps\/web\/dist \/app\/apps\/web\/dist/);
  });

  it('copies only what exists in the repository and is not ignored', () => {
    for (const instruction of build.instructions.filter((each) => each.keyword === 'COPY')) {
      const { flags, sources } = copyOf(instruction.text);
      expect(flags).toEqual({});
      for (const source of sources) {
        expect(existsSync(join(repoRoot, source)), source).toBe(true);
        if (source !== '.') expect(ignoredBy(ignore, source), source).toBe(false);
      }
    }
  });

  it('adds nothing from URLs (no ADD at all) and runs nothing in the runtime stage', () => {
    for (const stage of dockerfile.stages) {
      expect(stage.instructions.map((each) => each.keyword)).not.toContain('ADD');
    }
    expect(runs(runtime)).toEqual([]);
    const copies = runtime.instructions.filter((each) => each.keyword === 'COPY');
    expect(copies.map((each) => copyOf(each.text))).toEqual([
      { flags: { from: 'build' }, sources: ['/app'], destination: '/app' },
    ]);
  });

  it('runs as a numeric non-root user, writing only to /tmp', () => {
    const [uid, gid, ...rest] = one(runtime, 'USER').split(':');
    expect(rest).toEqual([]);
    expect(uid).toMatch(/^[1-9]\d{3,}$/);
    expect(gid).toMatch(/^[1-9]\d{3,}$/);
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', HOME: '/tmp', TMPDIR: '/tmp' });
    expect(one(runtime, 'WORKDIR')).toBe('/app');
  });

  it('starts `slicescope serve` in exec form, with no shell', () => {
    const entrypoint = execForm(one(runtime, 'ENTRYPOINT'));
    const command = execForm(one(runtime, 'CMD'));
    expect(entrypoint).toEqual(['node', '/app/apps/cli/bin/slicescope.mjs']);
    expect(command?.[0]).toBe('serve');
    const cli = JSON.parse(readRepoFile('apps/cli/package.json')) as {
      bin: Record<string, string>;
    };
    expect(`/app/apps/cli/${cli.bin.slicescope?.replace(/^\.\//, '')}`).toBe(entrypoint?.[1]);
  });
});

describe('.dockerignore', () => {
  it.each([
    'node_modules',
    'apps/api/node_modules',
    'apps/web/node_modules/react/index.js',
    '.git',
    '.git/HEAD',
    'test-results',
    'test/e2e/test-results/trace.zip',
    'apps/web/dist',
    'coverage',
    'deploy/Dockerfile',
    'apps/cli/t1.scratch.ts',
    'test/bench/build.tmp.ts',
  ])('keeps %s out of the build context', (path) => {
    expect(ignoredBy(ignore, path)).toBe(true);
  });

  it('keeps every workspace manifest, the lockfile and the sources in', () => {
    const workspaces = ['packages', 'apps', 'test'].flatMap((group) =>
      readdirSync(join(repoRoot, group), { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() && existsSync(join(repoRoot, group, entry.name, 'package.json')),
        )
        .map((entry) => `${group}/${entry.name}/package.json`),
    );
    expect(workspaces.length).toBeGreaterThan(5);
    for (const path of [
      ...workspaces,
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      '.npmrc',
      'tsconfig.base.json',
      'apps/cli/bin/slicescope.mjs',
      'apps/cli/src/main.ts',
      'apps/api/src/index.ts',
      'apps/web/index.html',
      'apps/web/src/main.tsx',
      'packages/core/src/index.ts',
    ]) {
      expect(ignoredBy(ignore, path), path).toBe(false);
    }
  });
});
