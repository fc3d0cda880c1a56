import type { EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../model/constants.ts';
import { emptySyncMetrics } from './metrics.ts';
import { reconcile, type ReconcileOptions, type Reconciliation } from './reconcile.ts';

/** Whether a Pod's labels satisfy a Service selector: equality on every key. */
export function selectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  // for…in allocates nothing: this runs for every Pod of every sync.
  for (const key in selector) {
    if (Object.hasOwn(selector, key) && labels?.[key] !== selector[key]) return false;
  }
  return true;
}

/**
 * Whether the EndpointSlice controller manages slices for this Service at all (CTRL syncService):
 * not for ExternalName Services, and not for Services without a selector. An empty selector
 * counts as none, as the API server stores it.
 */
export function serviceWantsSlices(service: Service): boolean {
  if (service.spec.type === 'ExternalName') return false;
  return Object.keys(service.spec.selector ?? {}).length > 0;
}

/** A managed slice of this Service that is not being deleted: what syncService lists. */
export function isListedSliceOf(slice: EndpointSlice, service: Service): boolean {
  const labels = slice.metadata.labels ?? {};
  return (
    (slice.metadata.namespace ?? '') === (service.metadata.namespace ?? '') &&
    labels[LABEL_SERVICE_NAME] === service.metadata.name &&
    labels[LABEL_MANAGED_BY] === CONTROLLER_NAME &&
    slice.metadata.deletionTimestamp == null
  );
}

/**
 * One sync of one Service as kube-controller-manager's syncService does it, on whatever objects
 * it is given: Pods of the Service's namespace that its selector matches, the managed slices
 * labelled for it that are not being deleted, and Nodes by name. ExternalName and selector-less
 * Services get no calls at all (their existing slices are not cleaned up either).
 */
export function syncService(
  service: Service,
  pods: readonly Pod[],
  nodes: readonly Node[],
  existingSlices: readonly EndpointSlice[],
  options: ReconcileOptions,
): Reconciliation {
  if (!serviceWantsSlices(service)) {
    return { actions: [], errors: [], events: [], metrics: emptySyncMetrics() };
  }
  const namespace = service.metadata.namespace ?? '';
  const selector = service.spec.selector ?? {};
  const selected = pods.filter(
    (pod) =>
      (pod.metadata.namespace ?? '') === namespace &&
      selectorMatches(selector, pod.metadata.labels),
  );
  const listed = existingSlices.filter((slice) => isListedSliceOf(slice, service));
  const nodesByName = new Map(nodes.map((node) => [node.metadata.name ?? '', node]));
  return reconcile(service, selected, listed, nodesByName, options);
}
