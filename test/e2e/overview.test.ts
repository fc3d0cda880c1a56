import type { NodeServices, NodeSummary, Overview, ServiceList } from '@slicescope/contract';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.ts';
import { countShown, eventually, pathOf, screenshot } from './support/page.ts';
import { api, serveDemoInProcess } from './support/serve.ts';
import { SERVICES_TABLE, serviceNamesShown } from './support/servicesTable.ts';
import { browserSession } from './support/session.ts';

const session = browserSession(() => serveDemoInProcess());

const apiServiceNames = async (): Promise<string[]> => {
  const list = await api<ServiceList>(session().served, '/services?limit=500');
  return list.items.map((service) => `${service.namespace}/${service.name}`).sort();
};

describe('the overview', () => {
  it('lists every Service the api serves, one row each', async () => {
    const { page, url } = session();
    await page.goto(url('/'));
    await eventually(
      async () => {
        expect(await serviceNamesShown(page)).toEqual(await apiServiceNames());
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    await screenshot(page, 'overview');
  });

  it('shows the headline counts of /api/v1/overview', async () => {
    const { page, served } = session();
    for (const name of ['services', 'slices', 'endpoints', 'nodes'] as const) {
      // The demo keeps changing: the page and a fresh answer agree once the stream catches up.
      await eventually(async () => {
        const { counts } = await api<Overview>(served, '/overview');
        expect(await countShown(page, name), `count-${name}`).toBe(counts[name]);
      });
    }
  });

  it("filters the demo's Services by a label selector, and says when one does not parse", async () => {
    const { page, url } = session();
    await page.goto(url('/?label=tier%20in%20(frontend,data)'));
    await eventually(async () => {
      expect(await serviceNamesShown(page)).toEqual(['shop/frontend', 'shop/redis']);
    });
    const box = page.getByRole('searchbox', { name: 'Filter Services by label selector' });
    await box.fill('==bad');
    await eventually(async () => {
      expect(await page.getByRole('alert').textContent()).toBe(
        'Not a label selector, not applied: a label key is missing',
      );
      expect(await serviceNamesShown(page)).toEqual(await apiServiceNames());
    });
  });

  it("shows a node's Services and opens what kube-proxy there does with one", async () => {
    const { page, url, served } = session();
    const { items: nodes } = await api<{ items: NodeSummary[] }>(served, '/nodes');
    const node = nodes.find((candidate) => candidate.endpoints > 0);
    expect(node, 'a demo node with endpoints').toBeDefined();
    const name = node?.name ?? '';
    await page.goto(url(`/?node=${encodeURIComponent(name)}`));
    const details = page.getByRole('complementary', { name: `Node ${name}` });
    const links = details.getByRole('listitem').getByRole('link');
    await eventually(async () => {
      const { items } = await api<NodeServices>(served, `/nodes/${name}/services`);
      expect(await links.allTextContents()).toEqual(
        items.map((item) => `${item.namespace}/${item.name}`),
      );
    });
    await screenshot(page, 'node-details');
    const service = (await links.first().textContent()) ?? '';
    await links.first().click();
    await page.getByRole('heading', { level: 1, name: service }).waitFor();
    const search = new URL(page.url()).searchParams;
    expect([search.get('tab'), search.get('node')]).toEqual(['routing', name]);
    await expect
      .poll(() => page.getByRole('tab', { name: 'Routing' }).getAttribute('aria-selected'))
      .toBe('true');
    await page.goBack();
    await details.waitFor();
  });

  it('has no serious or critical accessibility violations', async () => {
    const violations = await seriousViolations(session().page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('is usable from the keyboard: table, Enter, 1–4, ? and Escape', async () => {
    const { page, url } = session();
    await page.goto(url('/'));
    await page.locator(`${SERVICES_TABLE} a`).first().waitFor();
    // Tab through the page until a Service's link in the table has the focus.
    let inTable = false;
    for (let presses = 0; presses < 80 && !inTable; presses++) {
      await page.keyboard.press('Tab');
      inTable = await page.evaluate(
        (selector) =>
          document.activeElement instanceof HTMLAnchorElement &&
          document.activeElement.closest(selector) !== null,
        SERVICES_TABLE,
      );
    }
    expect(inTable, 'Tab reaches a link of the services table').toBe(true);
    const focusedLink = () =>
      page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const first = await focusedLink();
    await page.keyboard.press('ArrowDown');
    const chosen = await focusedLink();
    expect(chosen, 'ArrowDown moves to the next row').not.toBe(first);
    expect(chosen).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => pathOf(page)).toMatch(/^\/services\//);
    await page.getByRole('heading', { level: 1, name: chosen }).waitFor();

    const tabs = ['Topology', 'Slices', 'Routing', 'History'];
    for (const [index, tab] of [...tabs.entries()].reverse()) {
      await page.keyboard.press(String(index + 1));
      await expect
        .poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected'))
        .toBe('true');
      const param = new URL(page.url()).searchParams.get('tab');
      expect(param ?? 'topology').toBe(tab.toLowerCase());
    }

    await page.locator('body').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    expect(session().problems()).toEqual([]);
  });
});
