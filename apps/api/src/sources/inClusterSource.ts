import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { SourceError, type ClusterSource } from './source.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Whether the process runs in a pod that can reach the API with its service account. */
export function runningInCluster(
  env: NodeJS.ProcessEnv = process.env,
  dir = SERVICE_ACCOUNT_DIR,
): boolean {
  return env.KUBERNETES_SERVICE_HOST !== undefined && existsSync(`${dir}/token`);
}

/**
 * The cluster the pod runs in: client-node's loadFromCluster reads the service account's CA and
 * token file, and re-reads the token when it is older than 60 s, so projected tokens rotate.
 */
export function inClusterSource(env: NodeJS.ProcessEnv = process.env): ClusterSource {
  if (!runningInCluster(env)) {
    throw new SourceError(
      `--in-cluster: not running in a pod (KUBERNETES_SERVICE_HOST unset or no token at ${SERVICE_ACCOUNT_DIR}/token)`,
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return {
    info: { kind: 'in-cluster', name: 'in-cluster', frozen: false },
    kubeConfig,
    close: async () => undefined,
  };
}
