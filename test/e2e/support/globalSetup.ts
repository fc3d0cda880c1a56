import type { TestProject } from 'vitest/node';
import { buildWebApp } from './build.ts';
import { ensureChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium executable every test file drives. */
    chromium: string;
  }
}

/**
 * Once per run: find (or install) Chromium and build the web app the tests load. SLICESCOPE_E2E_BUILD=0
 * skips the build when apps/web/dist is known to be fresh (re-running one file while editing).
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('chromium', ensureChromium());
  if (process.env.SLICESCOPE_E2E_BUILD !== '0') await buildWebApp();
}
