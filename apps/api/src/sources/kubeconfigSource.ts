import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { SourceError, type ClusterSource } from './source.ts';

/** `$KUBECONFIG`'s first entry, else ~/.kube/config (as kubectl reads them). */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = env.KUBECONFIG?.split(delimiter).find((entry) => entry !== '');
  return first ?? join(homedir(), '.kube', 'config');
}

/**
 * A cluster from a kubeconfig file, only when asked for (`--kubeconfig`, `--context`): a
 * kubeconfig lying in $HOME must never silently win over in-cluster or the demo
 * (watch-protocol.md §2.5).
 */
export function kubeconfigSource(options: { path?: string; context?: string }): ClusterSource {
  const path = options.path ?? defaultKubeconfigPath();
  if (!existsSync(path)) throw new SourceError(`--kubeconfig: no file at ${path}`);
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(path);
  } catch (error) {
    throw new SourceError(
      `--kubeconfig: ${path} is not a readable kubeconfig: ${(error as Error).message}`,
    );
  }
  if (options.context !== undefined) {
    if (!kubeConfig.getContextObject(options.context)) {
      const known = kubeConfig.getContexts().map((context) => context.name);
      throw new SourceError(
        `--context: no context "${options.context}" in ${path} (it has: ${known.join(', ') || 'none'})`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const context = kubeConfig.getCurrentContext();
  if (!context || !kubeConfig.getCurrentCluster()) {
    throw new SourceError(
      `--kubeconfig: ${path} has no current context with a cluster; pass --context`,
    );
  }
  return {
    info: { kind: 'kubeconfig', name: context, frozen: false },
    kubeConfig,
    close: async () => undefined,
  };
}
