import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main } from '../src/main.ts';
import { binPath, runInProcess, runProcess } from './run.ts';

const reportExpress = fileURLToPath(new URL('./fixtures/reportExpress.mjs', import.meta.url));

describe('slicescope', () => {
  test('names an unknown command, also one that is a property of every object', async () => {
    for (const name of ['reconsile', 'toString', 'constructor', '__proto__']) {
      const { code, stderr } = await runInProcess([name]);
      expect(code).toBe(2);
      expect(stderr).toBe(`slicescope: unknown command "${name}"; see slicescope --help\n`);
    }
  });

  /** Runs `args` with a standard output whose every write fails with `code`. */
  async function failingOutput(args: string[], code: string, message: string) {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error(message), { code }));
      },
    });
    const stderr = new PassThrough();
    const errors: Buffer[] = [];
    stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    const exit = await main(args, { stdin: Readable.from([]), stdout, stderr });
    return { exit, stderr: Buffer.concat(errors).toString() };
  }

  test('a standard output that fails is one line on standard error and exit 1', async () => {
    const full = 'ENOSPC: no space left on device, write';
    const simulate = ['simulate', '--pods', '20', '--nodes', '5', '--operation', 'create', '--csv'];
    expect(await failingOutput(simulate, 'ENOSPC', full)).toEqual({
      exit: 1,
      stderr: `slicescope simulate: cannot write the output (${full})\n`,
    });
    expect(await failingOutput(['--help'], 'ENOSPC', full)).toEqual({
      exit: 1,
      stderr: `slicescope --help: cannot write the output (${full})\n`,
    });
  });

  test('a reader that stopped reading (a closed pipe) ends the command quietly', async () => {
    const args = ['simulate', '--pods', '20', '--nodes', '5', '--operation', 'create', '--csv'];
    expect(await failingOutput(args, 'EPIPE', 'write EPIPE')).toEqual({ exit: 0, stderr: '' });
  });

  test(
    'the installed command writing to a full disk (/dev/full) says so, without a stack trace',
    { timeout: 60_000 },
    async () => {
      const args = [binPath, 'simulate', '--pods', '20', '--nodes', '5', '--operation', 'create'];
      const child = spawn(process.execPath, args, {
        stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
        timeout: 60_000,
      });
      const errors: Buffer[] = [];
      child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(Buffer.concat(errors).toString()).toBe(
        'slicescope simulate: cannot write the output (ENOSPC: no space left on device, write)\n',
      );
    },
  );

  test(
    'loads only the command it runs: simulate starts without the server',
    { timeout: 60_000 },
    async () => {
      const run = (command: string) =>
        runProcess(process.execPath, ['--import', reportExpress, binPath, command, '--help'], '');
      const [simulate, serve] = await Promise.all([run('simulate'), run('serve')]);
      expect(simulate.code).toBe(0);
      expect(simulate.stdout).toContain('Usage: slicescope simulate');
      expect(simulate.stderr).toContain('express loaded: false');
      expect(serve.code).toBe(0);
      expect(serve.stderr).toContain('express loaded: true');
    },
  );
});
