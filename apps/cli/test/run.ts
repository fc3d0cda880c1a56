import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CommandIO } from '../src/io.ts';
import { main } from '../src/main.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs the command in this process; `input` is standard input, as text or as its chunks.
 * `terminal`: standard error is a terminal (where simulate draws its progress bar).
 */
export async function runInProcess(
  args: string[],
  input: string | Iterable<Buffer> = '',
  terminal = false,
): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), terminal ? { isTTY: true } : {});
  const out = collect(stdout);
  const err = collect(stderr);
  const chunks = typeof input === 'string' ? [input] : input;
  const code = await main(args, { stdin: Readable.from(chunks), stdout, stderr });
  return { code, stdout: out(), stderr: err() };
}

export const binPath = fileURLToPath(new URL('../bin/slicescope.mjs', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Runs a real process (the installed command or pnpm), bounded in time. Standard input is
 * `input` as text, or the file (or directory) at `input.path` opened as it.
 */
export function runProcess(
  command: string,
  args: string[],
  input: string | { path: string },
  timeoutMs = 60_000,
): Promise<RunResult> {
  const fd = typeof input === 'string' ? undefined : openSync(input.path, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    if (fd !== undefined) closeSync(fd);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    if (typeof input === 'string') child.stdin?.end(input);
  });
}

/** A minimal valid input: Service `web` with `count` ready Pods on node-1 in zone-a. */
export function sampleInput(
  count: number,
  options: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    service: {
      metadata: { name: 'web', namespace: 'default', uid: 'svc-1' },
      spec: {
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        clusterIP: '10.0.0.1',
        ipFamilies: ['IPv4'],
      },
    },
    pods: Array.from({ length: count }, (_, i) => ({
      metadata: { name: `web-${i}`, namespace: 'default', uid: `pod-${i}`, labels: { app: 'web' } },
      spec: { nodeName: 'node-1' },
      status: {
        phase: 'Running',
        podIPs: [{ ip: `10.1.${i >> 8}.${i & 255}` }],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    })),
    nodes: [{ metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } }],
    existingSlices: [],
    options,
  };
}

/**
 * Starts a long-running command (cluster, serve) in this process; `ready` waits until `pattern`
 * matches what it wrote to `stream` and returns the first group (its URL); `stop` aborts it.
 */
export function startInProcess(
  command: (args: string[], io: CommandIO, signal?: AbortSignal) => Promise<number>,
  args: string[],
  pattern: RegExp,
  stream: 'stdout' | 'stderr',
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const stop = new AbortController();
  const done = command(args, { stdin: Readable.from([]), stdout, stderr }, stop.signal);
  const ready = async (): Promise<string> => {
    const written = stream === 'stdout' ? out : err;
    for (let i = 0; i < 200 && !pattern.test(written()); i++) {
      if (stream === 'stdout' && err()) throw new Error(err());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = pattern.exec(written())?.[1];
    if (!url) throw new Error(`the command did not start: ${out()}${err()}`);
    return url;
  };
  return { ready, stop: () => stop.abort(), done, stdout: out };
}

/**
 * A YAML scenario file, in a new temporary directory: one Service of 30 Pods on 4 Nodes,
 * rolled out at 10 s.
 */
export async function writeRolloutScenario(name: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'slicescope-scenario-')), `${name}.yaml`);
  await writeFile(
    file,
    [
      `name: ${name}`,
      'cluster:',
      '  zones: [{ name: zone-a, nodes: 4 }]',
      '  workloads: [{ name: web, replicas: 30, labels: { app: web } }]',
      '  services: [{ name: web, selector: { app: web }, ports: [{ port: 80 }] }]',
      'events: [{ at: 10, type: rollout, workload: web }]',
    ].join('\n'),
  );
  return file;
}
