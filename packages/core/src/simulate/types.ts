/**
 * The what-if simulator's options and report (issue 7). A report compares what the same Services
 * cost when their consumers read EndpointSlices and when they read v1 Endpoints, step by step and
 * in total, in one of two accounting modes:
 * - `paper`: the published sources' constants and rules (scale-facts.md §1, §3);
 * - `model`: every write the controllers make in the engine, sized by exact wire bytes.
 */

export type AccountingMode = 'paper' | 'model';

/** Which API the watchers read: a kind nobody reads sends no watch events. */
export type Consumers = 'endpoints' | 'endpointSlices' | 'both';

/**
 * How the v1 Endpoints object is sized in model mode: `unbounded` holds every address (as before
 * Kubernetes 1.22, and as consumers relying on Endpoints would need it); `truncated` is what the
 * Endpoints controller writes since 1.22, at most 1000 addresses.
 */
export type EndpointsCapacity = 'unbounded' | 'truncated';

export interface SimulationOptions {
  mode?: AccountingMode;
  /** Seed of every random choice of the engine (default 1). */
  seed?: number;
  /** `--max-endpoints-per-slice` (1–1000); overrides the scenario's `controllers` setting. */
  maxEndpointsPerSlice?: number;
  /** `--endpointslice-updates-batch-period`, seconds; overrides the scenario's setting. */
  batchPeriodSeconds?: number;
  /** Watchers besides one kube-proxy per Node: CoreDNS, ingress controllers, … (default 0). */
  extraWatchers?: number;
  /** Which API the watchers read (default `both`, so that the two can be compared). */
  consumers?: Consumers;
  /** Paper mode: c, bytes per endpoint (default 100, KEP-0752; 300 reproduces the 2020 blog). */
  paperBytesPerEndpoint?: number;
  /** Paper mode: M, the smallest object (default 1,000 B, KEP-0752). */
  paperMinObjectBytes?: number;
  /** Model mode: how the Endpoints object is sized (default `unbounded`). */
  endpointsCapacity?: EndpointsCapacity;
  /**
   * Start as a running cluster: the workloads' Pods exist bound, running and ready at second 0
   * (default true). False plays their scheduling and start-up too.
   */
  settled?: boolean;
  /** Writes before this second build the starting state and are not counted (default 0). */
  countFromSeconds?: number;
  /**
   * Where the run stops, seconds. Default: 600 s after the last event (one cycle of a repeating
   * scenario), or earlier when the cluster is quiet.
   */
  untilSeconds?: number;
  /**
   * How the engine's EndpointSlice controller computes its syncs (default `incremental`, the
   * faster; `full` recomputes every sync). Both make the same writes, so the report, which
   * states only what changes a figure, leaves it out.
   */
  reconcile?: 'full' | 'incremental';
}

/** Options with every default applied, as the report states them. */
export interface ResolvedOptions {
  mode: AccountingMode;
  seed: number;
  maxEndpointsPerSlice: number;
  batchPeriodSeconds: number;
  extraWatchers: number;
  consumers: Consumers;
  paperBytesPerEndpoint: number;
  paperMinObjectBytes: number;
  endpointsCapacity: EndpointsCapacity;
  settled: boolean;
  countFromSeconds: number;
  untilSeconds: number;
}

export interface WritesByVerb {
  create: number;
  update: number;
  delete: number;
}

/** One kind's cost over a step, or in total. */
export interface KindCost {
  /** Objects of the kind at the end of the step (or of the run). */
  objects: number;
  /** API writes: creates, updates and deletes. */
  writes: number;
  writesByVerb: WritesByVerb;
  /** Watch events sent: each write to every watcher of the kind. */
  watchEvents: number;
  /** Bytes sent to the watchers: JSON in model mode, the paper sizes in paper mode. */
  bytes: number;
  /** Model mode: the same watch events encoded as protobuf. */
  bytesProtobuf?: number;
}

export interface EndpointsByCondition {
  ready: number;
  /** Terminating but still serving (a graceful shutdown). */
  servingTerminating: number;
  /** Terminating and no longer serving. */
  terminating: number;
  /** Neither ready nor terminating (starting up, failing probes, on a NotReady Node). */
  notReady: number;
}

export interface ZoneState {
  zone: string;
  /** Ready endpoints on Nodes of the zone. */
  endpoints: number;
  /** Endpoints whose hints send the zone's traffic to them. */
  hinted: number;
}

/** The slices' state at the end of a step, as kube-proxy would see them. */
export interface SliceState {
  slices: number;
  /** Endpoints over all slices (one per address family and port mapping). */
  endpoints: number;
  /** endpoints ÷ (slices × maxEndpointsPerSlice), 0–1. */
  fill: number;
  byCondition: EndpointsByCondition;
  /** Services with at least one slice that carries hints. */
  servicesWithHints: number;
  zones: ZoneState[];
}

export interface SeriesPoint {
  /** Simulated seconds at the end of the step. */
  t: number;
  /** Engine steps (instants with changes) this point sums: more than 1 once the series is thinned. */
  steps: number;
  /** Watchers of every object at the end of the step. */
  watchers: number;
  endpointSlices: KindCost;
  endpoints: KindCost;
  state: SliceState;
}

/** Endpoints ÷ EndpointSlices; null where the slices' figure is 0. */
export interface CostRatio {
  writes: number | null;
  watchEvents: number | null;
  bytes: number | null;
  bytesProtobuf?: number | null;
}

export interface Totals {
  endpointSlices: KindCost & { largestObjectBytes: number };
  endpoints: KindCost & { largestObjectBytes: number };
  ratio: CostRatio;
}

/** What produced each figure, in words. */
export interface Assumptions {
  objects: string;
  writes: string;
  watchEvents: string;
  bytes: string;
  bytesProtobuf?: string;
  endpoints: string;
  state: string;
  timing: string;
}

export type QuickOperation = 'create' | 'update-one' | 'rollout';

/** The quick form: one Service of P ready Pods on N Nodes, and one operation on it. */
export interface QuickSimulation {
  pods: number;
  nodes: number;
  /** Zones the Nodes are spread over (default 3, at most `nodes`). */
  zones?: number;
  operation: QuickOperation;
}

export interface SimulationReport {
  schemaVersion: 1;
  mode: AccountingMode;
  scenario: string;
  /** The quick form's input, when the run came from it. */
  quick?: Required<QuickSimulation>;
  options: ResolvedOptions;
  /** Simulated seconds at the end of the run. */
  simulatedSeconds: number;
  /** Engine steps: simulated instants at which objects changed. */
  steps: number;
  totals: Totals;
  series: SeriesPoint[];
  assumptions: Assumptions;
  /** Facts worth knowing about the result (an object over etcd's limit, a truncated Endpoints). */
  warnings: string[];
}

/** Progress of a run, reported after each step. */
export interface SimulationProgress {
  simulatedSeconds: number;
  untilSeconds: number;
  steps: number;
}
