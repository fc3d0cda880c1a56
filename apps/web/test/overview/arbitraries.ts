import { serviceFlagSchema, type NodeSummary, type ServiceSummary } from '@slicescope/contract';
import fc from 'fast-check';
import { nodeSummary, serviceSummary } from '../support/render.tsx';

/** fast-check generators of wire objects for the overview's property tests. */

const count = fc.integer({ min: 0, max: 2000 });

export const serviceArb: fc.Arbitrary<ServiceSummary> = fc
  .record({
    namespace: fc.constantFrom('default', 'shop', 'kube-system', 'media', 'ns-2', 'ns-10'),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    endpoints: count,
    ready: count,
    terminating: fc.integer({ min: 0, max: 50 }),
    slices: fc.integer({ min: 0, max: 30 }),
    idealSlices: fc.integer({ min: 0, max: 30 }),
    zones: fc.integer({ min: 0, max: 5 }),
    churn: fc.integer({ min: 0, max: 500 }),
    flags: fc.subarray([...serviceFlagSchema.options]),
  })
  .map(({ namespace, name, ...rest }) => serviceSummary(namespace, name, rest));

/** Services as the stream holds them: one per namespace/name. */
export const servicesArb = fc.uniqueArray(serviceArb, {
  selector: (service) => `${service.namespace}/${service.name}`,
  maxLength: 60,
});

export const nodeArb: fc.Arbitrary<NodeSummary> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    zone: fc.constantFrom('', 'zone-a', 'zone-b', 'zone-c', 'zone-10', 'zone-2'),
    ready: fc.boolean(),
    unschedulable: fc.boolean(),
    endpoints: fc.integer({ min: 0, max: 400 }),
  })
  .map(({ name, zone, ...rest }) => nodeSummary(name, zone, rest));

export const nodesArb = fc.uniqueArray(nodeArb, { selector: (node) => node.name, maxLength: 300 });
