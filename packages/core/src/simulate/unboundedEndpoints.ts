import type { ObjectChange } from '../engine/changes.ts';
import type { Endpoints, EndpointSubset } from '../model/endpoints.ts';
import { endpointSubsetsEqualIgnoreResourceVersion, recordsEqual } from '../legacy/subsetsEqual.ts';
import { ANNOTATION_OVER_CAPACITY } from '../legacy/constants.ts';

interface Written {
  subsets: EndpointSubset[];
  labels: Readonly<Record<string, string>> | undefined;
}

/**
 * Endpoints as they would be without the 1000-address cap of Kubernetes 1.22+: an Endpoints
 * change of the engine whose object was truncated is replaced by the object with every address
 * (the Service's selected Pods at the end of the step), and dropped when that object did not
 * change — since 1.22 the controller rewrites an over-capacity object on every sync, which an
 * uncapped one would not. Objects under the cap pass through unchanged.
 */
export class UnboundedEndpoints {
  private readonly written = new Map<string, Written>();

  /**
   * `desiredSubsets` gives the subsets the Endpoints controller wants for a Service (by key) now,
   * before truncation (ClusterEngine.desiredEndpointsSubsets).
   */
  constructor(private readonly desiredSubsets: (key: string) => EndpointSubset[]) {}

  /** The step's Endpoints changes as an uncapped controller would have made them. */
  replace(changes: readonly ObjectChange[]): ObjectChange[] {
    const out: ObjectChange[] = [];
    for (const change of changes) {
      if (change.kind !== 'Endpoints') continue;
      const object = change.object;
      const key = `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
      const truncated = object.metadata.annotations?.[ANNOTATION_OVER_CAPACITY] !== undefined;
      if (change.type === 'DELETED' || !truncated) {
        this.written.delete(key);
        out.push(change);
        continue;
      }
      const subsets = this.desiredSubsets(key);
      const labels = object.metadata.labels;
      const before = this.written.get(key);
      this.written.set(key, { subsets, labels });
      // The comparison the controller made before it wrote, when it had no cap.
      const unchanged =
        before !== undefined &&
        (before.labels === labels || recordsEqual(before.labels, labels)) &&
        (before.subsets === subsets ||
          endpointSubsetsEqualIgnoreResourceVersion(before.subsets, subsets));
      if (change.type === 'MODIFIED' && unchanged) continue;
      out.push({ type: change.type, kind: 'Endpoints', object: fullObject(object, subsets) });
    }
    return out;
  }
}

/** The object the engine wrote, with every address and without the over-capacity annotation. */
function fullObject(written: Endpoints, subsets: EndpointSubset[]): Endpoints {
  const { [ANNOTATION_OVER_CAPACITY]: _cap, ...annotations } = written.metadata.annotations ?? {};
  const { annotations: _annotations, ...metadata } = written.metadata;
  const { subsets: _subsets, ...object } = written;
  return {
    ...object,
    metadata: { ...metadata, ...(Object.keys(annotations).length > 0 && { annotations }) },
    ...(subsets.length > 0 && { subsets }),
  };
}
