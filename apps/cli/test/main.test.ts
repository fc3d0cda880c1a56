import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
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
