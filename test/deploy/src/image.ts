import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envOf, type Dockerfile } from './dockerfile.ts';
import { readRepoFile, repoRoot } from './paths.ts';

/**
 * A local run of the image's steps, since Docker cannot build here: the build stage's deploy RUN
 * (pnpm deploy of the cli, the web app copied beside it) into `<root>/app` instead of /app, then
 * the runtime stage's command from there, as its numeric user when this process may switch to it.
 */
export interface ImageCopy {
  /** Stands for the image's root: `/app/...` is `<root>/app/...`. */
  root: string;
  /** Whether apps/web/dist was not built, so a stand-in index.html was copied instead. */
  stubWeb: boolean;
  /** Maps an absolute path of the image into the copy. */
  map(path: string): string;
}

function pnpm(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  const { packageManager } = JSON.parse(readRepoFile('package.json')) as { packageManager: string };
  return ['npx', ['-y', packageManager]];
}

/** Runs the build stage's RUN that deploys into /app, command by command. */
export function rehearseDeploy(dockerfile: Dockerfile): ImageCopy {
  const root = mkdtempSync(join(tmpdir(), 'slicescope-image-'));
  // mkdtemp makes 0700 directories; the image's files are readable by every user.
  chmodSync(root, 0o755);
  const map = (path: string): string => (path.startsWith('/app') ? join(root, path) : path);
  const build = dockerfile.stages[0];
  const step = build?.instructions.find(
    (each) => each.keyword === 'RUN' && / deploy /.test(each.text),
  );
  if (!build || !step) throw new Error('no RUN … deploy … in the build stage');
  let stubWeb = false;
  for (const command of step.text.split('&&').map((part) => part.trim().split(/\s+/))) {
    const [program, ...args] = command;
    if (program === 'pnpm') {
      const [binary, prefix] = pnpm();
      const result = spawnSync(binary, [...prefix, ...args.map(map)], {
        cwd: repoRoot,
        // The store already holds every package the workspace installed.
        env: { ...process.env, ...envOf(build), npm_config_prefer_offline: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (result.status !== 0) throw new Error(`pnpm ${args.join(' ')}: ${result.stderr}`);
    } else if (program === 'mkdir' && args[0] === '-p' && args.length === 2) {
      mkdirSync(map(args[1] ?? ''), { recursive: true });
    } else if (program === 'cp' && args[0] === '-R' && args.length === 3) {
      const [, from = '', to = ''] = args;
      if (existsSync(join(repoRoot, from)))
        cpSync(join(repoRoot, from), map(to), { recursive: true });
      else if (from === 'apps/web/dist') {
        // The web app is built by `pnpm --filter @slicescope/web build`, not by this test.
        mkdirSync(map(to), { recursive: true });
        writeFileSync(
          join(map(to), 'index.html'),
          '<!doctype html><html><head></head><body>stand-in</body></html>\n',
        );
        stubWeb = true;
      } else throw new Error(`cp: no ${from} in the repository`);
    } else {
      throw new Error(`the rehearsal does not know the command: ${command.join(' ')}`);
    }
  }
  return { root, stubWeb, map };
}

/** Every path under `dir` with its owner, to see that nothing was added. */
export function snapshot(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      files.set(full, lstatSync(full).uid);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return files;
}

/**
 * How the container's process is run here: as the image's `user` ("uid:gid") when this process
 * is root and setpriv exists (else as whoever runs the tests), with HOME and TMPDIR in `tmp`, a
 * directory only that user can write — the pod's emptyDir at /tmp, kept across runs as it is
 * across container restarts.
 */
export interface Container {
  user: string;
  asImageUser: boolean;
  tmp: string;
  /** The program and arguments that run `argv` (node first) as that user. */
  command(argv: readonly string[]): [string, string[]];
  env(env: Record<string, string>): Record<string, string>;
}

export function container(user: string): Container {
  const [uid = 0, gid = 0] = user.split(':').map(Number);
  const tmp = mkdtempSync(join(tmpdir(), 'slicescope-image-tmp-'));
  const asImageUser = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
  if (asImageUser) chownSync(tmp, uid, gid);
  return {
    user,
    asImageUser,
    tmp,
    command: ([program = '', ...args]) => {
      const node = program === 'node' ? process.execPath : program;
      if (!asImageUser) return [node, args];
      return [
        'setpriv',
        ['--reuid', String(uid), '--regid', String(gid), '--clear-groups', node, ...args],
      ];
    },
    env: (env) => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, HOME: tmp, TMPDIR: tmp }),
  };
}

export interface Started {
  child: ChildProcess;
  /** The URL the command printed, with 127.0.0.1 for an address that listens everywhere. */
  url: Promise<string>;
  /** What it wrote to standard output so far (its JSON log lines). */
  stdout(): string;
  /** What it wrote to standard error so far. */
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts `argv` in `box` and reads the URL it serves at from its standard error. */
export function start(
  box: Container,
  argv: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Started {
  const [program, args] = box.command(argv);
  const child = spawn(program, args, { cwd, env: box.env(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 45_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = / at (http\S+?)\/[;\s]/.exec(stderr)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:'));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stderr}`));
    });
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
