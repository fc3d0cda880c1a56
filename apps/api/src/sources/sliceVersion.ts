import { ApisApi, type KubeConfig, type V1APIGroupList } from '@kubernetes/client-node';

/** EndpointSlice API versions slicescope reads, newest first. */
export const SLICE_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'] as const;
export type SliceVersion = (typeof SLICE_VERSIONS)[number];

/**
 * The EndpointSlice version to read from a cluster's /apis: v1 (1.21+) when served, else v1beta1
 * (1.17–1.24), else v1alpha1 (1.16–1.20). Undefined when discovery.k8s.io is not served at all.
 */
export function chooseSliceVersion(groups: V1APIGroupList): SliceVersion | undefined {
  const group = groups.groups.find((entry) => entry.name === 'discovery.k8s.io');
  const served = new Set(group?.versions.map((version) => version.version) ?? []);
  return SLICE_VERSIONS.find((version) => served.has(version));
}

/** Asks the cluster which EndpointSlice version it serves (GET /apis through client-node). */
export async function discoverSliceVersion(kubeConfig: KubeConfig): Promise<SliceVersion> {
  const groups = await kubeConfig.makeApiClient(ApisApi).getAPIVersions();
  const version = chooseSliceVersion(groups);
  if (version === undefined) {
    throw new Error(
      'the cluster serves no discovery.k8s.io API: EndpointSlices need Kubernetes 1.16 or later',
    );
  }
  return version;
}
