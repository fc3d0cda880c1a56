import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slicesAt, type EndpointView, type History, type SliceView } from '@slicescope/contract';
import type { Endpoint, EndpointPort, EndpointSlice } from '@slicescope/core';
import { createServiceHistory } from '../../src/history/serviceHistory.ts';
import type { ModelChange } from '../../src/model/clusterModel.ts';
import { sliceView } from '../../src/views/sliceView.ts';

/**
 * The contract's `slicesAt` rewinds the present slices, through the history the api recorded, to
 * exactly the slices that existed right after each kept sync.
 */

const NAMESPACE = 'shop';
const SERVICE = 'web';
const KEY = `${NAMESPACE}/${SERVICE}`;
const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const names = (pool: string[]) =>
  fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: pool.length });

/** A few addresses, so later writes often touch endpoints earlier writes made. */
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'];

const endpointArb: fc.Arbitrary<Endpoint> = fc
  .record({
    ip: fc.constantFrom(...IPS),
    second: optional(fc.constantFrom('fd00::1', 'fd00::2')),
    ready: optional(fc.boolean()),
    serving: optional(fc.boolean()),
    terminating: optional(fc.boolean()),
    zone: optional(fc.constantFrom('zone-a', 'zone-b')),
    nodeName: optional(fc.constantFrom('node-1', 'node-2', 'node-3')),
    pod: optional(fc.constantFrom('web-0', 'web-1')),
    forZones: optional(names(['zone-a', 'zone-b'])),
    forNodes: optional(names(['node-1', 'node-2'])),
  })
  .map((e) => {
    const endpoint: Endpoint = { addresses: e.second ? [e.ip, e.second] : [e.ip] };
    const conditions: Endpoint['conditions'] = {};
    if (e.ready !== undefined) conditions.ready = e.ready;
    if (e.serving !== undefined) conditions.serving = e.serving;
    if (e.terminating !== undefined) conditions.terminating = e.terminating;
    if (Object.keys(conditions).length > 0) endpoint.conditions = conditions;
    if (e.zone) endpoint.zone = e.zone;
    if (e.nodeName) endpoint.nodeName = e.nodeName;
    if (e.pod) endpoint.targetRef = { kind: 'Pod', name: e.pod, namespace: NAMESPACE };
    if (e.forZones || e.forNodes) {
      endpoint.hints = {};
      if (e.forZones) endpoint.hints.forZones = e.forZones.map((name) => ({ name }));
      if (e.forNodes) endpoint.hints.forNodes = e.forNodes.map((name) => ({ name }));
    }
    return endpoint;
  });

const portArb: fc.Arbitrary<EndpointPort> = fc.constantFrom(
  { name: 'http', port: 8080, protocol: 'TCP' },
  { name: 'metrics', port: 9090, protocol: 'TCP' },
  { name: 'dns', port: 53, protocol: 'UDP', appProtocol: 'dns' },
);

/**
 * What one write puts into a slice. Endpoints may share a first address, as a hand-made slice may
 * list one address twice (the controller never does).
 */
const contentArb = fc.record({
  addressType: fc.constantFrom('IPv4', 'IPv6') as fc.Arbitrary<'IPv4' | 'IPv6'>,
  ports: fc.uniqueArray(portArb, { maxLength: 2, selector: (port) => port.name }),
  managedBy: optional(fc.constantFrom(CONTROLLER, MIRRORING, 'hand-made')),
  endpoints: fc.array(endpointArb, { maxLength: 5 }),
});

const writeArb = fc.record({
  slice: fc.constantFrom('web-a', 'web-b', 'web-c'),
  remove: fc.boolean(),
  content: contentArb,
  trigger: optional(fc.constantFrom('t1', 't2', 't3')),
  /** Time since the previous write: within the group window or past it. */
  gapMs: fc.constantFrom(0, 100, 1000),
});

type WriteValue = typeof writeArb extends fc.Arbitrary<infer T> ? T : never;

function sliceOf(write: WriteValue, version: number): EndpointSlice {
  const labels: Record<string, string> = { 'kubernetes.io/service-name': SERVICE };
  if (write.content.managedBy)
    labels['endpointslice.kubernetes.io/managed-by'] = write.content.managedBy;
  const metadata: EndpointSlice['metadata'] = {
    name: write.slice,
    namespace: NAMESPACE,
    uid: `uid-${write.slice}`,
    resourceVersion: String(version),
    labels,
  };
  if (write.trigger) {
    metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': write.trigger };
  }
  return {
    metadata,
    addressType: write.content.addressType,
    ports: write.content.ports,
    endpoints: write.content.endpoints,
  };
}

/** JSON with sorted keys: equal views, whatever order their fields were set in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the rewind must restore of a slice: endpoints as a multiset (their order is not kept). */
function comparable(slices: readonly SliceView[]) {
  return Object.fromEntries(
    slices.map((slice) => [
      slice.name,
      {
        addressType: slice.addressType,
        ports: canonical(slice.ports),
        managedBy: slice.managedBy,
        triggerTime: slice.triggerTime,
        endpoints: slice.endpoints.map((endpoint: EndpointView) => canonical(endpoint)).sort(),
      },
    ]),
  );
}

interface Recorded {
  /** The history answer: the kept entries and the present slices they rewind from. */
  recorded: History;
  /** The slices right after each entry (by seq). */
  after: Map<number, SliceView[]>;
}

function record(writes: readonly WriteValue[], maxEntries: number): Recorded {
  let clock = 1_000;
  const history = createServiceHistory({
    maxEntries,
    now: () => clock,
    monotonic: () => clock,
  });
  const present = new Map<string, EndpointSlice>();
  const after = new Map<number, SliceView[]>();
  let version = 0;
  for (const write of writes) {
    clock += write.gapMs;
    const previous = present.get(write.slice);
    if (write.remove && previous === undefined) continue;
    const object = write.remove ? undefined : sliceOf(write, ++version);
    if (object) present.set(write.slice, object);
    else present.delete(write.slice);
    const change: ModelChange = {
      kind: 'EndpointSlice',
      key: `${NAMESPACE}/${write.slice}`,
      object,
      previous,
    };
    history.record(change);
    const last = history.history(KEY).entries.at(-1);
    if (last) after.set(last.seq, [...present.values()].map(sliceView));
  }
  return {
    recorded: { ...history.history(KEY), slices: [...present.values()].map(sliceView) },
    after,
  };
}

describe('slicesAt rewinds the recorded history exactly', () => {
  it('gives the slices that existed right after every kept sync', () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(3, 10, 200),
        (writes, maxEntries) => {
          const { recorded, after } = record(writes, maxEntries);
          for (const entry of recorded.entries) {
            const rewound = slicesAt(recorded, entry.seq, NAMESPACE, SERVICE);
            expect(rewound.complete).toBe(true);
            expect(comparable(rewound.slices)).toEqual(comparable(after.get(entry.seq) ?? []));
            for (const slice of rewound.slices) {
              expect(slice.namespace).toBe(NAMESPACE);
              expect(slice.service).toBe(SERVICE);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('says when a seq is older than the oldest kept entry, and rewinds to the oldest known state', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { minLength: 10, maxLength: 40 }), (writes) => {
        const spaced = writes.map((write): WriteValue => ({ ...write, gapMs: 1000 }));
        const { recorded, after } = record(spaced, 3);
        const first = recorded.entries[0];
        fc.pre(recorded.dropped > 0 && first !== undefined);
        const rewound = slicesAt(recorded, (first?.seq ?? 1) - 1, NAMESPACE, SERVICE);
        expect(rewound.complete).toBe(false);
        // Every kept write undone: the state before the oldest kept entry, which was recorded as
        // the state after the entry just before it (the newest dropped one).
        const before = after.get((first?.seq ?? 1) - 1);
        if (before) expect(comparable(rewound.slices)).toEqual(comparable(before));
      }),
      { numRuns: 100 },
    );
  });

  it('is the present itself at the newest entry', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { minLength: 1, maxLength: 20 }), (writes) => {
        const { recorded } = record(writes, 200);
        const newest = recorded.entries.at(-1);
        fc.pre(newest !== undefined);
        expect(slicesAt(recorded, newest?.seq ?? 0).slices).toEqual(
          [...recorded.slices].sort((a, b) => a.name.localeCompare(b.name)),
        );
      }),
    );
  });
});
