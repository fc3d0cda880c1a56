import type { ServiceDetail, ServiceList } from '@slicescope/contract';
import { describe, expect, it } from 'vitest';
import { endpointsBySlice } from './support/expected.ts';
import { eventually, pathOf } from './support/page.ts';
import { api, serveProcess } from './support/serve.ts';
import { serviceNamesShown } from './support/servicesTable.ts';
import { sliceRowsShown } from './support/serviceViews.ts';
import { browserSession } from './support/session.ts';

/** The real command, as behind an ingress: `slicescope serve --base-path /slicescope`. */
const session = browserSession(() => serveProcess(['--base-path', '/slicescope']));

describe('under a base path', () => {
  it('loads the app, its api and its stream below /slicescope', async () => {
    const { page, url, served } = session();
    expect(new URL(served.url).pathname).toBe('/slicescope');
    const requests: string[] = [];
    const streams: number[] = [];
    page.on('request', (request) => {
      const address = new URL(request.url());
      if (address.protocol === 'http:') requests.push(address.pathname);
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/slicescope/api/v1/stream')
        streams.push(response.status());
    });
    await page.goto(url('/'));
    await eventually(
      async () => {
        const list = await api<ServiceList>(served, '/services?limit=500');
        const names = list.items.map((service) => `${service.namespace}/${service.name}`).sort();
        expect(await serviceNamesShown(page)).toEqual(names);
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    await expect.poll(() => streams, { timeout: 10_000 }).toContain(200);
    expect(requests.some((path) => path.startsWith('/slicescope/assets/'))).toBe(true);
    expect(requests.some((path) => path.startsWith('/slicescope/api/v1/'))).toBe(true);
    expect(requests.filter((path) => !path.startsWith('/slicescope/'))).toEqual([]);
  });

  it('opens a deep link below the base path', async () => {
    const { page, url, served } = session();
    await page.goto(url('/services/shop/recommendations?tab=slices'));
    await page.getByRole('heading', { level: 1, name: 'shop/recommendations' }).waitFor();
    await eventually(async () => {
      const { slices } = await api<ServiceDetail>(served, '/services/shop/recommendations');
      expect(await sliceRowsShown(page)).toEqual(endpointsBySlice(slices));
    });
    await page.getByRole('link', { name: 'slicescope', exact: true }).click();
    await expect.poll(() => pathOf(page)).toBe('/slicescope/');
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    expect(session().problems()).toEqual([]);
  });
});
