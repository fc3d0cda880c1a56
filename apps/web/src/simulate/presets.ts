import { oneByOneRollout } from '@slicescope/core';
import type { SimulationSpec } from './simulationSpec.ts';

/** A ready-made question for the form: the published cases first. */
export interface Preset {
  id: string;
  label: string;
  /** What it reproduces or shows, one sentence. */
  description: string;
  spec: SimulationSpec;
}

const SERVICE_WHAT_IF = {
  pods: 2000,
  nodes: 200,
  zones: 4,
  maxSurge: '10%',
  maxUnavailable: 0,
  topologyAwareHints: true,
  events: [
    { at: 10, type: 'rollingUpdate' },
    { at: 300, type: 'scaleTo', replicas: 3000 },
    { at: 600, type: 'drainNode', node: 'zone-a-node-1' },
    { at: 900, type: 'zoneOutage', zone: 'zone-b', forSeconds: 300 },
    { at: 1500, type: 'updateOne' },
  ],
};

const ZONE_OUTAGE = {
  pods: 300,
  nodes: 30,
  zones: 3,
  topologyAwareHints: true,
  events: [{ at: 60, type: 'zoneOutage', zone: 'zone-b', forSeconds: 300 }],
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'kep-0752-case-1',
    label: 'KEP-0752 Sample Case 1: 20,000 endpoints on 5,000 nodes (paper)',
    description:
      "The KEP's estimation: a rolling update costs 20,000 writes and 10⁸ watch events either way, but 200 TB with Endpoints and 1 TB with slices of 100.",
    spec: {
      input: { kind: 'quick', pods: 20000, nodes: 5000, zones: 3, operation: 'rollout' },
      mode: 'paper',
      maxEndpointsPerSlice: 100,
      paperBytesPerEndpoint: 100,
      paperMinObjectBytes: 1000,
    },
  },
  {
    id: 'kep-0752-case-1-b1',
    label: 'KEP-0752 Sample Case 1 with slices of 1 endpoint (paper)',
    description:
      "The KEP's third column: one endpoint per slice makes 20,000 slices; a rolling update sends about 100 GB.",
    spec: {
      input: { kind: 'quick', pods: 20000, nodes: 5000, zones: 3, operation: 'rollout' },
      mode: 'paper',
      maxEndpointsPerSlice: 1,
      paperBytesPerEndpoint: 100,
      paperMinObjectBytes: 1000,
    },
  },
  {
    id: 'kep-0752-case-2',
    label: 'KEP-0752 Sample Case 2: 20 endpoints on 10 nodes (paper)',
    description: 'A small Service, where every object is about 1 KB and both APIs cost the same.',
    spec: {
      input: { kind: 'quick', pods: 20, nodes: 10, zones: 3, operation: 'rollout' },
      mode: 'paper',
      paperBytesPerEndpoint: 50,
      paperMinObjectBytes: 1000,
    },
  },
  {
    id: 'blog-2020',
    label: '2020 blog: 5,000 Pods on 3,000 nodes, C = 300 B (paper)',
    description:
      'The EndpointSlices blog post: a 1.5 MB Endpoints object; replacing every Pod sends more than 22 TB.',
    spec: {
      input: { kind: 'quick', pods: 5000, nodes: 3000, zones: 3, operation: 'rollout' },
      mode: 'paper',
      paperBytesPerEndpoint: 300,
      paperMinObjectBytes: 0,
    },
  },
  {
    id: 'model-rollout',
    label: 'A 5,000-Pod rolling update on 5,000 nodes (model)',
    description:
      'Every write the controllers make in the engine, sized as the API server encodes it (JSON and protobuf).',
    spec: {
      input: { kind: 'quick', pods: 5000, nodes: 5000, zones: 3, operation: 'rollout' },
      mode: 'model',
    },
  },
  {
    id: 'model-rollout-one-by-one',
    label: 'A 5,000-Pod rolling update on 5,000 nodes, Pods ready one by one (model)',
    description:
      'As in a real cluster, each Pod takes its own time to start (5 s plus up to startJitterSeconds = 10 s more), so the controllers write on every Pod change: several writes per Pod instead of a few per batch.',
    spec: { input: { kind: 'service', text: JSON.stringify(oneByOneRollout(5000), null, 2) } },
  },
  {
    id: 'service-what-if',
    label: 'A Service through a rollout, a scale-up, a drain and a zone outage (model)',
    description:
      'The service shortcut of docs/simulate.md: 2,000 Pods on 200 nodes in 4 zones with topology-aware hints.',
    spec: { input: { kind: 'service', text: JSON.stringify(SERVICE_WHAT_IF, null, 2) } },
  },
  {
    id: 'zone-outage-hints',
    label: 'Hints when a zone goes down (model)',
    description: '300 Pods with topology-aware hints in 3 zones; zone-b is lost for 5 minutes.',
    spec: { input: { kind: 'service', text: JSON.stringify(ZONE_OUTAGE, null, 2) } },
  },
  {
    id: 'shipped-rollout',
    label: "The shipped scenario 'rollout' (model)",
    description: 'A scenario file slicescope ships, as `slicescope simulate rollout` runs it.',
    spec: { input: { kind: 'scenario', text: 'rollout' } },
  },
];

export const DEFAULT_PRESET: Preset = PRESETS[0]!;
