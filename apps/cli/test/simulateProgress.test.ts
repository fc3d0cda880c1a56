import { describe, expect, test } from 'vitest';
import { simulationReportSchema } from '@slicescope/contract';
import { runInProcess, writeRolloutScenario } from './run.ts';

/** `slicescope simulate` on a terminal: the progress bar on standard error. */

const FULL = `[${'#'.repeat(30)}]`;

/** Runs simulate with --json and standard error a terminal: the report and what the bar drew. */
async function runOnTerminal(args: string[]) {
  const { code, stdout, stderr } = await runInProcess(['simulate', ...args, '--json'], '', true);
  expect(code).toBe(0);
  return { report: simulationReportSchema.parse(JSON.parse(stdout)), bar: stderr };
}

describe('the progress bar', () => {
  test('is drawn as the run goes and ends full, on its own line', async () => {
    const { report, bar } = await runOnTerminal(['small', '--until', '100']);
    expect(bar).toMatch(/^\r\[[#.]{30}\] \d+(\.\d+)?\/100 s, \d+ steps?/);
    expect(report.simulatedSeconds).toBe(100);
    expect(bar).not.toMatch(/\b1 steps/); // one step is "1 step"
    expect(bar.endsWith(`\r${FULL} 100/100 s, ${report.steps} steps, done\x1b[K\n`)).toBe(true);
  });

  test('a run that ends early (nothing happens after its last step) fills it and says when', async () => {
    const file = await writeRolloutScenario('once');
    // Run until 610 s (600 s after the last event); the rollout is over long before.
    const { report, bar } = await runOnTerminal([file]);
    const ended = report.simulatedSeconds;
    expect(report.options.untilSeconds).toBe(610);
    expect(ended).toBeLessThan(100);
    expect(
      bar.endsWith(
        `\r${FULL} ${ended}/610 s, ${report.steps} steps, done: nothing happened after ${ended} s\x1b[K\n`,
      ),
    ).toBe(true);
  });
});
