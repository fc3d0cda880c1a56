import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, webRoot } from './paths.ts';

const BUILD_TIMEOUT_MS = 5 * 60_000;

/**
 * Builds the web app (`vite build` into apps/web/dist) through pnpm, as a developer would, bounded
 * in time; the build's output is shown only when it fails.
 */
export function buildWebApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['-y', 'pnpm@10.34.9', '--filter', '@slicescope/web', 'build'], {
      cwd: repoRoot,
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
