import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Endpoint, EndpointPort, EndpointSlice } from '../src/index.ts';
import type { EndpointAddress, Endpoints, EndpointsPort } from '../src/model/endpoints.ts';
import { goJsonText } from '../src/cost/jsonBytes.ts';
import type { WireKind, WireObject } from '../src/cost/kubeSchema.ts';
import { encodeProtobuf } from '../src/cost/protobuf.ts';
import { LIST_MEMO_MIN_LENGTH } from '../src/util/listEdits.ts';
import { storedWireSizes, wireSizes } from '../src/cost/sizes.ts';
import {
  endpoint,
  endpointPort,
  endpointSlice,
  endpoints as endpointsArbitrary,
  endpointsAddress,
  node,
  objectMeta,
  pod,
  service,
} from './properties/costArbitraries.ts';

const utf8 = (s: string): number => new TextEncoder().encode(s).length;

/** Stored sizes equal a fresh walk and the lengths of the real encodings. */
function expectExactSizes(object: WireObject, kind: WireKind): void {
  const sizes = storedWireSizes(object, kind);
  expect(sizes).toEqual(wireSizes(object, kind));
  expect(sizes.json).toBe(utf8(goJsonText(object, kind)));
  expect(sizes.protobuf).toBe(encodeProtobuf(object, kind).length);
}

describe('storedWireSizes of random objects', () => {
  const property = <T extends WireObject>(arbitrary: fc.Arbitrary<T>, kind: WireKind) =>
    fc.assert(
      fc.property(arbitrary, (object) => {
        // Twice: the second time every list element is sized from memory.
        expectExactSizes(object, kind);
        expectExactSizes(object, kind);
      }),
      { numRuns: 200 },
    );

  test('EndpointSlices', () => property(endpointSlice, 'EndpointSlice'));
  test('Endpoints', () => property(endpointsArbitrary, 'Endpoints'));
  test('Pods', () => property(pod, 'Pod'));
  test('Services', () => property(service, 'Service'));
  test('Nodes', () => property(node, 'Node'));
});

/** One change to a list between two writes: a pool element added, one removed or replaced. */
interface Edit {
  op: 'insert' | 'remove' | 'replace' | 'keep';
  at: number;
  pick: number;
  /** Edit the array in place instead of copying it. */
  inPlace: boolean;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('insert', 'remove', 'replace', 'keep'),
  at: fc.nat(),
  pick: fc.nat(),
  inPlace: fc.boolean(),
});

function applyEdit<T>(list: T[], pool: readonly T[], e: Edit): T[] {
  const out = e.inPlace ? list : [...list];
  const item = pool[e.pick % pool.length] as T;
  if (e.op === 'insert') out.splice(e.at % (out.length + 1), 0, item);
  else if (e.op === 'remove' && out.length > 0) out.splice(e.at % out.length, 1);
  else if (e.op === 'replace' && out.length > 0) out[e.at % out.length] = item;
  return out;
}

/** A list of `indexes` into `pool`: the same element objects again and again. */
const listOf = <T>(pool: readonly T[], indexes: readonly number[]): T[] =>
  indexes.map((i) => pool[i % pool.length] as T);

/** Lists long enough to be matched against their previous version. */
const indexes = fc.array(fc.nat(), { minLength: 0, maxLength: 3 * LIST_MEMO_MIN_LENGTH });

describe('storedWireSizes over successive writes sharing their elements', () => {
  test('Endpoints and EndpointSlices edited one element at a time stay exact', () => {
    fc.assert(
      fc.property(
        fc.record({
          addresses: fc.array(fc.option(endpointsAddress, { freq: 8 }), {
            minLength: 1,
            maxLength: 12,
          }),
          endpoints: fc.array(endpoint, { minLength: 1, maxLength: 12 }),
          ports: fc.array(endpointPort, { minLength: 1, maxLength: 4 }),
          metadata: objectMeta,
          ready: indexes,
          notReady: indexes,
          sliceEndpoints: indexes,
          portIndexes: fc.array(fc.nat(), { maxLength: 3 }),
          edits: fc.array(fc.tuple(edit, edit, edit, edit), { maxLength: 12 }),
        }),
        (world) => {
          // One address object may be ready in one write and not ready in the next, and one
          // port object is both a core/v1 and a discovery/v1 port.
          const addresses = world.addresses as EndpointAddress[];
          const ports = world.ports;
          let ready = listOf(addresses, world.ready);
          let notReady = listOf(addresses, world.notReady);
          let sliceEndpoints: Endpoint[] = listOf(world.endpoints, world.sliceEndpoints);
          let sharedPorts: EndpointPort[] = listOf(ports, world.portIndexes);
          // The top-level objects and their metadata are reused and changed in place, as the
          // store stamps resourceVersion.
          const object: Endpoints = { metadata: { ...world.metadata }, subsets: [] };
          const slice: EndpointSlice = {
            metadata: object.metadata,
            addressType: 'IPv4',
            endpoints: [],
          };
          for (let step = 0; step <= world.edits.length; step++) {
            const edits = world.edits[step - 1];
            if (edits) {
              ready = applyEdit(ready, addresses, edits[0]);
              notReady = applyEdit(notReady, addresses, edits[1]);
              sliceEndpoints = applyEdit(sliceEndpoints, world.endpoints, edits[2]);
              sharedPorts = applyEdit(sharedPorts, ports, edits[3]);
            }
            object.metadata.resourceVersion = String(step);
            object.subsets = [
              {
                addresses: ready,
                notReadyAddresses: notReady,
                // The discovery/v1 port objects, read here as core/v1 ports on purpose.
                ports: sharedPorts as EndpointsPort[],
              },
              { addresses: notReady },
            ];
            slice.endpoints = sliceEndpoints;
            slice.ports = sharedPorts;
            expectExactSizes(object, 'Endpoints');
            expectExactSizes(slice, 'EndpointSlice');
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a long list reordered, cut and grown is sized as a fresh walk sizes it', () => {
    const addresses: EndpointAddress[] = Array.from({ length: 40 }, (_, i) => ({
      ip: `10.0.0.${i}`,
      nodeName: `node-${i % 7}`,
      targetRef: { kind: 'Pod', namespace: 'shop', name: `web-${'x'.repeat(i)}`, uid: `u${i}` },
    }));
    const endpointsOf = (list: EndpointAddress[]): Endpoints => ({
      metadata: { name: 'web', namespace: 'shop' },
      subsets: [{ addresses: list, ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    const versions = [
      addresses,
      addresses.slice(1),
      addresses.slice(9),
      [...addresses].reverse(),
      [addresses[3]!, ...addresses],
      addresses.filter((_, i) => i % 3 !== 0),
      addresses.slice(0, 20).concat(addresses.slice(0, 20)),
    ];
    for (const list of versions) expectExactSizes(endpointsOf(list), 'Endpoints');
  });
});
