import type { CDPSession, Page } from 'playwright-core';

/** What the benchmark reads inside the page. */

interface Sampler {
  deltas: number[];
  running: boolean;
}
type Sampled = Window & { benchFrames?: Sampler };

/**
 * Starts recording the time between animation frames. Given as source text: the loop's named
 * function would otherwise carry the `__name` helper tsx adds, which the page does not have.
 */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const sampler = { deltas: [], running: true };
    window.benchFrames = sampler;
    let last;
    const step = (now) => {
      if (!sampler.running) return;
      if (last !== undefined) sampler.deltas.push(now - last);
      last = now;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })()`);
}

/** Stops recording and returns the frame times, in ms. */
export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const sampler = (window as Sampled).benchFrames;
    if (!sampler) return [];
    sampler.running = false;
    return sampler.deltas;
  });
}

/**
 * The topology view's performance marks of this document: when its data arrived and when it first
 * painted, in ms from navigation start; undefined while it has not painted.
 */
export async function topologyMarks(
  page: Page,
): Promise<{ data: number; paint: number } | undefined> {
  return page.evaluate(() => {
    const data = performance.getEntriesByName('slicescope:topology-data')[0];
    const paint = performance.getEntriesByName('slicescope:topology-paint')[0];
    return data && paint ? { data: data.startTime, paint: paint.startTime } : undefined;
  });
}

/** The page's JS heap in use after a full garbage collection, in bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/** The page's JS heap in use now (garbage included), in bytes. */
export async function heapNow(cdp: CDPSession): Promise<number> {
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Where the wheel and the drag act: the middle of the topology's visible part. */
async function topologyPoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('topology').boundingBox();
  if (!box) throw new Error('the topology has no box');
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 300) };
}

/** Whether the wheel zooms the topology: what it shows differs after one wheel step. */
export async function wheelZooms(page: Page): Promise<boolean> {
  const figure = page.getByTestId('topology');
  const { x, y } = await topologyPoint(page);
  const before = await figure.screenshot({ timeout: 30_000 });
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -120);
  await page.waitForTimeout(300);
  const after = await figure.screenshot({ timeout: 30_000 });
  await page.mouse.wheel(0, 120);
  await page.waitForTimeout(300);
  return !before.equals(after);
}

/** Zooms in and out with the wheel and drags the topology, as a user exploring it would. */
export async function panAndZoom(page: Page): Promise<void> {
  const { x, y } = await topologyPoint(page);
  await page.mouse.move(x, y);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(40);
  }
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(x + i * 8, y + i * 4);
  for (let i = 30; i >= 0; i--) await page.mouse.move(x + i * 8, y + i * 4);
  await page.mouse.up();
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(40);
  }
}
