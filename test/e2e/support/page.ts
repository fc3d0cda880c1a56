import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotDir } from './paths.ts';

/**
 * Retries `check` until it stops throwing, for at most `timeoutMs`; then throws its last error.
 * For what the live demo changes under the test (counts, slices): compare with a fresh answer.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 15_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() + intervalMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Saves a screenshot of the page as test-results/screenshots/<name>.png (an artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, timeout: 30_000 });
  return path;
}

/** The plain number a headline count (data-testid="count-…") shows. */
export async function countShown(page: Page, name: string): Promise<number> {
  const text = (await page.getByTestId(`count-${name}`).textContent({ timeout: 10_000 })) ?? '';
  return Number(text.trim());
}

/** An integer attribute of an element (data-zones, data-endpoints, …). */
export async function numberAttribute(locator: Locator, name: string): Promise<number> {
  const value = await locator.getAttribute(name, { timeout: 10_000 });
  if (value === null) throw new Error(`no ${name} attribute`);
  return Number(value);
}

/** How many documents this tab has loaded: unchanged means no reload or navigation happened. */
export const documentLoads = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByType('navigation').length);

/** The path and query string of the page's URL. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** Waits until the app has painted the topology (the view's performance mark). */
export async function topologyPainted(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByName('slicescope:topology-paint').length > 0,
    undefined,
    { timeout: timeoutMs },
  );
}
