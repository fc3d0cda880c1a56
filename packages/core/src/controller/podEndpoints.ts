import type { AddressType, Endpoint, Node, Pod, Service } from '../model/kubernetes.ts';
import { podToEndpoint, shouldPodBeInEndpoints } from './pods.ts';

/** What the reconciler reads of one Pod for one address type. */
export interface PodEndpoint {
  /** The Pod is published at all (CU ShouldPodBeInEndpoints). */
  published: boolean;
  nodeName: string;
  /** The Pod's Node, undefined when not known. */
  node: Node | undefined;
  /** Its endpoint ({@link podToEndpoint}), when published. */
  endpoint: Endpoint | undefined;
}

/** The Pod's published state, Node and endpoint for one address type, built anew. */
export function podEndpointOf(
  pod: Pod,
  nodes: ReadonlyMap<string, Node>,
  service: Service,
  addressType: AddressType,
): PodEndpoint {
  const published = shouldPodBeInEndpoints(pod);
  const nodeName = pod.spec?.nodeName ?? '';
  const node = nodes.get(nodeName);
  const endpoint = published ? podToEndpoint(pod, node, service, addressType) : undefined;
  return { published, nodeName, node, endpoint };
}

/**
 * {@link podEndpointOf} kept per Service object, address type and Pod object, while the Pod's
 * Node is the same object. The engine replaces Pods, Nodes and Services on every change and
 * never edits one in place, and endpoints are never changed once built, so a sync only looks
 * into the Pods that changed since the previous one.
 */
export class PodEndpoints {
  private readonly byService = new WeakMap<Service, Map<AddressType, WeakMap<Pod, PodEndpoint>>>();

  /** The lookup of one Service object's Pods for one address type, against `nodes`. */
  of(
    service: Service,
    addressType: AddressType,
    nodes: ReadonlyMap<string, Node>,
  ): (pod: Pod) => PodEndpoint {
    let byType = this.byService.get(service);
    if (!byType) {
      byType = new Map();
      this.byService.set(service, byType);
    }
    let pods = byType.get(addressType);
    if (!pods) {
      pods = new WeakMap();
      byType.set(addressType, pods);
    }
    const known = pods;
    return (pod) => {
      const kept = known.get(pod);
      if (kept && nodes.get(kept.nodeName) === kept.node) return kept;
      const built = podEndpointOf(pod, nodes, service, addressType);
      known.set(pod, built);
      return built;
    };
  }
}
