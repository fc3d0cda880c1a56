import type { Assumptions, ResolvedOptions } from './types.ts';

function watchersText(options: ResolvedOptions): string {
  const extra =
    options.extraWatchers > 0
      ? ` plus ${options.extraWatchers} other watcher${options.extraWatchers === 1 ? '' : 's'}`
      : '';
  const reads =
    options.consumers === 'both'
      ? 'each API is counted as if the watchers read it (a real kube-proxy ≥ 1.19 reads EndpointSlices only)'
      : options.consumers === 'endpoints'
        ? 'the watchers read v1 Endpoints only, so EndpointSlice writes send no events'
        : 'the watchers read EndpointSlices only, so Endpoints writes send no events';
  return `one watch event per write per watcher: one kube-proxy per Node${extra}; ${reads}`;
}

function paperSize(options: ResolvedOptions): string {
  const c = options.paperBytesPerEndpoint;
  const m = options.paperMinObjectBytes;
  const source =
    c === 100 && m === 1000
      ? " (KEP-0752's constants)"
      : c === 300
        ? ' (c = 300 B: the 2020 blog\'s "1.5 MB for 5,000 Pod IPs")'
        : '';
  return `an object of k endpoints weighs max(k × ${c} B, ${m} B)${source}`;
}

/** What produced each figure of a report, in words. */
export function assumptionsFor(options: ResolvedOptions, formulas: boolean): Assumptions {
  const b = options.maxEndpointsPerSlice;
  const from =
    options.countFromSeconds > 0
      ? `; writes before second ${options.countFromSeconds} build the starting state and are not counted`
      : '';
  const timing = formulas
    ? 'the operation as one step at second 1 after the starting state at second 0, no engine run'
    : `the engine runs the scenario as fast as it can: every change at one simulated instant is synced once per Service (batch period ${options.batchPeriodSeconds} s); a step is an instant at which objects changed${from}`;
  const state = formulas
    ? `ideal packing: P endpoints in ceil(P/${b}) slices (one placeholder slice when P is 0), spread evenly over the zones, all ready but update-one's, whose Pod failed its readiness probe; no hints`
    : 'the EndpointSlices the engine holds at the end of each step (all Services, mirrored slices included), hints as the topology cache set them';
  if (options.mode === 'paper') {
    return {
      objects: `paper: one Endpoints object and ceil(P/${b}) EndpointSlices per Service with a selector (P its ready endpoints; one placeholder slice when P is 0)`,
      writes: formulas
        ? `paper (KEP-0752 "Estimation"): create = 1 Endpoints write and ceil(P/${b}) slice writes; update-one = 1 write of the object holding the endpoint; rollout = P writes, one per replaced Pod`
        : `paper: creating or deleting a Service writes its Endpoints object and its ceil(P/${b}) slices, an edit rewrites them; then one write of the containing object per endpoint change, a new Pod replacing one that went away counting once ("one write per replaced Pod"); an endpoint is a ready Pod`,
      watchEvents: watchersText(options),
      bytes: `paper: watch events × object size, where ${paperSize(options)}; the Endpoints object holds all P endpoints, a slice min(P, ${b})`,
      endpoints:
        'paper: the Endpoints object holds every endpoint of the Service (no 1000-address cap)',
      state,
      timing,
    };
  }
  return {
    objects: 'model: Endpoints and EndpointSlice objects in the engine at the end',
    writes:
      'model: every create, update and delete of the EndpointSlice controller, the Endpoints controller, the mirroring controller and the garbage collector in the engine',
    watchEvents: watchersText(options),
    bytes:
      'model: exact JSON watch events ({"type":…,"object":…} and a newline) of the objects as the API server encodes them, per watcher',
    bytesProtobuf:
      'model: exact protobuf watch events (4-byte length frame, WatchEvent around the k8s\\0 runtime.Unknown) of the same writes',
    endpoints:
      options.endpointsCapacity === 'unbounded'
        ? 'model: Endpoints objects hold every address, as before Kubernetes 1.22 (an over-capacity object is sized with all its addresses, and an over-capacity sync that changes nothing writes nothing)'
        : 'model: Endpoints objects as the controller writes them since Kubernetes 1.22: at most 1000 addresses, and rewritten on every sync while over capacity',
    state,
    timing,
  };
}
