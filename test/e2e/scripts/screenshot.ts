import { fileURLToPath } from 'node:url';
import { buildWebApp } from '../support/build.ts';
import { ensureChromium, launchBrowser } from '../support/chromium.ts';
import { serveDemoInProcess } from '../support/serve.ts';

/**
 * `pnpm screenshot` in test/e2e: docs/screenshot.png for the README, 1400×900, the topology of a
 * demo Service spread over three zones, as `slicescope serve` shows it in Chromium.
 * SLICESCOPE_E2E_BUILD=0 skips building the web app first.
 */

const SERVICE = process.env.SLICESCOPE_SCREENSHOT_SERVICE ?? 'shop/catalog';
const OUTPUT = fileURLToPath(new URL('../../../docs/screenshot.png', import.meta.url));

if (process.env.SLICESCOPE_E2E_BUILD !== '0') await buildWebApp();
const executablePath = ensureChromium();
const served = await serveDemoInProcess();
const browser = await launchBrowser({ executablePath, viewport: { width: 1400, height: 900 } });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(`${served.url}/services/${SERVICE}`, { timeout: 30_000 });
  await page.waitForFunction(
    () => performance.getEntriesByName('slicescope:topology-paint').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(500);
  await page.screenshot({ path: OUTPUT, timeout: 30_000 });
  process.stdout.write(`wrote ${OUTPUT}\n`);
} finally {
  await browser.close();
  await served.close();
}
