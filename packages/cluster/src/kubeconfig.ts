import { writeFile } from 'node:fs/promises';

export interface KubeconfigOptions {
  /** The server URL, e.g. `ClusterServer.url`. */
  url: string;
  /** Bearer token for the user entry. */
  token?: string;
  /** PEM of the CA (or self-signed certificate) that signed an HTTPS server's certificate. */
  ca?: string | Buffer;
  /**
   * Writes `insecure-skip-tls-verify: true`. Only when asked: client-node 1.4 needs it for an
   * `http://` server ("HTTP protocol is not allowed when skipTLSVerify is not set or false"),
   * kubectl does not; it cannot be combined with `ca` (kubectl refuses the pair).
   */
  insecureSkipTlsVerify?: boolean;
  /** Name of the cluster, user and context entries (default `slicescope`). */
  context?: string;
}

/** YAML scalars as JSON strings: always valid YAML, whatever the text contains. */
const quote = (value: string): string => JSON.stringify(value);

/**
 * A kubeconfig with one cluster, user and context, loadable by kubectl and by
 * @kubernetes/client-node 1.4. The user entry is always present (client-node applies the
 * cluster's CA only when the context has a user); a plain-http server gets no TLS fields unless
 * `insecureSkipTlsVerify` is asked for.
 */
export function kubeconfigYaml(options: KubeconfigOptions): string {
  const name = options.context ?? 'slicescope';
  if (options.ca !== undefined && options.insecureSkipTlsVerify === true) {
    throw new Error('a kubeconfig cannot have both a CA and insecure-skip-tls-verify');
  }
  const https = options.url.startsWith('https:');
  if (options.ca !== undefined && !https)
    throw new Error(`a CA needs an https:// server, not ${options.url}`);
  const cluster = [`    server: ${quote(options.url)}`];
  if (options.ca !== undefined) {
    cluster.push(
      `    certificate-authority-data: ${quote(Buffer.from(options.ca).toString('base64'))}`,
    );
  }
  if (options.insecureSkipTlsVerify === true) cluster.push('    insecure-skip-tls-verify: true');
  const user =
    options.token === undefined
      ? ['  user: {}']
      : ['  user:', `    token: ${quote(options.token)}`];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${quote(name)}`,
    '  cluster:',
    ...cluster,
    'users:',
    `- name: ${quote(name)}`,
    ...user,
    'contexts:',
    `- name: ${quote(name)}`,
    '  context:',
    `    cluster: ${quote(name)}`,
    `    user: ${quote(name)}`,
    `current-context: ${quote(name)}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes `kubeconfigYaml(options)` to `path` (mode 0600: it may hold a token). */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  await writeFile(path, kubeconfigYaml(options), { mode: 0o600 });
}
