import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EndpointAddress, Endpoints } from '../src/model/endpoints.ts';
import { storedWireSizes, wireSizes } from '../src/cost/sizes.ts';
import { compareEndpointAddresses } from '../src/legacy/repackSubsets.ts';
import { SortedAddresses } from '../src/legacy/sortedAddresses.ts';

/** Addresses 10.0.0.0–10.0.0.39, each one object: an equal one is the same one. */
const POOL: EndpointAddress[] = Array.from({ length: 40 }, (_, i) => ({
  ip: `10.0.0.${i}`,
  nodeName: `node-${i % 3}`,
  targetRef: { kind: 'Pod', namespace: 'shop', name: `web-${i}`, uid: `uid-${i}` },
}));

const operation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), pick: fc.nat({ max: POOL.length - 1 }) }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat({ max: POOL.length - 1 }) }),
  fc.record({ op: fc.constant('handOut' as const), pick: fc.constant(0) }),
);

describe('SortedAddresses', () => {
  test('keeps the list sorted, and a list handed out never changes after', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: POOL.length - 1 }), { maxLength: 20 }),
        fc.array(operation, { maxLength: 60 }),
        (start, operations) => {
          const list = new SortedAddresses();
          const model = start.map((i) => POOL[i]!).sort(compareEndpointAddresses);
          for (const address of model) list.append(address);
          const handedOut: [EndpointAddress[], EndpointAddress[]][] = [];
          for (const { op, pick } of operations) {
            const address = POOL[pick]!;
            const at = model.indexOf(address);
            if (op === 'insert') {
              expect(list.insert(address)).toBe(at < 0);
              if (at < 0) {
                model.push(address);
                model.sort(compareEndpointAddresses);
              }
            } else if (op === 'remove') {
              expect(list.remove(address)).toBe(at >= 0);
              if (at >= 0) model.splice(at, 1);
            } else {
              const items = list.handOut();
              expect(items).toEqual(model);
              handedOut.push([items, [...items]]);
              if (items.length === 0) continue;
              // Sized from the noted changes, as a fresh walk sizes it.
              const object: Endpoints = {
                metadata: { name: 'web' },
                subsets: [{ addresses: items }],
              };
              expect(storedWireSizes(object, 'Endpoints')).toEqual(wireSizes(object, 'Endpoints'));
            }
            expect(list.length).toBe(model.length);
            expect(list.holdsEqual(address)).toBe(model.includes(address));
          }
          for (const [items, copy] of handedOut) expect(items).toEqual(copy);
          expect(list.handOut()).toEqual(model);
        },
      ),
      { numRuns: 400 },
    );
  });
});
