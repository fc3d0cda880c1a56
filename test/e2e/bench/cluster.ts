import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigYaml, startLiveCluster, type LiveCluster } from '@slicescope/cluster';
import type { Scenario } from '@slicescope/core';
import { serveProcess, type Served } from '../support/serve.ts';

export interface BenchCluster {
  cluster: LiveCluster;
  served: Served;
  /** Time to build the cluster (engine settled, objects stored), ms. */
  buildMs: number;
  /** Time from starting `slicescope serve` until every watch had listed, ms. */
  ingestMs: number;
  close(): Promise<void>;
}

/**
 * The embedded cluster runs in this process, served over the Kubernetes API on loopback, and
 * `slicescope serve --kubeconfig` reads it from a child process, as it reads a real cluster: the
 * engine's work on a change (a sync of a 100,000-endpoint Service takes seconds) then never stalls
 * the api or its stream, and the benchmark can cause changes when it wants them.
 */
export async function startBenchCluster(scenario: Scenario): Promise<BenchCluster> {
  let start = performance.now();
  const cluster = await startLiveCluster({ scenario, server: { host: '127.0.0.1', port: 0 } });
  const buildMs = performance.now() - start;
  const dir = await mkdtemp(join(tmpdir(), 'slicescope-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigYaml({ url: cluster.url, insecureSkipTlsVerify: true }));
  start = performance.now();
  let served: Served;
  try {
    served = await serveProcess(['--kubeconfig', kubeconfig, '--history-entries', '50'], {
      startTimeoutMs: 10 * 60_000,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    });
  } catch (error) {
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const ingestMs = performance.now() - start;
  return {
    cluster,
    served,
    buildMs,
    ingestMs,
    async close() {
      await served.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Stream batches the api has sent so far (its Prometheus histogram's count). Retried: after the
 * engine held this process for seconds, the first request may go out on a kept-alive connection
 * the api has closed meanwhile.
 */
export async function streamBatches(served: Served): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${served.url}/metrics`, {
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      const count = /^slicescope_stream_batch_changes_count(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1];
      return Number(count ?? 0);
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
