import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EndpointAddress, Endpoints } from '../src/model/endpoints.ts';
import { LIST_MEMO_MIN_LENGTH } from '../src/cost/sizeMemo.ts';
import { storedWireSizes, wireSizes } from '../src/cost/sizes.ts';
import { ListChanges, listEditOf, noteListRead } from '../src/util/listEdits.ts';
import { endpointsAddress } from './properties/costArbitraries.ts';

const endpointsOf = (addresses: EndpointAddress[]): Endpoints => ({
  metadata: { name: 'web', namespace: 'shop', resourceVersion: '7' },
  subsets: [{ addresses, ports: [{ port: 80, protocol: 'TCP' }] }],
});

const address = (i: number): EndpointAddress => ({
  ip: `10.0.0.${i}`,
  targetRef: { kind: 'Pod', namespace: 'shop', name: `web-${i}`, uid: `u${i}` },
});

describe('ListChanges', () => {
  test('notes each copy as an edit of the last copy a reader went through', () => {
    const changes = new ListChanges<EndpointAddress>();
    const [a, b, c, d] = [address(1), address(2), address(3), address(4)];
    const first = [a!, b!];
    changes.noteVersion(first);
    expect(listEditOf(first)).toEqual({ previous: undefined, added: [], removed: [] });
    noteListRead(first);
    expect(listEditOf(first)).toBeUndefined();

    changes.add(c!);
    const second = [a!, b!, c!];
    changes.noteVersion(second);
    expect(listEditOf(second)).toEqual({ previous: first, added: [c], removed: [] });

    // The second copy is never read: the third one is an edit of the first.
    changes.remove(a!);
    changes.add(d!);
    const third = [b!, c!, d!];
    changes.noteVersion(third);
    expect(listEditOf(second)).toBeUndefined();
    const edit = listEditOf(third);
    expect(edit?.previous).toBe(first);
    expect(edit?.added).toEqual([c, d]);
    expect(edit?.removed).toEqual([a]);
  });

  test('starts a new chain when the changes outnumber the elements', () => {
    const changes = new ListChanges<EndpointAddress>();
    const first = [address(1), address(2)];
    changes.noteVersion(first);
    noteListRead(first);
    // Five changes for three elements.
    for (let i = 3; i <= 5; i++) changes.add(address(i));
    changes.remove(first[0]!);
    changes.remove(first[1]!);
    const crowded = [address(3), address(4), address(5)];
    changes.noteVersion(crowded);
    expect(listEditOf(crowded)?.previous).toBeUndefined();
  });
});

/** One step: elements added and removed, then maybe a copy written out, maybe sized. */
const step = fc.record({
  ops: fc.array(fc.record({ add: fc.boolean(), pick: fc.nat() }), { maxLength: 6 }),
  copy: fc.boolean(),
  size: fc.boolean(),
});

describe('storedWireSizes of lists noted as edits', () => {
  test('a list edited, copied and sized at random is sized as a fresh walk sizes it', () => {
    fc.assert(
      fc.property(
        fc.record({
          pool: fc.array(endpointsAddress, { minLength: 1, maxLength: 30 }),
          start: fc.array(fc.nat(), { minLength: LIST_MEMO_MIN_LENGTH, maxLength: 40 }),
          steps: fc.array(step, { minLength: 1, maxLength: 25 }),
        }),
        (world) => {
          const pool = world.pool;
          const list = world.start.map((i) => pool[i % pool.length]!);
          const changes = new ListChanges<EndpointAddress>();
          changes.noteVersion([...list]);
          for (const { ops, copy, size } of world.steps) {
            for (const op of ops) {
              if (op.add || list.length === 0) {
                const element = pool[op.pick % pool.length]!;
                list.splice(op.pick % (list.length + 1), 0, element);
                changes.add(element);
              } else {
                const [element] = list.splice(op.pick % list.length, 1);
                changes.remove(element!);
              }
            }
            if (!copy) continue;
            const written = [...list];
            changes.noteVersion(written);
            if (!size || written.length === 0) continue;
            const object = endpointsOf(written);
            expect(storedWireSizes(object, 'Endpoints')).toEqual(wireSizes(object, 'Endpoints'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
