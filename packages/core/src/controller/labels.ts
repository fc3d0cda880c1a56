import type { EndpointSlice, Service } from '../model/kubernetes.ts';
import {
  CONTROLLER_NAME,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
} from '../model/constants.ts';
import { sortedRecord } from '../util/records.ts';

/** Label keys the controller owns; a Service cannot set or override them on its slices. */
function isReservedLabelKey(key: string): boolean {
  return key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === LABEL_HEADLESS;
}

/** A Service has a cluster IP unless `clusterIP` is empty or `None` (headless). */
export function isServiceIPSet(service: Service): boolean {
  const clusterIP = service.spec.clusterIP ?? '';
  return clusterIP !== 'None' && clusterIP !== '';
}

function nonReserved(labels: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!isReservedLabelKey(key)) result.set(key, value);
  }
  return result;
}

/** The labels every slice of a Service should carry, and what they were built from. */
interface DesiredLabels {
  labels: Record<string, string>;
  name: string | undefined;
  clusterIP: string | undefined;
  /** The Service's own labels: the object, and a copy to tell an edit in place. */
  serviceLabels: Readonly<Record<string, string>> | undefined;
  copy: Record<string, string>;
}

/**
 * Per Service object, its slices' labels, built once and shared by the slices written with them
 * (labels are never changed in place once built). A caller may still edit a Service in place, as
 * upstream's tests do, so each use checks what the labels were built from.
 */
const desiredLabels = new WeakMap<Service, DesiredLabels>();

function stillDesired(entry: DesiredLabels, service: Service): boolean {
  const { labels } = service.metadata;
  if (
    entry.name !== service.metadata.name ||
    entry.clusterIP !== service.spec.clusterIP ||
    entry.serviceLabels !== labels
  ) {
    return false;
  }
  let count = 0;
  for (const key in labels) {
    if (entry.copy[key] !== labels[key]) return false;
    count++;
  }
  return count === Object.keys(entry.copy).length;
}

function labelsFor(service: Service): Record<string, string> {
  const known = desiredLabels.get(service);
  if (known && stillDesired(known, service)) return known.labels;
  const built: Record<string, string> = Object.fromEntries(nonReserved(service.metadata.labels));
  if (!isServiceIPSet(service)) built[LABEL_HEADLESS] = '';
  built[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  built[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  const labels = sortedRecord(built);
  desiredLabels.set(service, {
    labels,
    name: service.metadata.name,
    clusterIP: service.spec.clusterIP,
    serviceLabels: service.metadata.labels,
    copy: { ...service.metadata.labels },
  });
  return labels;
}

/**
 * The labels a slice of `service` should carry, and whether its non-reserved labels differ from
 * the Service's (UTL setEndpointSliceLabels). The headless label follows `clusterIP`, but a
 * change of it alone does not count as a change.
 */
export function setEndpointSliceLabels(
  slice: Pick<EndpointSlice, 'metadata'>,
  service: Service,
): { labels: Record<string, string>; changed: boolean } {
  const labels = labelsFor(service);
  // A slice written with this Service object's labels carries that very object.
  if (slice.metadata.labels === labels) return { labels, changed: false };
  const sliceLabels = nonReserved(slice.metadata.labels);
  const serviceLabels = nonReserved(service.metadata.labels);
  let changed = sliceLabels.size !== serviceLabels.size;
  if (!changed) {
    for (const [key, value] of serviceLabels) {
      if (sliceLabels.get(key) !== value) {
        changed = true;
        break;
      }
    }
  }
  return { labels, changed };
}
