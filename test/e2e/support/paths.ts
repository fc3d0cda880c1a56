import { fileURLToPath } from 'node:url';

/** Where things are, from the repository's root. */

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const webRoot = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));
export const cliBin = fileURLToPath(
  new URL('../../../apps/cli/bin/slicescope.mjs', import.meta.url),
);
export const screenshotDir = fileURLToPath(
  new URL('../../../test-results/screenshots', import.meta.url),
);
export const axeSource = fileURLToPath(
  new URL('../node_modules/axe-core/axe.min.js', import.meta.url),
);
