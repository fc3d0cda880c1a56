import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from './chromium.ts';
import type { Served } from './serve.ts';

/** One server and one browser tab for a whole test file. */
export interface Session {
  served: Served;
  page: Page;
  /** Uncaught page errors and console errors (CSP refusals, failed loads) seen so far, each once. */
  problems(): string[];
  /** The app's URL for a path below its base path: session.url('/services/shop/cart'). */
  url(path: string): string;
}

/**
 * Starts the server (`start`) and Chromium before the file's tests and stops both after them;
 * the returned function gives the session to the tests.
 */
export function browserSession(start: () => Promise<Served>): () => Session {
  let session: Session | undefined;
  let browser: LaunchedBrowser | undefined;
  let served: Served | undefined;
  beforeAll(async () => {
    [served, browser] = await Promise.all([
      start(),
      launchBrowser({ executablePath: inject('chromium') }),
    ]);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);
    const seen = new Map<string, number>();
    const note = (problem: string) => seen.set(problem, (seen.get(problem) ?? 0) + 1);
    page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') note(`console: ${message.text()}`);
    });
    const problems = () => [...seen].map(([problem, times]) => `${problem} (×${times})`);
    const base = served.url;
    session = { served, page, problems, url: (path) => `${base}${path}` };
  });
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), served?.close()]);
  });
  return () => {
    if (!session) throw new Error('the browser session did not start');
    return session;
  };
}
