import { describe, expect, it } from 'vitest';
import { chooseSliceVersion } from '../../src/sources/sliceVersion.ts';

const groups = (...versions: string[]) => ({
  groups: [
    { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] },
    {
      name: 'discovery.k8s.io',
      versions: versions.map((version) => ({
        groupVersion: `discovery.k8s.io/${version}`,
        version,
      })),
    },
  ],
});

describe('choosing the EndpointSlice version a cluster serves', () => {
  it('prefers v1, then v1beta1, then v1alpha1', () => {
    expect(chooseSliceVersion(groups('v1', 'v1beta1'))).toBe('v1');
    expect(chooseSliceVersion(groups('v1beta1', 'v1alpha1'))).toBe('v1beta1');
    expect(chooseSliceVersion(groups('v1alpha1'))).toBe('v1alpha1');
  });
  it('is undefined when discovery.k8s.io is not served (before 1.16)', () => {
    expect(chooseSliceVersion({ groups: groups('v1').groups.slice(0, 1) })).toBeUndefined();
    expect(chooseSliceVersion(groups('v2'))).toBeUndefined();
  });
});
