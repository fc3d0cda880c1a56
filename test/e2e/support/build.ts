import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, webRoot } from './paths.ts';

const BUILD_TIMEOUT_MS = 5 * 60_000;

/**
 * Builds the web app (`vite build` into apps/web/dist) through pnpm, as a developer would, bounded
 * in time; the build's output is shown only when it fails. Not with the test runner's NODE_ENV
 * (`test`): Vite would build React's development mode, which is not what users are served (its
 * StrictMode runs every effect twice, so the page would start each run twice).
 */
export function buildWebApp(): Promise<void> {
  const env = { ...process.env };
  delete env['NODE_ENV'];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['-y', 'pnpm@10.34.9', '--filter', '@slicescope/web', 'build'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: BUILD_TIMEOUT_MS,
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const text = Buffer.concat(output).toString('utf8');
      if (code === 0 && existsSync(join(webRoot, 'index.html'))) resolve();
      else
        reject(
          new Error(
            `building the web app failed (${signal ?? `exit ${code}`}):\n${text.slice(-6000)}`,
          ),
        );
    });
  });
}
