import { readFile } from 'node:fs/promises';
import { shippedScenarioText, type ServiceDetail } from '@slicescope/contract';
import type { SimulationReport } from '@slicescope/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from './support/axe.ts';
import { pathOf, screenshot } from './support/page.ts';
import { api, serveDemoInProcess } from './support/serve.ts';
import { browserSession } from './support/session.ts';

const session = browserSession(() => serveDemoInProcess());

/** What the KEP-0752 preset asks for, as the quick form of docs/simulate.md. */
const KEP_CASE_1 = {
  quick: { pods: 20000, nodes: 5000, zones: 3, operation: 'rollout' },
  options: {
    mode: 'paper',
    maxEndpointsPerSlice: 100,
    paperBytesPerEndpoint: 100,
    paperMinObjectBytes: 1000,
  },
};

/**
 * KEP-0752 Sample Case 1, rolling update (scale-facts.md §1.1): 20k writes of either kind,
 * 5000 × 20k = 10⁸ watch events, 2.0 MB × 5000 × 20k = 200 TB for Endpoints and
 * 10 KB × 5000 × 20k = 1 TB for slices of 100.
 */
const PUBLISHED = {
  writes: { endpoints: ['20000', '20,000'], endpointSlices: ['20000', '20,000'] },
  watchEvents: {
    endpoints: ['100000000', '100,000,000'],
    endpointSlices: ['100000000', '100,000,000'],
  },
  bytes: { endpoints: ['200000000000000', '200 TB'], endpointSlices: ['1000000000000', '1 TB'] },
} as const;

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

async function simulateOnApi(body: unknown): Promise<SimulationReport> {
  const response = await fetch(`${session().served.url}/api/v1/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`POST /simulate: ${response.status} ${await response.text()}`);
  return (await response.json()) as SimulationReport;
}

/** The value and the text of a totals cell of run A. */
async function totalShown(page: Page, metric: string, kind: string): Promise<[string, string]> {
  const cell = page.getByTestId('report-A').getByTestId(`total-${metric}-${kind}`);
  return [(await cell.getAttribute('data-value')) ?? '', ((await cell.textContent()) ?? '').trim()];
}

/** How many lines each chart of run A draws with a path of at least one segment. */
async function chartLines(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('report-A').evaluate((report) =>
    Object.fromEntries(
      [...report.querySelectorAll('figure[data-testid^="chart-"]')].map((figure) => [
        figure.getAttribute('data-testid'),
        [...figure.querySelectorAll('path.sim-line')].filter((path) => {
          const box = (path as SVGPathElement).getBBox();
          // A segment: across and up or down (the objects chart's steps) or a stem up (the others).
          return /[LHV]/.test(path.getAttribute('d') ?? '') && box.width + box.height > 0;
        }).length,
      ]),
    ),
  );
}

describe('the Simulate page', () => {
  it('is not part of the first load of the dashboard', async () => {
    const { page, url } = session();
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Simulate', exact: true }).waitFor();
    expect(loaded.some((path) => path.includes('SimulatePage'))).toBe(false);
    await page.getByRole('link', { name: 'Simulate', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'What-if simulator' }).waitFor();
    expect(loaded.some((path) => path.includes('SimulatePage'))).toBe(true);
    expect(pathOf(page)).toBe('/simulate');
  });

  it('reproduces the published figures of KEP-0752 Sample Case 1 in paper mode', async () => {
    const { page, url } = session();
    await page.goto(url('/simulate'));
    await page.getByLabel('Preset').selectOption('kep-0752-case-1');
    expect(await page.getByRole('radio', { name: /^Paper/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('report-A').waitFor({ timeout: 30_000 });

    const fromApi = await simulateOnApi(KEP_CASE_1);
    for (const [metric, kinds] of Object.entries(PUBLISHED)) {
      for (const [kind, expected] of Object.entries(kinds)) {
        expect(await totalShown(page, metric, kind), `${metric} of ${kind}`).toEqual(expected);
        const totals = fromApi.totals[kind as 'endpoints' | 'endpointSlices'];
        expect(String(totals[metric as 'writes' | 'watchEvents' | 'bytes'])).toBe(expected[0]);
      }
    }
    expect(await chartLines(page)).toEqual({
      'chart-objects': 2,
      'chart-writes': 2,
      'chart-bytes': 2,
    });
    await screenshot(page, 'simulate');
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('reproduces the run from its URL after a reload', async () => {
    const { page } = session();
    const link = pathOf(page);
    const query = new URL(page.url()).searchParams;
    expect(query.get('pods')).toBe('20000');
    expect(query.get('mode')).toBe('paper');
    const runs: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/simulate'))
        runs.push(request.url());
    };
    page.on('request', onRequest);
    await page.reload();
    await page.getByTestId('report-A').waitFor({ timeout: 30_000 });
    page.off('request', onRequest);
    // Once: a page that started the run twice (React's development build does) got a 429.
    expect(runs).toHaveLength(1);
    expect(pathOf(page)).toBe(link);
    expect(await page.getByLabel('Pods', { exact: true }).inputValue()).toBe('20000');
    expect(await totalShown(page, 'bytes', 'endpoints')).toEqual(PUBLISHED.bytes.endpoints);
    expect(await chartLines(page)).toEqual({
      'chart-objects': 2,
      'chart-writes': 2,
      'chart-bytes': 2,
    });
  });

  it('exports the report as JSON and CSV, and a chart as a PNG', async () => {
    const { page } = session();
    const json = JSON.parse(
      (await downloaded(page, 'Export JSON of Run A')).bytes.toString('utf8'),
    );
    expect(json.totals.endpoints.bytes).toBe(2e14);
    expect(json.assumptions.bytes).toContain('max(k × 100 B, 1000 B)');
    const csv = await downloaded(page, 'Export CSV of Run A');
    // Named for the run and when it started (UTC), so the next run's files do not overwrite it.
    expect(csv.name).toMatch(/^simulation-A-quick-rollout-paper-\d{8}T\d{6}Z\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^t,steps,watchers,endpointSlices\.objects,/);
    expect(lines.at(-1)).toMatch(/^total,/);
    const png = await downloaded(page, 'Export PNG of API writes per step');
    expect(png.name).toBe(csv.name.replace(/\.csv$/, '-writes.png'));
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(0);
  });

  it('shows a bad input’s error by its field, and a run over the server’s Pod limit, unsent', async () => {
    const { page, url } = session();
    await page.goto(url('/simulate'));
    await page.getByLabel('Nodes', { exact: true }).fill('5');
    await page.getByLabel('Zones', { exact: true }).fill('9');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const zones = page.getByLabel('Zones', { exact: true });
    expect(await zones.getAttribute('aria-invalid')).toBe('true');
    expect(await zones.getAttribute('aria-describedby')).toContain('sim-zones-error');
    expect(await page.locator('#sim-zones-error').textContent()).toBe(
      'Zones: must be at most the number of nodes, 5 (got 9)',
    );
    expect(pathOf(page)).toBe('/simulate');

    // Model mode, over the server's own limit of Pods per run: the page states the limit by the
    // field, and refuses a run over it there, without asking the api.
    await expect
      .poll(() => page.locator('#sim-pods-hint').textContent(), { timeout: 15_000 })
      .toBe('0–150,000; model mode: at most 25,000 on this server, 200 per Node');
    await page.getByRole('radio', { name: /^Model/ }).check();
    await page.getByLabel('Pods', { exact: true }).fill('30000');
    await page.getByLabel('Nodes', { exact: true }).fill('5000');
    await page.getByLabel('Zones', { exact: true }).fill('3');
    const posts: string[] = [];
    const onRequest = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST') posts.push(request.url());
    };
    page.on('request', onRequest);
    await page.getByRole('button', { name: 'Run simulation' }).click();
    expect(await page.locator('#sim-pods-error').textContent()).toBe(
      "Pods: 30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)",
    );
    page.off('request', onRequest);
    expect(posts).toEqual([]);
    expect(pathOf(page)).toBe('/simulate');
    expect(await page.getByLabel('Pods', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('runs a pasted scenario too long for a link, and keeps its link short enough to open', async () => {
    const { page, url } = session();
    await page.goto(url('/simulate'));
    await page.getByRole('radio', { name: /^Scenario/ }).check();
    await page.getByLabel('Shipped scenario').selectOption('');
    // The demo scenario as a file, 16 KB of YAML: as a query value, past Node's 16 KB headers.
    const text = shippedScenarioText('demo');
    expect(encodeURIComponent(text).length).toBeGreaterThan(16_384);
    await page.getByLabel('Scenario (JSON or YAML)').fill(text);
    await page.getByRole('radio', { name: /^Paper/ }).check();
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.getByTestId('link-note-A').waitFor({ timeout: 30_000 });
    const link = pathOf(page);
    expect(link.length).toBeLessThanOrEqual(8_000);
    expect(new URL(page.url()).searchParams.get('scenarioRef')).not.toBeNull();
    // Opened elsewhere (here: a reload), the link runs nothing and says why, instead of a 431.
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    const notes = page.getByTestId('link-notes');
    await notes.waitFor();
    expect(await notes.textContent()).toContain('run A was left out');
    expect(await page.getByTestId('report-A').count()).toBe(0);
  });

  it('imports a live Service from its page and runs it in model mode over server-sent events', async () => {
    const { page, url, served } = session();
    const key = 'shop/recommendations';
    await page.goto(url(`/services/${key}`));
    await page.getByRole('link', { name: 'Import into the simulator' }).click();
    const shortcut = page.getByLabel('Service shortcut (JSON)');
    await expect.poll(() => shortcut.inputValue()).toContain('"pods"');
    const imported = JSON.parse(await shortcut.inputValue()) as { pods: number; nodes: number };
    const detail = await api<ServiceDetail>(served, `/services/${key}`);
    expect(imported.pods).toBe(detail.summary.endpoints);
    expect(imported.nodes).toBeGreaterThan(1);
    expect(await page.getByRole('radio', { name: /^Model/ }).isChecked()).toBe(true);

    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.url().endsWith('/api/v1/simulate')),
      page.getByRole('button', { name: 'Run simulation' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);
    const report = page.getByTestId('report-A');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getAttribute('data-mode')).toBe('model');
    expect(new URL(page.url()).searchParams.get('service')).toContain('"pods"');
    expect(
      Number(await report.getByTestId('total-writes-endpointSlices').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-bytes').getAttribute('data-lines')).toBe('4');
    await screenshot(page, 'simulate-model');
  });

  it('draws the topology of the cluster behind any step of a run', async () => {
    const { page, url } = session();
    const quick = { pods: 300, nodes: 30, zones: 3, operation: 'rollout' };
    const expected = await simulateOnApi({ quick, options: { mode: 'model' } });
    await page.goto(url('/simulate?src=quick&pods=300&nodes=30&zones=3&op=rollout&mode=model'));
    const report = page.getByTestId('report-A');
    await report.waitFor({ timeout: 30_000 });
    // A point in the middle of the rollout: old and new Pods side by side.
    const index = Math.floor(expected.series.length / 2);
    const point = expected.series[index]!;
    await report.getByRole('slider', { name: 'Step', exact: true }).fill(String(index));
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/v1/simulate/snapshot'), {
        timeout: 30_000,
      }),
      report.getByRole('button', { name: 'Draw topology at this step' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    const figure = report.getByTestId('topology');
    await figure.waitFor({ timeout: 30_000 });
    expect(answer.request().postDataJSON()).toMatchObject({ snapshot: { atSeconds: point.t } });
    expect(Number(await figure.getAttribute('data-endpoints'))).toBe(point.state.endpoints);
    expect(await figure.getAttribute('data-zones')).toBe('3');
    expect(Number(await figure.getAttribute('data-nodes'))).toBeGreaterThan(1);
    expect(await report.getByTestId('step-topology-state').textContent()).toContain(
      `${point.state.slices} slices`,
    );
    // The canvas was painted: some pixels are not transparent.
    const painted = await figure
      .locator('canvas')
      .first()
      .evaluate((canvas) => {
        const context = (canvas as HTMLCanvasElement).getContext('2d');
        const { width, height } = canvas as HTMLCanvasElement;
        const data = context?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
        return data.some((value, i) => i % 4 === 3 && value > 0);
      });
    expect(painted).toBe(true);
    await figure.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulate-topology');
  });

  it('fits a phone: two runs compared, no sideways scroll of the page', async () => {
    const { page, url } = session();
    const size = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const run = 'src=quick&pods=60&nodes=6&zones=3&op=rollout&mode=model';
      const compare = 'b.src=quick&b.pods=120&b.nodes=6&b.zones=3&b.op=rollout&b.mode=model';
      await page.goto(url(`/simulate?${run}&${compare}`));
      await page.getByRole('heading', { name: 'A vs B' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('report-B').waitFor({ timeout: 30_000 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      const chart = page.getByTestId('report-A').getByTestId('chart-writes').locator('svg');
      const box = await chart.first().boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    } finally {
      if (size) await page.setViewportSize(size);
    }
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    // Refused requests the page expects: the test's own run over the server's Pod limit (413),
    // and "busy" (429) while a run the previous test left is being cancelled — the page tries
    // those again (runner.ts BUSY_RETRIES), as the import test shows by finishing its run.
    const refused = /Failed to load resource: .*status of (413|429)/;
    expect(
      session()
        .problems()
        .filter((problem) => !refused.test(problem)),
    ).toEqual([]);
  });
});
