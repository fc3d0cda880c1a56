import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EndpointAddress, Endpoints } from '../src/model/endpoints.ts';
import { storedWireSizes, wireSizes } from '../src/cost/sizes.ts';
import {
  LIST_MEMO_MIN_LENGTH,
  ListChanges,
  listEditOf,
  noteListRead,
} from '../src/util/listEdits.ts';
import { endpointsAddress } from './properties/costArbitraries.ts';

const endpointsOf = (addresses: EndpointAddress[]): Endpoints => ({
  metadata: { name: 'web', namespace: 'shop', resourceVersion: '7' },
  subsets: [{ addresses, ports: [{ port: 80, protocol: 'TCP' }] }],
});

const address = (i: number): EndpointAddress => ({
  ip: `10.0.0.${i}`,
  targetRef: { kind: 'Pod', namespace: 'shop', name: `web-${i}`, uid: `u${i}` },
});

/** `count` addresses from `from` on. */
const addresses = (from: number, count: number): EndpointAddress[] =>
  Array.from({ length: count }, (_, i) => address(from + i));

describe('ListChanges', () => {
  const n = LIST_MEMO_MIN_LENGTH;

  test('notes each copy as an edit of the last copy a reader went through', () => {
    const changes = new ListChanges<EndpointAddress>();
    const first = addresses(1, n);
    const [a, c, d] = [first[0]!, address(100), address(101)];
    changes.noteVersion(first);
    expect(listEditOf(first)).toEqual({ previous: undefined, added: [], removed: [] });
    noteListRead(first);
    expect(listEditOf(first)).toBeUndefined();

    changes.add(c);
    const second = [...first, c];
    changes.noteVersion(second);
    expect(listEditOf(second)).toEqual({ previous: first, added: [c], removed: [] });

    // The second copy is never read: the third one is an edit of the first.
    changes.remove(a);
    changes.add(d);
    const third = [...first.slice(1), c, d];
    changes.noteVersion(third);
    expect(listEditOf(second)).toBeUndefined();
    const edit = listEditOf(third);
    expect(edit?.previous).toBe(first);
    expect(edit?.added).toEqual([c, d]);
    expect(edit?.removed).toEqual([a]);
  });

  test('starts a new chain when the changes outnumber the elements', () => {
    const changes = new ListChanges<EndpointAddress>();
    const first = addresses(1, n);
    changes.noteVersion(first);
    noteListRead(first);
    // 2n + 1 changes for n + 1 elements.
    const crowded = addresses(100, n + 1);
    for (const element of crowded) changes.add(element);
    for (const element of first) changes.remove(element);
    changes.noteVersion(crowded);
    expect(listEditOf(crowded)?.previous).toBeUndefined();
  });

  test('leaves lists too short for a memo unnoted, and starts a chain after them', () => {
    const changes = new ListChanges<EndpointAddress>();
    const short = addresses(1, n - 1);
    changes.noteVersion(short);
    expect(listEditOf(short)).toBeUndefined();
    const added = address(100);
    changes.add(added);
    const long = [...short, added];
    changes.noteVersion(long);
    // No reader keeps sums for a short list: an edit of it would only keep it alive.
    expect(listEditOf(long)).toEqual({ previous: undefined, added: [], removed: [] });
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
