import { describe, expect, test } from 'vitest';
import { runInProcess } from './run.ts';

/** `slicescope simulate --timeout S`: a wall-clock bound on the run. */

describe('slicescope simulate --timeout', () => {
  test('a run past it stops with a clear error and exit code 1, the bar wiped', async () => {
    // A week of the demo's churn: far longer than the half second it is given.
    const args = ['simulate', 'demo', '--until', '604800', '--timeout', '0.5', '--json'];
    const started = Date.now();
    const { code, stdout, stderr } = await runInProcess(args, '', true);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.split('\r\x1b[K');
    expect(lines.at(-1)).toMatch(
      /^slicescope simulate: the simulation ran longer than --timeout 0\.5 s and was stopped(, at [\d,.]+ of 604,800 simulated seconds)?; give it more time, or simulate fewer Pods or a shorter run \(--until\)\n$/,
    );
  }, 30_000);

  test('a run within it completes as without it', async () => {
    const timed = await runInProcess(['simulate', 'small', '--timeout', '120', '--json']);
    const untimed = await runInProcess(['simulate', 'small', '--json']);
    expect(timed).toEqual({ code: 0, stdout: untimed.stdout, stderr: '' });
  });
});
