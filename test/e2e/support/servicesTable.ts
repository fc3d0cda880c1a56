import type { Page } from 'playwright-core';

/** The services table of the overview (aria-label "Services"). */
export const SERVICES_TABLE = '[aria-label="Services"]';

/**
 * The `namespace/name` texts of every row link of the services table. The table is virtualised, so
 * its scroll box is scrolled from top to bottom (bounded) and the rows seen on the way collected.
 */
export async function serviceNamesShown(page: Page): Promise<string[]> {
  await page.locator(`${SERVICES_TABLE} a`).first().waitFor({ timeout: 15_000 });
  return page.evaluate(async (selector) => {
    const table = document.querySelector<HTMLElement>(selector);
    if (!table) throw new Error('no services table');
    let box: HTMLElement | null = table;
    while (
      box &&
      !(
        box.scrollHeight > box.clientHeight + 1 &&
        /auto|scroll/.test(getComputedStyle(box).overflowY)
      )
    ) {
      box = box.parentElement;
    }
    box ??= document.scrollingElement as HTMLElement | null;
    const names = new Set<string>();
    const collect = () => {
      for (const row of table.querySelectorAll('tbody tr, [role="row"]')) {
        const text = row.querySelector('a')?.textContent?.trim();
        if (text) names.add(text);
      }
    };
    const frame = () =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    collect();
    if (box) {
      box.scrollTop = 0;
      for (let step = 0; step < 500; step++) {
        await frame();
        collect();
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
        box.scrollTop += Math.max(50, box.clientHeight / 2);
      }
      box.scrollTop = 0;
    }
    return [...names].sort();
  }, SERVICES_TABLE);
}
