import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigYaml, startLiveCluster, type LiveCluster } from '@slicescope/cluster';
import { DEFAULT_SCENARIO_NAME, loadShippedScenario } from '@slicescope/contract';
import type { Scenario } from '@slicescope/core';
import type { ClusterSource } from './source.ts';

export interface DemoSourceOptions {
  scenario?: Scenario;
  seed?: number;
  speed?: number;
}

/**
 * The embedded demo cluster, started in-process on loopback and read through client-node exactly
 * like a real cluster (architecture.md, "One engine, two faces").
 */
export async function startDemoSource(
  options: DemoSourceOptions = {},
): Promise<ClusterSource & { cluster: LiveCluster }> {
  const scenario = options.scenario ?? loadShippedScenario(DEFAULT_SCENARIO_NAME);
  const cluster = await startLiveCluster({
    scenario,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    server: { host: '127.0.0.1', port: 0 },
  });
  const kubeConfig = new KubeConfig();
  // client-node 1.4 refuses plain http unless the cluster entry skips TLS verification; the
  // server is on loopback in this process.
  kubeConfig.loadFromString(kubeconfigYaml({ url: cluster.url, insecureSkipTlsVerify: true }));
  return {
    info: { kind: 'demo', name: scenario.name, frozen: false },
    kubeConfig,
    cluster,
    close: () => cluster.close(),
  };
}
