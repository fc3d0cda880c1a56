import { podSpec } from './arbitraries.ts';
import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
  type SliceAction,
} from '../../src/index.ts';

/**
 * A world that changes one event at a time, for comparing the incremental reconcile with the
 * full one sync by sync: Pods that come, go, become ready or not, terminate, change IP, Node or
 * ports; Nodes that change zone or disappear; Service edits; slices changed behind the
 * controller's back.
 */

const NAMESPACE = 'ns';
export const NODE_NAMES = ['node-a', 'node-b', 'node-c', 'node-d'] as const;
const START = Date.UTC(2026, 0, 1);

export interface PodSpec {
  selected: boolean;
  ready: boolean;
  terminating: boolean;
  phase: 'Running' | 'Pending' | 'Failed';
  families: ('v4' | 'v6')[];
  /** Bumped to give the Pod another IP (another endpoint identity). */
  ipVersion: number;
  node: string;
  webPort: 8080 | 8081 | undefined;
  sidecar: boolean;
  hostname: boolean;
  /** Seconds after the start of the Ready condition's last transition. */
  readySince: number;
  uid: number;
}

/** A small edit of the Service that keeps its ports, so that slices survive it. */
export type ServiceTweak =
  | { topologyMode: string | undefined }
  | { trafficDistribution: string | undefined }
  | { labels: Record<string, string> }
  | { publishNotReadyAddresses: boolean }
  | { deleting: boolean };

export type WorldEvent =
  | { type: 'add'; index: number; spec: PodSpec }
  | { type: 'remove'; index: number }
  | { type: 'ready'; index: number; ready: boolean; at: number }
  | { type: 'terminate'; index: number }
  | { type: 'ip'; index: number }
  | { type: 'move'; index: number; node: string }
  | { type: 'ports'; index: number; webPort: 8080 | 8081 | undefined; sidecar: boolean }
  | { type: 'relabel'; index: number }
  | { type: 'recreate'; index: number }
  | { type: 'zone'; node: string; zone: string | null }
  | { type: 'service'; service: Service }
  | { type: 'tweak'; change: ServiceTweak }
  | { type: 'tamper'; slice: number; how: 'delete' | 'edit' | 'copy' | 'stray' }
  | { type: 'resync' };

/** The events that change one existing Pod. */
export type PodChange = Extract<
  WorldEvent,
  { type: 'ready' | 'terminate' | 'ip' | 'move' | 'ports' | 'relabel' | 'recreate' }
>;

/** A Pod's spec after one of the events that change it. */
export function changedPodSpec(spec: PodSpec, event: PodChange): PodSpec {
  const changed: PodSpec = { ...spec };
  if (event.type === 'ready') Object.assign(changed, { ready: event.ready, readySince: event.at });
  else if (event.type === 'terminate') changed.terminating = true;
  else if (event.type === 'ip') changed.ipVersion++;
  else if (event.type === 'move') changed.node = event.node;
  else if (event.type === 'ports')
    Object.assign(changed, { webPort: event.webPort, sidecar: event.sidecar });
  else if (event.type === 'relabel') changed.selected = !spec.selected;
  else changed.uid++;
  return changed;
}

export function podObject(i: number, spec: PodSpec): Pod {
  const ips = spec.families.map((family) =>
    family === 'v4'
      ? { ip: `10.${spec.ipVersion}.${i >> 8}.${i & 255}` }
      : { ip: `fd00::${spec.ipVersion.toString(16)}:${i.toString(16)}` },
  );
  return {
    metadata: {
      name: `pod-${String(i).padStart(2, '0')}`,
      namespace: NAMESPACE,
      uid: `uid-${i}-${spec.uid}`,
      labels: { app: spec.selected ? 'web' : 'other' },
      ...(spec.terminating && { deletionTimestamp: '2026-01-01T00:10:00Z' }),
    },
    spec: podSpec({
      nodeName: spec.node,
      hostname: spec.hostname ? `h${i}` : undefined,
      webPort: spec.webPort,
      sidecar: spec.sidecar,
    }),
    status: {
      phase: spec.phase,
      ...(ips[0] && { podIP: ips[0].ip }),
      podIPs: ips,
      conditions: [
        {
          type: 'Ready',
          status: spec.ready ? 'True' : 'False',
          lastTransitionTime: new Date(START + spec.readySince * 1000).toISOString(),
        },
      ],
    },
  };
}

export function nodeObject(name: string, zone: string | null): Node {
  return {
    metadata: {
      name,
      labels: zone === null ? {} : { 'topology.kubernetes.io/zone': zone },
    },
    status: {
      allocatable: { cpu: name === 'node-d' ? '8' : '4' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** Whether syncService lists this slice for the world's Service. */
export function listed(slice: EndpointSlice): boolean {
  const labels = slice.metadata.labels ?? {};
  return (
    labels[LABEL_SERVICE_NAME] === 'web' &&
    labels[LABEL_MANAGED_BY] === CONTROLLER_NAME &&
    slice.metadata.deletionTimestamp == null
  );
}

/**
 * Slices as the API server stores them: creates get `<generateName><n>`. Returns the calls with
 * the stored objects, as the engine hands them to the incremental reconcile's commit.
 */
export class SliceStore {
  readonly slices = new Map<string, EndpointSlice>();
  private counter = 0;

  apply(actions: readonly SliceAction[]): SliceAction[] {
    return actions.map((action) => {
      if (action.verb === 'delete') {
        this.slices.delete(action.name);
        return action;
      }
      let slice = action.slice;
      if (action.verb === 'create') {
        const { generateName, ...metadata } = slice.metadata;
        const name = `${generateName ?? ''}${++this.counter}`;
        slice = { ...slice, metadata: { name, ...metadata } };
      }
      this.slices.set(slice.metadata.name ?? '', slice);
      return { verb: action.verb, slice };
    });
  }

  /** The slices by name order, as the controller lists them. */
  list(): EndpointSlice[] {
    return [...this.slices.values()].filter(listed);
  }
}
