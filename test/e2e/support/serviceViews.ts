import type { Page } from 'playwright-core';
import { numberAttribute } from './page.ts';

/** What the Service page shows, read through the shared test hooks. */

export async function topologyShown(
  page: Page,
): Promise<{ zones: number; nodes: number; endpoints: number }> {
  const figure = page.getByTestId('topology');
  return {
    zones: await numberAttribute(figure, 'data-zones'),
    nodes: await numberAttribute(figure, 'data-nodes'),
    endpoints: await numberAttribute(figure, 'data-endpoints'),
  };
}

/** Slice name → data-endpoints of every slice row of the Slices tab. */
export async function sliceRowsShown(page: Page): Promise<Record<string, number>> {
  const rows = await page
    .getByTestId('slice-row')
    .evaluateAll((elements) =>
      elements.map(
        (row) =>
          [
            row.getAttribute('data-slice') ?? '',
            Number(row.getAttribute('data-endpoints')),
          ] as const,
      ),
    );
  return Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b)));
}

/** Clicks a Service tab and waits until it is the selected one. */
export async function openTab(
  page: Page,
  name: 'Topology' | 'Slices' | 'Routing' | 'History',
): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.waitForFunction(
    (label) =>
      [...document.querySelectorAll('[role="tab"]')].some(
        (element) =>
          element.textContent?.trim() === label && element.getAttribute('aria-selected') === 'true',
      ),
    name,
    { timeout: 10_000 },
  );
}
