import { spawn } from 'node:child_process';
import { startDemoSource, startServer } from '@slicescope/api';
import type { LiveCluster } from '@slicescope/cluster';
import { loadShippedScenario } from '@slicescope/contract';
import type { Scenario } from '@slicescope/core';
import { pino } from 'pino';
import { cliBin, repoRoot, webRoot } from './paths.ts';

/** A running `slicescope serve` on loopback, and how to reach and stop it. */
export interface Served {
  /** The app's URL with its base path and without a trailing slash: http://127.0.0.1:PORT/base */
  url: string;
  /** The embedded cluster, when it runs in this process (to cause a change in it). */
  cluster?: LiveCluster;
  /** What a child process wrote last (and how it ended, if it did), for failure messages. */
  output?: () => string;
  close(): Promise<void>;
}

export interface DemoOptions {
  scenario?: Scenario;
  basePath?: string;
  speed?: number;
  seed?: number;
  historyEntries?: number;
  /** The built web app to serve (default apps/web/dist). */
  webRoot?: string;
  /** How often the stream sends a heartbeat comment (the server's default otherwise). */
  heartbeatMs?: number;
}

/**
 * `slicescope serve` on the embedded demo cluster in this process, on 127.0.0.1 and a free port,
 * with the built web app: the same startServer and demo source the command wires, plus a handle
 * on the live cluster.
 */
export async function serveDemoInProcess(options: DemoOptions = {}): Promise<Served> {
  const source = await startDemoSource({
    scenario: options.scenario ?? loadShippedScenario('demo'),
    seed: options.seed ?? 1,
    speed: options.speed ?? 1,
  });
  let running;
  try {
    running = await startServer({
      source,
      host: '127.0.0.1',
      port: 0,
      app: { basePath: options.basePath ?? '', webRoot: options.webRoot ?? webRoot },
      watch: {
        pods: true,
        history: { maxEntries: options.historyEntries ?? 200, maxBytes: 4 * 1024 * 1024 },
      },
      ...(options.heartbeatMs !== undefined && { stream: { heartbeatMs: options.heartbeatMs } }),
      logger: pino({ level: 'silent' }),
      closeTimeoutMs: 1_000,
    });
  } catch (error) {
    await source.close();
    throw error;
  }
  const served = { url: running.url, cluster: source.cluster, close: () => running.close() };
  await untilReady(served).catch(async (error: unknown) => {
    await served.close();
    throw error;
  });
  return served;
}

/** Waits until every watch has listed (/readyz answers 200), for at most `timeoutMs`. */
export async function untilReady(served: Served, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${served.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`slicescope serve was not ready in ${timeoutMs} ms: ${last}`);
}

const START_LINE = / at (http:\/\/[^\s;]+?)\/?(?:;| \()/;

/**
 * The real command in a child process: `slicescope serve --port 0 --web-root apps/web/dist …`;
 * the URL comes from its start line, and it must be ready within `startTimeoutMs`.
 */
export function serveProcess(
  args: string[],
  { startTimeoutMs = 90_000, env }: { startTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      cliBin,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--web-root',
      webRoot,
      '--log-level',
      'warn',
      ...args,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  let written = '';
  const keep = (chunk: Buffer) => {
    written = (written + chunk.toString('utf8')).slice(-20_000);
  };
  return new Promise<Served>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`slicescope serve did not start: ${why}`)));
    };
    const timer = setTimeout(
      () => fail(`no start line in ${startTimeoutMs} ms\n${written}`),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const url = START_LINE.exec(written)?.[1];
      if (url === undefined || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.stderr.resume();
      const served: Served = { url, close: stop, output: () => written };
      untilReady(served, startTimeoutMs).then(
        () => resolve(served),
        (error: unknown) => void stop().then(() => reject(error as Error)),
      );
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', keep);
    child.once('exit', (code, signal) => {
      written += `\n[exited: ${signal ?? code}]`;
      fail(`exited (${signal ?? code})\n${written}`);
    });
  });
}

/** GET a JSON answer of the api below the served base path, e.g. api(served, '/overview'). */
export async function api<T>(served: Served, path: string): Promise<T> {
  const response = await fetch(`${served.url}/api/v1${path}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
