import { slicesAt, type History, type ServiceDetail } from '@slicescope/contract';
import { describe, expect, it } from 'vitest';
import { drawnCounts, endpointsBySlice } from './support/expected.ts';
import { describeViolations, seriousViolations } from './support/axe.ts';
import { eventually, pathOf, screenshot } from './support/page.ts';
import { api, serveDemoInProcess } from './support/serve.ts';
import { openTab, sliceRowsShown, topologyShown } from './support/serviceViews.ts';
import { browserSession } from './support/session.ts';

const session = browserSession(() => serveDemoInProcess());

/** A headless Service of 3 endpoints the test scales twice, so its past differs from now. */
const SERVICE = 'shop/redis';
const history = () => api<History>(session().served, `/services/${SERVICE}/history`);
const present = async () =>
  drawnCounts((await api<ServiceDetail>(session().served, `/services/${SERVICE}`)).slices)
    .endpoints;

async function scaleTo(replicas: number): Promise<void> {
  session().served.cluster!.apply({
    type: 'scale',
    namespace: 'shop',
    workload: 'redis',
    replicas,
  });
  await eventually(async () => expect(await present()).toBe(replicas), { timeoutMs: 20_000 });
}

describe('the history scrubber', () => {
  it('shows the Service as it was after an earlier sync', async () => {
    const { page, url } = session();
    await scaleTo(5);
    await scaleTo(7);

    await page.goto(url(`/services/${SERVICE}?tab=history`));
    const entries = page.getByTestId('history-entry');
    await eventually(async () => {
      const { entries: recorded } = await history();
      expect(recorded.length).toBeGreaterThanOrEqual(2);
      expect(await entries.count()).toBe(recorded.length);
    });

    const slider = page.getByRole('slider', { name: 'History position' });
    await slider.focus();
    await slider.press('Home');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('at'), { timeout: 10_000 })
      .toMatch(/^\d+$/);
    const at = Number(new URL(page.url()).searchParams.get('at'));
    await screenshot(page, 'history');
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const past = slicesAt(await history(), at, 'shop', 'redis');
    expect(past.complete).toBe(true);
    // The earliest sync recorded is part of the first scale-up: fewer endpoints then than now.
    expect(drawnCounts(past.slices).endpoints).toBeGreaterThan(3);
    expect(drawnCounts(past.slices).endpoints).toBeLessThan(7);

    await openTab(page, 'Topology');
    expect(new URL(page.url()).searchParams.get('at')).toBe(String(at));
    await eventually(async () =>
      expect(await topologyShown(page)).toEqual(drawnCounts(past.slices)),
    );

    await openTab(page, 'Slices');
    await eventually(async () =>
      expect(await sliceRowsShown(page)).toEqual(endpointsBySlice(past.slices)),
    );
    expect(pathOf(page)).toContain(`at=${at}`);

    await page.getByRole('button', { name: 'Back to now' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBeNull();
    await eventually(async () => {
      const rows = await sliceRowsShown(page);
      expect(Object.values(rows).reduce((sum, count) => sum + count, 0)).toBe(await present());
    });
  });

  it('leaves no uncaught errors, refused loads or CSP refusals in the console', () => {
    expect(session().problems()).toEqual([]);
  });
});
