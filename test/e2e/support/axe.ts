import { readFile } from 'node:fs/promises';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { axeSource } from './paths.ts';

let source: Promise<string> | undefined;

/**
 * Runs axe-core on the page as it is now and returns the 'serious' and 'critical' violations.
 * axe is evaluated through the DevTools protocol, which the app's CSP (script-src 'self') does not
 * govern; an injected <script> would be refused.
 */
export async function seriousViolations(page: Page): Promise<Result[]> {
  source ??= readFile(axeSource, 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(await source);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** One line per violation and the elements it was found on, for a failing assertion's message. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help})\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n'),
    )
    .join('\n');
}
