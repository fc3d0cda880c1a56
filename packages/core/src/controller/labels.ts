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

/**
 * The labels a slice of `service` should carry, and whether its non-reserved labels differ from
 * the Service's (UTL setEndpointSliceLabels). The headless label follows `clusterIP`, but a
 * change of it alone does not count as a change.
 */
export function setEndpointSliceLabels(
  slice: Pick<EndpointSlice, 'metadata'>,
  service: Service,
): { labels: Record<string, string>; changed: boolean } {
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
  const labels: Record<string, string> = Object.fromEntries(serviceLabels);
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels: sortedRecord(labels), changed };
}
