import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Chromium for the end-to-end tests and the browser benchmark: the system's own build (Debian's
 * `chromium` package), driven by playwright-core. No browser is ever downloaded.
 */

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export const INSTALL_HINT =
  'install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu, as root) or ' +
  'point SLICESCOPE_CHROMIUM at a Chromium or Chrome executable';

/** The executable named by SLICESCOPE_CHROMIUM, else Debian's, when it exists. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.SLICESCOPE_CHROMIUM?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`SLICESCOPE_CHROMIUM=${fromEnv} does not exist; ${INSTALL_HINT}`);
    }
    return fromEnv;
  }
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

const onPath = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/**
 * The Chromium to drive: found, or installed with apt-get when this runs as root on a Debian-like
 * system (bounded in time); otherwise an error that says how to install it.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const root = process.getuid?.() === 0;
  if (!root || !onPath('apt-get')) {
    throw new Error(`Chromium is missing (looked for ${DEBIAN_CHROMIUM}); ${INSTALL_HINT}`);
  }
  process.stderr.write('e2e: Chromium is missing; installing it with apt-get\n');
  const result = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
  });
  const installed = findChromium();
  if (result.status !== 0 || !installed) {
    const why = result.error?.message ?? result.stderr?.toString().slice(-2000) ?? '';
    throw new Error(`installing Chromium failed (${why.trim()}); ${INSTALL_HINT}`);
  }
  return installed;
}

/** `Chromium 156.0.… built on Debian …` → `Chromium 156.0.…`. */
export function chromiumVersion(executable: string): string {
  try {
    const text = execFileSync(executable, ['--version'], {
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    return /^(\S+ [\d.]+)/.exec(text.trim())?.[1] ?? text.trim();
  } catch {
    return 'unknown';
  }
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  executablePath: string;
  viewport?: { width: number; height: number };
  /** Extra Chromium switches (the benchmark adds precise memory info). */
  args?: string[];
}

/**
 * Headless Chromium with a fresh profile in a temporary directory. playwright refuses
 * --user-data-dir as a launch() switch, so the profile is given to launchPersistentContext.
 */
export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'slicescope-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        ...(options.args ?? []),
      ],
      viewport: options.viewport ?? { width: 1400, height: 900 },
      acceptDownloads: true,
      timeout: 60_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
