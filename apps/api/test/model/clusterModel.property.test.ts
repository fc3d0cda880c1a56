import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClusterModel } from '../../src/model/clusterModel.ts';

/** A slice event over a small universe of names, Services and Nodes, so keys collide often. */
const eventArb = fc.record({
  type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED') as fc.Arbitrary<
    'ADDED' | 'MODIFIED' | 'DELETED'
  >,
  name: fc.constantFrom('s1', 's2', 's3', 's4'),
  service: fc.constantFrom('web', 'api'),
  nodes: fc.array(fc.constantFrom('n1', 'n2', 'n3', ''), { maxLength: 4 }),
});

describe('the model indexes always agree with its objects', () => {
  it('for any sequence of slice events and relists, slicesOf and endpointsOnNode match a recount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(eventArb, fc.constant('relist' as const)), { maxLength: 60 }),
        (steps) => {
          const model = createClusterModel();
          const sink = model.sink({ kind: 'EndpointSlice', path: '/x' });
          const reference = new Map<string, { service: string; nodes: string[] }>();
          let rv = 0;
          for (const step of steps) {
            rv++;
            if (step === 'relist') {
              const items = [...reference].map(([name, value]) =>
                build(name, value.service, value.nodes, rv),
              );
              sink.replace(items, String(rv));
              continue;
            }
            const object = build(step.name, step.service, step.nodes, rv);
            sink.event(step.type, object);
            if (step.type === 'DELETED') reference.delete(step.name);
            else reference.set(step.name, { service: step.service, nodes: step.nodes });
          }
          for (const service of ['web', 'api']) {
            const expected = [...reference]
              .filter(([, v]) => v.service === service)
              .map(([n]) => n)
              .sort();
            expect(model.slicesOf(`shop/${service}`).map((s) => s.metadata.name)).toEqual(expected);
          }
          for (const node of ['n1', 'n2', 'n3']) {
            const expected = [...reference.values()]
              .flatMap((v) => v.nodes)
              .filter((n) => n === node).length;
            expect(model.endpointsOnNode(node)).toBe(expected);
          }
          expect(model.count('EndpointSlice')).toBe(reference.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function build(name: string, service: string, nodes: string[], rv: number) {
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: String(rv),
      labels: { 'kubernetes.io/service-name': service },
    },
    addressType: 'IPv4',
    endpoints: nodes.map((node, i) => ({
      addresses: [`10.0.0.${i + 1}`],
      ...(node ? { nodeName: node } : {}),
    })),
  };
}
