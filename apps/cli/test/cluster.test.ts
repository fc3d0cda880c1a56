import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { clusterCommand } from '../src/commands/cluster.ts';
import { runInProcess, startInProcess } from './run.ts';

/** Runs `slicescope cluster` in this process until `stop` aborts it. */
const startCluster = (args: string[]) =>
  startInProcess(clusterCommand, args, /at (http\S+?)[;\s]/, 'stdout');

const THIS_FILE = fileURLToPath(import.meta.url);

describe('slicescope cluster', () => {
  test('serves a shipped scenario over the Kubernetes API and writes a kubeconfig', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-cluster-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const cluster = startCluster([
      '--scenario',
      'small',
      '--port',
      '0',
      '--seed',
      '4',
      '--kubeconfig-out',
      kubeconfig,
    ]);
    const url = await cluster.ready();
    const slices = (await (
      await fetch(`${url}/apis/discovery.k8s.io/v1/endpointslices`)
    ).json()) as {
      kind: string;
      items: unknown[];
    };
    expect(slices.kind).toBe('EndpointSliceList');
    expect(slices.items.length).toBeGreaterThan(0);
    const written = await (
      await fetch(`${url}/api/v1/pods`, { method: 'POST', body: '{}' })
    ).json();
    expect(written).toMatchObject({ kind: 'Status', code: 405 });
    expect(await readFile(kubeconfig, 'utf8')).toContain(`server: "${url}"`);
    cluster.stop();
    expect(await cluster.done).toBe(0);
    expect(cluster.stdout()).toContain('stopped');
  });

  test('rejects a bad scenario file with the file, the line and the field named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-cluster-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\ncluster:\n  zones:\n    - name: zone-a\n      nodes: 0\n');
    const { code, stderr } = await runInProcess(['cluster', '--scenario', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^slicescope cluster: --scenario ${file}: line 5: cluster\\.zones\\[0\\]\\.nodes: `,
      ),
    );
  });

  test('a kubeconfig that cannot be written is a clear error, and the cluster is closed', async () => {
    const { code, stderr } = await runInProcess([
      'cluster',
      '--scenario',
      'small',
      '--port',
      '0',
      '--kubeconfig-out',
      '/nonexistent-dir/kubeconfig',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^slicescope cluster: --kubeconfig-out: ENOENT/);
  });

  test.each([
    [
      ['--scenario', 'no-such-scenario'],
      /--scenario no-such-scenario: no such file, and no shipped scenario of that name/,
    ],
    [['--port', '70000'], /--port: must be a port from 0 to 65535/],
    [['--speed', '0'], /--speed: must be above 0/],
    [['--tls-cert', 'a.pem'], /--tls-cert and --tls-key go together/],
    [['--bogus'], /--bogus: not an option of this command/],
    [['--speed', '-2'], /--speed: must be above 0 \(got -2\)/],
    [['--seed', 'x'], /--seed: must be a number \(got x\)/],
    [
      ['--tls-cert', '/nonexistent/c.pem', '--tls-key', '/nonexistent/k.pem'],
      /^slicescope cluster: --tls-cert: cannot read \/nonexistent\/c.pem \(ENOENT\)$/m,
    ],
    [
      ['--host', '999.1.1.1'],
      /^slicescope cluster: --host: must be an IP address or a host name \(got 999.1.1.1\)$/m,
    ],
    [
      // This test file: a file that is there, and no PEM.
      ['--tls-cert', THIS_FILE, '--tls-key', THIS_FILE, '--port', '0'],
      /^slicescope cluster: --tls-cert, --tls-key: not a PEM certificate and its key/m,
    ],
  ])('rejects %j with exit code 2', async (args, message) => {
    const { code, stderr } = await runInProcess(['cluster', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('a port in use is said as --port, exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stderr } = await runInProcess(['cluster', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `slicescope cluster: --port: ${port} on 127.0.0.1 is in use by another program (0 picks a free port)\n`,
      );
    } finally {
      taken.close();
    }
  });
});
