import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { clusterCommand } from '../src/commands/cluster.ts';
import { runInProcess, startInProcess } from './run.ts';

/** Runs `slicescope cluster` in this process until `stop` aborts it. */
const startCluster = (args: string[]) =>
  startInProcess(clusterCommand, args, /at (http\S+?)[;\s]/, 'stdout');

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

  test('rejects a bad scenario file with the file and the field named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-cluster-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\ncluster:\n  zones:\n    - name: zone-a\n      nodes: 0\n');
    const { code, stderr } = await runInProcess(['cluster', '--scenario', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`^slicescope cluster: --scenario ${file}: cluster\\.zones\\[0\\]\\.nodes: `),
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
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with exit code 2', async (args, message) => {
    const { code, stderr } = await runInProcess(['cluster', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
