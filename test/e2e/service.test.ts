import { readFile } from 'node:fs/promises';
import type { ServiceDetail } from '@slicescope/contract';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.ts';
import { drawnCounts, endpointsBySlice, zonesOf } from './support/expected.ts';
import { documentLoads, eventually, pathOf, screenshot, topologyPainted } from './support/page.ts';
import { api, serveDemoInProcess } from './support/serve.ts';
import { openTab, sliceRowsShown, topologyShown } from './support/serviceViews.ts';
import { SERVICES_TABLE } from './support/servicesTable.ts';
import { browserSession } from './support/session.ts';

const session = browserSession(() => serveDemoInProcess());

/** A Service of 150 endpoints in two slices over three zones, which the demo leaves alone. */
const OPENED = 'shop/recommendations';
/** A Service of 40 endpoints the test scales itself. */
const SCALED = { namespace: 'shop', workload: 'image-resizer' };

const detailOf = (key: string) => api<ServiceDetail>(session().served, `/services/${key}`);

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await (download as Download).path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** Whether an element is marked as the selected one (aria-selected, -pressed or -current). */
const selectedState = (element: Locator) =>
  element.evaluate((node) =>
    ['aria-selected', 'aria-pressed', 'aria-current'].some(
      (name) => !['false', null].includes(node.getAttribute(name)),
    )
      ? 'true'
      : 'false',
  );

describe('a Service', () => {
  it('opens from the overview with its title and the topology of its slices', async () => {
    const { page, url } = session();
    await page.goto(url('/'));
    await page.locator(SERVICES_TABLE).getByRole('link', { name: OPENED, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: OPENED }).waitFor();
    expect(pathOf(page)).toBe(`/services/${OPENED}`);
    await eventually(async () => {
      const { slices } = await detailOf(OPENED);
      const expected = drawnCounts(slices);
      expect(expected.zones).toBeGreaterThan(1);
      expect(await topologyShown(page)).toEqual(expected);
    });
    await topologyPainted(page);
    await screenshot(page, 'topology');
  });

  it('lists its slices on the Slices tab with their endpoints', async () => {
    const { page } = session();
    await openTab(page, 'Slices');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('slices');
    await eventually(async () => {
      const { slices } = await detailOf(OPENED);
      expect(slices.length).toBeGreaterThan(1);
      expect(await sliceRowsShown(page)).toEqual(endpointsBySlice(slices));
    });
    await screenshot(page, 'slices');
  });

  it('has no serious or critical accessibility violations on any tab', async () => {
    const { page } = session();
    for (const tab of ['Topology', 'Slices', 'Routing', 'History'] as const) {
      await openTab(page, tab);
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      if (tab === 'Routing') await screenshot(page, 'routing');
      const violations = await seriousViolations(page);
      expect(violations, `${tab}:\n${describeViolations(violations)}`).toEqual([]);
    }
  });

  it('shows a change in the cluster without reloading the page', async () => {
    const { page, url, served } = session();
    const key = `${SCALED.namespace}/${SCALED.workload}`;
    await page.goto(url(`/services/${key}`));
    const before = await eventually(async () => {
      const { slices } = await detailOf(key);
      const shown = await topologyShown(page);
      expect(shown).toEqual(drawnCounts(slices));
      return shown.endpoints;
    });
    await page.evaluate(() => {
      (window as unknown as { e2eMarker: string }).e2eMarker = 'still the same document';
    });
    const loads = await documentLoads(page);

    // A real change: the workload scales up in the embedded cluster, its controllers write the
    // slices, and the api streams the change to the page.
    served.cluster!.apply({ type: 'scale', ...SCALED, replicas: before + 6 });
    await eventually(
      async () => {
        const { slices } = await detailOf(key);
        const expected = drawnCounts(slices);
        expect(expected.endpoints).toBe(before + 6);
        expect(await topologyShown(page)).toEqual(expected);
        expect(await page.getByTestId('service-counts').textContent()).toContain(
          `${before + 6} endpoints`,
        );
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe(
      'still the same document',
    );
    expect(await documentLoads(page)).toBe(loads);
    expect(pathOf(page)).toBe(`/services/${key}`);
  });

  it('restores a deep link on reload, and the back button returns to the overview', async () => {
    const { page, url } = session();
    await page.goto(url('/'));
    await page.locator(`${SERVICES_TABLE} a`).first().waitFor();
    const { slices } = await detailOf(OPENED);
    const chosen = slices[slices.length - 1]!.name;
    const link = `/services/${OPENED}?tab=slices&slice=${chosen}`;
    const expectView = async () => {
      await page.getByRole('heading', { level: 1, name: OPENED }).waitFor();
      await expect
        .poll(() => page.getByRole('tab', { name: 'Slices' }).getAttribute('aria-selected'))
        .toBe('true');
      const row = page.locator(`[data-testid="slice-row"][data-slice="${chosen}"]`);
      await expect.poll(() => selectedState(row), { timeout: 10_000 }).toBe('true');
      expect(pathOf(page)).toBe(link);
    };
    await page.goto(url(link));
    await expectView();
    await page.reload();
    await expectView();
    await page.goBack();
    await expect.poll(() => pathOf(page)).toBe('/');
    await page.locator(`${SERVICES_TABLE} a`).first().waitFor();
  });

  it('exports its topology as a PNG and an SVG', async () => {
    const { page, url } = session();
    await page.goto(url(`/services/${OPENED}`));
    await topologyPainted(page);
    const zones = zonesOf((await detailOf(OPENED)).slices);

    const png = await downloaded(page, 'Export PNG');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(0);
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(0);

    const svg = await downloaded(page, 'Export SVG');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text.trimStart()).toMatch(/^(<\?xml|<svg)/);
    // Parsed in a blank tab: the app's CSP (style-src 'self') would report the file's style
    // attributes, which are fine in a file.
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((source) => {
      const document = new DOMParser().parseFromString(source, 'image/svg+xml');
      // Each zone header has full and compact lines; the file shows one set, as the page did.
      const names = [...document.querySelectorAll('text.zone-name')];
      const shown = names.filter((name) => !name.closest('[style*="display: none"]'));
      return {
        root: document.documentElement.localName,
        error: document.querySelector('parsererror')?.textContent ?? null,
        zoneNames: { written: names.length, shown: shown.length },
      };
    }, text);
    await blank.close();
    expect(parsed).toEqual({
      root: 'svg',
      error: null,
      zoneNames: { written: 2 * zones.length, shown: zones.length },
    });
    for (const zone of zones) expect(text).toContain(zone);
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    expect(session().problems()).toEqual([]);
  });
});
