import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { SourceError, type ClusterSource } from './source.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Whether the process runs in a pod that can reach the API with its service account. */
export function runningInCluster(
  env: NodeJS.ProcessEnv = process.env,
  dir = SERVICE_ACCOUNT_DIR,
): boolean {
  return env.KUBERNETES_SERVICE_HOST !== undefined && existsSync(join(dir, 'token'));
}

/**
 * The cluster the pod runs in, as client-node's `loadFromCluster` would build it, but from `env`
 * and a service-account directory (`token`, `ca.crt`, `namespace`) given here, so tests can point
 * it at a fake one. The token is a token *file*: client-node re-reads it when it is older than
 * 60 s, so projected tokens rotate; it is never read into our own memory, logs or answers.
 */
export function inClusterSource(
  env: NodeJS.ProcessEnv = process.env,
  dir = SERVICE_ACCOUNT_DIR,
): ClusterSource {
  const host = env.KUBERNETES_SERVICE_HOST;
  if (host === undefined || !runningInCluster(env, dir)) {
    throw new SourceError(
      `--in-cluster: not running in a pod (KUBERNETES_SERVICE_HOST unset or no token at ${join(dir, 'token')})`,
    );
  }
  const caFile = join(dir, 'ca.crt');
  if (!existsSync(caFile)) throw new SourceError(`--in-cluster: no CA certificate at ${caFile}`);
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const namespaceFile = join(dir, 'namespace');
  const namespace = existsSync(namespaceFile)
    ? readFileSync(namespaceFile, 'utf8').trim() || undefined
    : undefined;
  const kubeConfig = new KubeConfig();
  // The apiserver's in-cluster Service always speaks TLS, verified with the pod's CA bundle.
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'in-cluster',
        server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
        caFile,
        skipTLSVerify: false,
      },
    ],
    users: [
      {
        name: 'in-cluster',
        authProvider: { name: 'tokenFile', config: { tokenFile: join(dir, 'token') } },
      },
    ],
    contexts: [
      {
        name: 'in-cluster',
        cluster: 'in-cluster',
        user: 'in-cluster',
        ...(namespace ? { namespace } : {}),
      },
    ],
    currentContext: 'in-cluster',
  });
  return {
    info: { kind: 'in-cluster', name: 'in-cluster', frozen: false },
    kubeConfig,
    close: async () => undefined,
  };
}
