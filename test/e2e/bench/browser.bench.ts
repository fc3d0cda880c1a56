import { cpus, totalmem } from 'node:os';
import type { Page } from 'playwright-core';
import { buildWebApp } from '../support/build.ts';
import { chromiumVersion, ensureChromium, launchBrowser } from '../support/chromium.ts';
import { webRoot } from '../support/paths.ts';
import { startBenchCluster, streamBatches } from './cluster.ts';
import { initialBytes } from './initialBytes.ts';
import {
  heapAfterGc,
  panAndZoom,
  startFrames,
  stopFrames,
  topologyMarks,
  wheelZooms,
} from './pageMetrics.ts';
import { BENCH_SERVICE, bigServiceScenario } from './scenario.ts';
import { kb, mb, median, ms, quantile, verdict } from './stats.ts';

/**
 * `pnpm bench` in test/e2e: the dashboard in Chromium on a 100,000-endpoint Service over 5,000
 * Nodes. Time to the topology's first paint, frame times while panning and zooming and while
 * changes stream in, the JS heap, and the JS index.html loads; medians of several runs.
 */

/** SLICESCOPE_BENCH_ENDPOINTS and SLICESCOPE_BENCH_NODES shrink it for a quick look. */
const INPUTS = {
  endpoints: Number(process.env.SLICESCOPE_BENCH_ENDPOINTS ?? 100_000),
  nodes: Number(process.env.SLICESCOPE_BENCH_NODES ?? 5_000),
  zones: 5,
};
const FLAPPING_PODS = Math.ceil(INPUTS.endpoints / 100);
const RUNS = { paint: 5, frames: 3, stream: 3 };
const TARGETS = { paintMs: 1_500, frameP95Ms: 33, initialJsGzip: 250_000 };
const PAINT_TIMEOUT_MS = 180_000;
const PATH = `/services/${BENCH_SERVICE.namespace}/${BENCH_SERVICE.name}`;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function painted(page: Page) {
  await page.waitForFunction(
    () => performance.getEntriesByName('slicescope:topology-paint').length > 0,
    undefined,
    { timeout: PAINT_TIMEOUT_MS },
  );
  const marks = await topologyMarks(page);
  if (!marks) throw new Error('the topology painted without a slicescope:topology-data mark');
  return marks;
}

if (process.env.SLICESCOPE_E2E_BUILD !== '0') {
  log('building the web app');
  await buildWebApp();
}
const executablePath = ensureChromium();
const bytes = await initialBytes(webRoot);
log(`starting a cluster of ${INPUTS.endpoints} endpoints on ${INPUTS.nodes} Nodes`);
const bench = await startBenchCluster(bigServiceScenario(INPUTS));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void bench.close().finally(() => process.exit(130)));
}
const browser = await launchBrowser({ executablePath, viewport: { width: 1400, height: 900 } });
const detail = await fetch(`${bench.served.url}/api/v1${PATH}`);
const detailBytes = (await detail.arrayBuffer()).byteLength;

const paint = { afterData: [] as number[], fromNavigation: [] as number[], heap: [] as number[] };
const frames = { p50: [] as number[], p95: [] as number[], max: [] as number[] };
const stream = {
  p50: [] as number[],
  p95: [] as number[],
  max: [] as number[],
  heap: [] as number[],
};
const notes: string[] = [];
try {
  for (let run = 0; run < RUNS.paint; run++) {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(`${bench.served.url}${PATH}`, { timeout: 60_000 });
    const marks = await painted(page);
    paint.afterData.push(marks.paint - marks.data);
    paint.fromNavigation.push(marks.paint);
    paint.heap.push(await heapAfterGc(cdp));
    log(
      `first paint ${run + 1}: ${ms(marks.paint - marks.data)} after data, ${ms(marks.paint)} from navigation`,
    );
    await page.close();
  }

  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await page.goto(`${bench.served.url}${PATH}`, { timeout: 60_000 });
  await painted(page);
  if (!(await wheelZooms(page))) notes.push('the wheel did not change the topology');
  await sleep(1_000);
  for (let run = 0; run < RUNS.frames; run++) {
    await startFrames(page);
    await panAndZoom(page);
    const deltas = await stopFrames(page);
    frames.p50.push(quantile(deltas, 0.5));
    frames.p95.push(quantile(deltas, 0.95));
    frames.max.push(Math.max(...deltas));
    log(`pan/zoom ${run + 1}: ${deltas.length} frames, p95 ${ms(quantile(deltas, 0.95))}`);
  }

  for (let run = 0; run < RUNS.stream; run++) {
    const before = await streamBatches(bench.served);
    await startFrames(page);
    // Pods fail readiness for 2 s: the controller rewrites every slice they are in, twice.
    bench.cluster.apply({
      type: 'readinessFlap',
      namespace: BENCH_SERVICE.namespace,
      workload: BENCH_SERVICE.name,
      pods: FLAPPING_PODS,
      forSeconds: 2,
    });
    const deadline = Date.now() + 60_000;
    while ((await streamBatches(bench.served)) <= before && Date.now() < deadline) await sleep(200);
    await sleep(8_000);
    const deltas = await stopFrames(page);
    const sent = (await streamBatches(bench.served)) - before;
    if (sent === 0) notes.push(`stream run ${run + 1}: no batch was streamed`);
    stream.p50.push(quantile(deltas, 0.5));
    stream.p95.push(quantile(deltas, 0.95));
    stream.max.push(Math.max(...deltas));
    stream.heap.push(await heapAfterGc(cdp));
    log(
      `stream ${run + 1}: ${sent} batches, ${deltas.length} frames, p95 ${ms(quantile(deltas, 0.95))}`,
    );
  }
} catch (error) {
  notes.push(`stopped early: ${(error as Error).message.split('\n')[0]}`);
  const output = bench.served.output?.().trim().split('\n').slice(-5).join(' / ');
  if (output) notes.push(`slicescope serve wrote last: ${output.slice(0, 1500)}`);
} finally {
  await browser.close();
  await bench.close();
}

const row = (...cells: string[]) => `| ${cells.join(' | ')} |`;
const lines = [
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ${chromiumVersion(executablePath)} (headless); node ${process.version}`,
  `inputs: 1 Service of ${INPUTS.endpoints.toLocaleString('en-US')} endpoints (${Math.ceil(INPUTS.endpoints / 100).toLocaleString('en-US')} slices of 100) on ${INPUTS.nodes.toLocaleString('en-US')} Nodes in ${INPUTS.zones} zones; its detail answer ${mb(detailBytes)}; cluster built in ${ms(bench.buildMs)}, listed by the api in ${ms(bench.ingestMs)}; deltas: readiness flaps of ${FLAPPING_PODS} Pods; runs: ${RUNS.paint} loads, ${RUNS.frames} pan/zoom, ${RUNS.stream} streaming (medians)`,
  '',
  row('measure', 'median', 'target', ''),
  row('---', '---', '---', '---'),
  row(
    'topology first paint after its data arrives',
    ms(median(paint.afterData)),
    '≤ 1.5 s',
    verdict(median(paint.afterData), TARGETS.paintMs),
  ),
  // The issue's target is after the data arrives; from navigation includes loading ~15 MB.
  row('topology first paint from navigation start', ms(median(paint.fromNavigation)), '', ''),
  row('frame time p50 while panning/zooming', ms(median(frames.p50)), '', ''),
  row(
    'frame time p95 while panning/zooming',
    ms(median(frames.p95)),
    '≤ 33 ms',
    verdict(median(frames.p95), TARGETS.frameP95Ms),
  ),
  row('longest frame while panning/zooming', ms(median(frames.max)), '', ''),
  row('frame time p50 while deltas stream', ms(median(stream.p50)), '', ''),
  row(
    'frame time p95 while deltas stream',
    ms(median(stream.p95)),
    '≤ 33 ms',
    verdict(median(stream.p95), TARGETS.frameP95Ms),
  ),
  row('longest frame while deltas stream', ms(median(stream.max)), '', ''),
  row('JS heap after first paint (after GC)', mb(median(paint.heap)), '', ''),
  row('JS heap after streaming (after GC)', mb(median(stream.heap)), '', ''),
  row(
    'initial JS, gzipped',
    kb(bytes.jsGzip),
    '≤ 250 KB',
    verdict(bytes.jsGzip, TARGETS.initialJsGzip),
  ),
  row('initial CSS, gzipped', kb(bytes.cssGzip), '', ''),
  '',
  `initial files: ${bytes.files.map((file) => `${file.path} ${kb(file.raw)} (${kb(file.gzip)} gz)`).join(', ')}`,
  ...notes.map((note) => `note: ${note}`),
];
process.stdout.write(`### browser benchmark\n\n${lines.join('\n')}\n`);
process.exit(0);
