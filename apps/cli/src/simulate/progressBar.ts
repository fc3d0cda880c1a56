import { plural, type SimulationProgress, type SimulationReport } from '@slicescope/core';
import type { CommandIO } from '../io.ts';

const WIDTH = 30;

/** The bar at `share` (0–1) and the words after it, from the start of the line. */
function line(share: number, words: string): string {
  const filled = Math.round(share * WIDTH);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${words}`;
}

interface ProgressBar {
  update(progress: SimulationProgress): void;
  /**
   * The run completed: the bar is drawn full and kept. A run ends at its last step, before
   * `untilSeconds` when nothing happened after it (the cluster was quiet); the bar says so.
   */
  finish(report: SimulationReport): void;
  /** The run failed: the bar is wiped, for the line that says why. */
  clear(): void;
}

/** A one-line bar on standard error when it is a terminal, redrawn at most ten times a second. */
export function progressBar(io: CommandIO): ProgressBar {
  const stream = io.stderr as CommandIO['stderr'] & { isTTY?: boolean };
  let last = 0;
  let shown = false;
  if (!stream.isTTY) return { update: () => {}, finish: () => {}, clear: () => {} };
  return {
    update: ({ simulatedSeconds, untilSeconds, steps }) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const share = untilSeconds === 0 ? 1 : Math.min(1, simulatedSeconds / untilSeconds);
      stream.write(line(share, `${simulatedSeconds}/${untilSeconds} s, ${plural(steps, 'step')}`));
    },
    finish: ({ simulatedSeconds, steps, options: { untilSeconds } }) => {
      if (!shown) return;
      const early =
        simulatedSeconds < untilSeconds ? `: nothing happened after ${simulatedSeconds} s` : '';
      const words = `${simulatedSeconds}/${untilSeconds} s, ${plural(steps, 'step')}, done${early}`;
      stream.write(`${line(1, words)}\x1b[K\n`);
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
