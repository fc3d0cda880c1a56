import type { ServiceDetail, ServiceList } from '@slicescope/contract';
import { loadShippedScenario } from '@slicescope/contract';
import type { Scenario } from '@slicescope/core';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { drawnCounts, endpointsBySlice } from './support/expected.ts';
import { readSse, startNginx, type RunningNginx, type SseSeen } from './support/nginx.ts';
import { documentLoads, eventually, pathOf } from './support/page.ts';
import { api, serveDemoInProcess, type Served } from './support/serve.ts';
import { sliceRowsShown, topologyShown } from './support/serviceViews.ts';
import { serviceNamesShown } from './support/servicesTable.ts';
import { browserSession } from './support/session.ts';

/**
 * The dashboard behind a real nginx at /slicescope/, set up as ingress-nginx sets it up with the
 * annotations of deploy/base/ingress.yaml — except for a read timeout of seconds instead of an
 * hour, so that the test can outlive it. The api sends a heartbeat every HEARTBEAT_MS, shorter
 * than the timeout; a second api whose heartbeats are longer than it is the control.
 */

const BASE = '/slicescope';
const READ_TIMEOUT_MS = 3_000;
const HEARTBEAT_MS = 1_000;
const LONG_HEARTBEAT_MS = 60_000;
/** How long the streams stay open before the cluster changes: three read timeouts and more. */
const OPEN_FOR_MS = 3 * READ_TIMEOUT_MS + 1_000;

/** The small scenario without its timed events: nothing changes unless the test changes it. */
const QUIET: Scenario = (() => {
  const { events: _events, repeatEverySeconds: _repeat, ...quiet } = loadShippedScenario('small');
  return quiet;
})();
/** A Service of the quiet cluster, and its workload, which the test scales. */
const SERVICE = 'default/api';
const WORKLOAD = { namespace: 'default', workload: 'api' };

/** `slicescope serve --base-path /slicescope` on a quiet embedded cluster, in this process. */
const serveQuiet = (heartbeatMs: number): Promise<Served> =>
  serveDemoInProcess({ scenario: QUIET, basePath: BASE, heartbeatMs });

interface Ingress {
  nginx: RunningNginx;
  /** serve itself (heartbeats every HEARTBEAT_MS), not through nginx. */
  direct: Served;
  /** nginx with our Ingress's settings: proxy_buffering off. */
  ingress: string;
  /** The same with a plain nginx's proxy_buffering on. */
  buffered: string;
  /** Our Ingress's settings in front of the api whose heartbeats outlast the read timeout. */
  control: string;
}

let setup: Ingress | undefined;
const ingress = (): Ingress => {
  if (!setup) throw new Error('nginx and serve did not start');
  return setup;
};

const session = browserSession(async () => {
  const [direct, quietControl] = await Promise.all([
    serveQuiet(HEARTBEAT_MS),
    serveQuiet(LONG_HEARTBEAT_MS),
  ]);
  const site = (served: Served, buffering: boolean) => ({
    upstream: new URL(served.url).origin,
    basePath: BASE,
    timeoutSeconds: READ_TIMEOUT_MS / 1000,
    buffering,
  });
  let nginx: RunningNginx;
  try {
    nginx = await startNginx([site(direct, false), site(direct, true), site(quietControl, false)]);
  } catch (error) {
    await Promise.allSettled([direct.close(), quietControl.close()]);
    throw error;
  }
  const [ingressUrl, bufferedUrl, controlUrl] = nginx.urls as [string, string, string];
  setup = { nginx, direct, ingress: ingressUrl, buffered: bufferedUrl, control: controlUrl };
  return {
    // The browser and the api() helper both go through nginx.
    url: `${ingressUrl}${BASE}`,
    cluster: direct.cluster!,
    output: () => `nginx in front of ${direct.url}`,
    async close() {
      await nginx.close();
      await Promise.allSettled([direct.close(), quietControl.close()]);
    },
  };
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    if (setup) process.stderr.write(`nginx's error log:\n${await setup.nginx.log()}\n`);
  });
});

const detail = (key: string) => api<ServiceDetail>(session().served, `/services/${key}`);

/** The stream requests a page makes from now on, with the status of each answer. */
function streamsOf(page: Page): { requested: string[]; answered: number[] } {
  const seen = { requested: [] as string[], answered: [] as number[] };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === `${BASE}/api/v1/stream`) {
      seen.requested.push(request.url());
    }
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === `${BASE}/api/v1/stream`) {
      seen.answered.push(response.status());
    }
  });
  return seen;
}

const pings = (seen: readonly SseSeen[]) => seen.filter((item) => item.kind === 'comment').length;

/** The longest silence on a stream, from its start to `until` ms. */
function longestSilence(seen: readonly SseSeen[], until: number): number {
  let last = 0;
  let longest = 0;
  for (const item of seen) {
    longest = Math.max(longest, item.at - last);
    last = item.at;
  }
  return Math.max(longest, until - last);
}

describe('behind nginx at /slicescope/, as ingress-nginx proxies it', () => {
  it('loads the dashboard, its assets, api and stream through nginx', async () => {
    const { page, url, served } = session();
    const requests: string[] = [];
    const failed: string[] = [];
    const streams = streamsOf(page);
    page.on('request', (request) => {
      const address = new URL(request.url());
      if (address.protocol === 'http:') requests.push(`${address.host}${address.pathname}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    const document = await page.goto(url('/'));
    expect(document?.status()).toBe(200);
    expect(document?.headers().server).toBe('nginx');
    await eventually(
      async () => {
        const list = await api<ServiceList>(served, '/services?limit=500');
        const names = list.items.map((service) => `${service.namespace}/${service.name}`).sort();
        expect(names).toContain(SERVICE);
        expect(await serviceNamesShown(page)).toEqual(names);
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    await expect.poll(() => streams.answered, { timeout: 10_000 }).toContain(200);
    const nginxHost = new URL(ingress().ingress).host;
    expect(requests.some((path) => path.startsWith(`${nginxHost}${BASE}/assets/`))).toBe(true);
    expect(requests.some((path) => path.startsWith(`${nginxHost}${BASE}/api/v1/`))).toBe(true);
    expect(requests.filter((path) => !path.startsWith(`${nginxHost}${BASE}/`))).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('reloads a deep link through nginx to the same view', async () => {
    const { page, url } = session();
    const link = `/services/${SERVICE}?tab=slices`;
    const html = await fetch(url(link), { signal: AbortSignal.timeout(10_000) });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(`<base href="${BASE}/"`);

    const expectView = async () => {
      await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor();
      await expect
        .poll(() => page.getByRole('tab', { name: 'Slices' }).getAttribute('aria-selected'))
        .toBe('true');
      await eventually(async () => {
        const { slices } = await detail(SERVICE);
        expect(slices.length).toBeGreaterThan(0);
        expect(await sliceRowsShown(page)).toEqual(endpointsBySlice(slices));
      });
      expect(pathOf(page)).toBe(`${BASE}${link}`);
    };
    await page.goto(url(link));
    await expectView();
    const loads = await documentLoads(page);
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.headers().server).toBe('nginx');
    await expectView();
    expect(await documentLoads(page)).toBe(loads);
  });

  it('keeps live updates flowing past the read timeout by heartbeats; without them nginx cuts the stream', async () => {
    const { page, url, served } = session();
    const { direct, ingress: ingressUrl, buffered, control } = ingress();
    const streamPath = `${BASE}/api/v1/stream?service=${encodeURIComponent(SERVICE)}`;

    // The api asks nginx not to buffer its stream (nginx takes the header for itself).
    const straight = await readSse(`${new URL(direct.url).origin}${streamPath}`);
    straight.close();
    expect(straight.headers.get('x-accel-buffering')).toBe('no');

    const streams = streamsOf(page);
    await page.goto(url(`/services/${SERVICE}`));
    const before = await eventually(async () => {
      const { slices } = await detail(SERVICE);
      const shown = await topologyShown(page);
      expect(shown).toEqual(drawnCounts(slices));
      return shown.endpoints;
    });
    await expect.poll(() => streams.answered).toContain(200);
    await page.evaluate(() => {
      (window as unknown as { e2eMarker: string }).e2eMarker = 'still the same document';
    });
    const loads = await documentLoads(page);
    const streamsBefore = streams.requested.length;

    // Streams through the Ingress's settings (no buffering) and a plain nginx's (buffering on),
    // and the control: heartbeats longer than the read timeout.
    const opened = Date.now();
    const readers = {
      ingress: await readSse(`${ingressUrl}${streamPath}`),
      buffered: await readSse(`${buffered}${streamPath}`),
    };
    const controlReader = await readSse(`${control}${streamPath}`);
    const controlPage = await page.context().newPage();
    try {
      for (const reader of [...Object.values(readers), controlReader]) {
        expect(reader.status).toBe(200);
        expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(reader.headers.get('x-accel-buffering')).toBeNull();
      }
      await controlPage.goto(`${control}${BASE}/services/${SERVICE}`);

      // The control: a snapshot, then silence, and nginx ends the stream at its read timeout.
      expect(await controlReader.ended(READ_TIMEOUT_MS + 5_000)).toBe(true);
      expect(controlReader.endedAt()).toBeGreaterThanOrEqual(READ_TIMEOUT_MS - 250);
      expect(controlReader.seen.map((item) => `${item.kind} ${item.name}`)).toEqual([
        'event snapshot',
      ]);
      const banner = controlPage.locator('[data-connection="dropped"]');
      await banner.waitFor({ timeout: READ_TIMEOUT_MS + 7_000 });
      expect(await banner.textContent()).toContain('Live updates lost');
      expect(await ingress().nginx.log()).toContain('upstream timed out');

      // With heartbeats, the same settings keep the streams open for three read timeouts.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, OPEN_FOR_MS - (Date.now() - opened))),
      );
      for (const [name, reader] of Object.entries(readers)) {
        const at = Date.now() - opened;
        expect(reader.endedAt(), name).toBeUndefined();
        expect(reader.seen[0]?.name, name).toBe('snapshot');
        expect(pings(reader.seen), name).toBeGreaterThanOrEqual(OPEN_FOR_MS / HEARTBEAT_MS - 3);
        expect(longestSilence(reader.seen, at), name).toBeLessThan(READ_TIMEOUT_MS);
      }
      // The page's own stream was never cut: no reconnect, no banner.
      expect(streams.requested.length).toBe(streamsBefore);
      expect(await page.locator('[data-connection]').count()).toBe(0);

      // A change in the cluster after all that still reaches the page and both readers.
      const changedAt = Date.now() - opened;
      served.cluster!.apply({ type: 'scale', ...WORKLOAD, replicas: before + 3 });
      await eventually(
        async () => {
          const { slices } = await detail(SERVICE);
          const expected = drawnCounts(slices);
          expect(expected.endpoints).toBe(before + 3);
          expect(await topologyShown(page)).toEqual(expected);
        },
        { timeoutMs: 15_000, intervalMs: 250 },
      );
      for (const reader of Object.values(readers)) {
        await reader.until(
          (seen) =>
            seen.some(
              (item) =>
                item.name === 'delta' && item.at >= changedAt && item.data.includes(SERVICE),
            ),
          10_000,
        );
      }
      expect(streams.requested.length).toBe(streamsBefore);
      expect(await documentLoads(page)).toBe(loads);
      expect(
        await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker),
      ).toBe('still the same document');
    } finally {
      for (const reader of [...Object.values(readers), controlReader]) reader.close();
      await controlPage.close();
    }
  });

  it('answers nothing outside the base path, through nginx or straight', async () => {
    const { direct, ingress: ingressUrl } = ingress();
    const status = async (address: string) => {
      const response = await fetch(address, { signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      return response.status;
    };
    const straight = new URL(direct.url).origin;
    expect(await status(`${ingressUrl}${BASE}/api/v1/overview`)).toBe(200);
    expect(await status(`${straight}${BASE}/api/v1/overview`)).toBe(200);
    for (const path of [
      '/api/v1/overview',
      '/api/v1/stream',
      '/healthz',
      '/slicescopex/api/v1/overview',
    ]) {
      expect(await status(`${ingressUrl}${path}`), `nginx ${path}`).toBe(404);
    }
    const answer = await fetch(`${straight}/api/v1/overview`, {
      signal: AbortSignal.timeout(10_000),
    });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    expect(session().problems()).toEqual([]);
  });
});
