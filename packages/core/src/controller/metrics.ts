/**
 * The controller's metrics for one sync of one Service (MET; subsystem
 * `endpoint_slice_controller`). Histograms and counters hold what this sync added to them;
 * the gauges hold the values this Service contributes after the sync.
 */
export interface SyncMetrics {
  /** Gauge `desired_endpoint_slices`: per port mapping ceil(endpoints / max), at least 1. */
  desiredSlices: number;
  /** Gauge `num_endpoint_slices`: slices after the sync, the placeholder included. */
  actualSlices: number;
  /** Gauge `endpoints_desired`. */
  desiredEndpoints: number;
  /** Histogram `endpoints_added_per_sync`, summed over address types. */
  addedPerSync: number;
  /** Histogram `endpoints_removed_per_sync`, summed over address types. */
  removedPerSync: number;
  /** Counter `changes{operation}`: API calls made. */
  numCreated: number;
  numUpdated: number;
  numDeleted: number;
  /** Histogram `endpointslices_changed_per_sync{topology="Disabled",traffic_distribution=""}`. */
  slicesChangedPerSync: number;
  /** The same histogram with `topology="Auto"`. */
  slicesChangedPerSyncTopology: number;
  /** The same histogram with a trafficDistribution label, summed over its values. */
  slicesChangedPerSyncTrafficDist: number;
  /** Gauge `services_count_by_traffic_distribution`: this Service under its honoured value. */
  servicesCountByTrafficDistribution: Record<string, number>;
}

export function emptySyncMetrics(): SyncMetrics {
  return {
    desiredSlices: 0,
    actualSlices: 0,
    desiredEndpoints: 0,
    addedPerSync: 0,
    removedPerSync: 0,
    numCreated: 0,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 0,
    slicesChangedPerSyncTopology: 0,
    slicesChangedPerSyncTrafficDist: 0,
    servicesCountByTrafficDistribution: {},
  };
}

/** Endpoints and slices of one port mapping after the sync (MET EfficiencyInfo). */
export interface EfficiencyInfo {
  endpoints: number;
  slices: number;
}

/** ceil(endpoints / max), 0 for no endpoints (MET numDesiredSlices). */
export function numDesiredSlices(endpoints: number, maxEndpointsPerSlice: number): number {
  return endpoints === 0 ? 0 : Math.ceil(endpoints / maxEndpointsPerSlice);
}

/** The gauge values of one address type's port mappings (MET ServicePortCache totals). */
export function servicePortTotals(
  portMappings: Iterable<EfficiencyInfo>,
  maxEndpointsPerSlice: number,
): Pick<SyncMetrics, 'actualSlices' | 'desiredSlices' | 'desiredEndpoints'> {
  let actualSlices = 0;
  let desiredSlices = 0;
  let desiredEndpoints = 0;
  for (const info of portMappings) {
    desiredEndpoints += info.endpoints;
    actualSlices += info.slices;
    desiredSlices += numDesiredSlices(info.endpoints, maxEndpointsPerSlice);
  }
  return { actualSlices, desiredSlices: Math.max(desiredSlices, 1), desiredEndpoints };
}
