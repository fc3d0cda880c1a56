import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigYaml } from '@slicescope/cluster';
import { describe, expect, it } from 'vitest';
import { defaultKubeconfigPath, kubeconfigSource } from '../../src/sources/kubeconfigSource.ts';
import { inClusterSource, runningInCluster } from '../../src/sources/inClusterSource.ts';

const dir = mkdtempSync(join(tmpdir(), 'slicescope-kubeconfig-'));
const path = join(dir, 'config');
writeFileSync(path, kubeconfigYaml({ url: 'https://127.0.0.1:6443', context: 'lab', token: 't' }));

describe('a kubeconfig source, only when asked', () => {
  it('uses the named context and reports it', () => {
    const source = kubeconfigSource({ path, context: 'lab' });
    expect(source.info).toEqual({ kind: 'kubeconfig', name: 'lab', frozen: false });
    expect(source.kubeConfig.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
  });
  it('names the missing file, the unknown context and the known ones', () => {
    expect(() => kubeconfigSource({ path: join(dir, 'nope') })).toThrow(
      /--kubeconfig: no file at .*nope/,
    );
    expect(() => kubeconfigSource({ path, context: 'prod' })).toThrow(
      '--context: no context "prod" in ' + path + ' (it has: lab)',
    );
  });
  it('reads $KUBECONFIG first, then ~/.kube/config', () => {
    expect(defaultKubeconfigPath({ KUBECONFIG: `:${path}:/other` })).toBe(path);
    expect(defaultKubeconfigPath({})).toMatch(/\.kube\/config$/);
  });
});

describe('in-cluster detection', () => {
  it('needs both the service host and the token file', () => {
    expect(runningInCluster({ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, dir)).toBe(false);
    writeFileSync(join(dir, 'token'), 'x');
    expect(runningInCluster({ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, dir)).toBe(true);
    expect(runningInCluster({}, dir)).toBe(false);
    expect(() => inClusterSource({})).toThrow(/--in-cluster: not running in a pod/);
  });
});
