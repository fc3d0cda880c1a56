import fc from 'fast-check';
import type { Node, Pod, Service } from '../../src/index.ts';
import {
  eventArbitrary,
  podSpecArbitrary,
  serviceWithHintsArbitrary,
  tweakService,
} from './incrementalArbitraries.ts';
import {
  changedPodSpec,
  NODE_NAMES,
  nodeObject,
  podObject,
  type PodSpec,
  type SliceStore,
  type WorldEvent,
} from './incrementalWorld.ts';

/**
 * One Service's world for comparing a faster reconcile with the full one sync by sync (see
 * incrementalWorld): its Pods, Nodes and Service as they are now, and random scenarios of it.
 */

/** Pods, Nodes and the Service as they are now; `apply` says which Pods and Nodes an event changed. */
export class World {
  readonly specs = new Map<number, PodSpec>();
  readonly pods = new Map<string, Pod>();
  readonly nodes = new Map<string, Node>();

  /** `build` makes the Pod of an index and spec (by default podObject). */
  constructor(
    public service: Service,
    initial: readonly (readonly [number, PodSpec])[],
    private readonly build: (index: number, spec: PodSpec) => Pod = podObject,
  ) {
    NODE_NAMES.forEach((name, i) => this.nodes.set(name, nodeObject(name, `zone-${(i % 3) + 1}`)));
    for (const [i, spec] of initial) this.setPod(i, spec);
  }

  selected(key: string): Pod | undefined {
    const pod = this.pods.get(key);
    return pod?.metadata.labels?.app === 'web' ? pod : undefined;
  }

  selectedPods(): [string, Pod][] {
    return [...this.pods].filter(([key]) => this.selected(key));
  }

  /** Applies an event; returns the Pods and Nodes it changed. */
  apply(
    event: WorldEvent,
    store: SliceStore,
  ): { pods: string[]; nodes: string[]; slicesAdded?: boolean } {
    if (event.type === 'zone') {
      if (event.zone === null) this.nodes.delete(event.node);
      else this.nodes.set(event.node, nodeObject(event.node, event.zone));
      return { pods: [], nodes: [event.node] };
    }
    if (event.type === 'service' || event.type === 'tweak') {
      this.service =
        event.type === 'service' ? event.service : tweakService(this.service, event.change);
      return { pods: [], nodes: [] };
    }
    if (event.type === 'resync') return { pods: [...this.pods.keys()], nodes: [] };
    if (event.type === 'tamper') {
      const names = [...store.slices.keys()];
      const name = names[event.slice % Math.max(1, names.length)];
      const slice = name === undefined ? undefined : store.slices.get(name);
      if (!name || !slice) return { pods: [], nodes: [] };
      // Deleted or edited behind the controller's back; copied (every endpoint twice); or a
      // leftover of an earlier Service of the same name, which the controller does not own.
      if (event.how === 'delete') store.slices.delete(name);
      else if (event.how === 'edit')
        store.slices.set(name, { ...slice, endpoints: (slice.endpoints ?? []).slice(1) });
      else {
        const metadata = { ...slice.metadata, name: `${name}-${event.how}` };
        if (event.how === 'stray') metadata.ownerReferences = [];
        store.slices.set(metadata.name, { ...slice, metadata });
        return { pods: [], nodes: [], slicesAdded: true };
      }
      return { pods: [], nodes: [] };
    }
    if (event.type === 'add') return { pods: [this.setPod(event.index, event.spec)], nodes: [] };
    const spec = this.specs.get(event.index);
    if (!spec) return { pods: [], nodes: [] };
    if (event.type === 'remove') {
      this.specs.delete(event.index);
      const key = `ns/${this.build(event.index, spec).metadata.name}`;
      this.pods.delete(key);
      return { pods: [key], nodes: [] };
    }
    const changed = changedPodSpec(spec, event);
    return { pods: [this.setPod(event.index, changed)], nodes: [] };
  }

  private setPod(i: number, spec: PodSpec): string {
    this.specs.set(i, spec);
    const pod = this.build(i, spec);
    const key = `ns/${pod.metadata.name}`;
    this.pods.set(key, pod);
    return key;
  }
}

export const scenarioArbitrary = (serviceChanges: boolean) =>
  fc.record({
    service: serviceWithHintsArbitrary,
    initial: fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), podSpecArbitrary), {
      maxLength: 16,
    }),
    events: fc.array(eventArbitrary(serviceChanges), { minLength: 1, maxLength: 25 }),
    maxEndpointsPerSlice: fc.constantFrom(1, 2, 3, 5, 10),
    preferSameTrafficDistribution: fc.boolean(),
  });

export type Scenario =
  ReturnType<typeof scenarioArbitrary> extends fc.Arbitrary<infer S> ? S : never;
