/**
 * Port of kubernetes/kubernetes pkg/api/v1/endpoints/util_test.go TestPackSubsets, case for case
 * under upstream's names. Upstream compares with `SortSubsets(expect)`, an md5 order of subsets
 * and ports; here `sortSubsets(expect)` puts the expectation in slicescope's order, so the
 * comparison is the same as upstream's up to that order.
 *
 * The stored upstream test predates the Port -1 sentinel of RepackSubsets ("Don't discard
 * endpoints with no ports defined"), where both "empty ports" cases expected nothing; with the
 * sentinel (the code read), their addresses are kept in a port-less subset, as asserted here.
 */
import { describe, expect, test } from 'vitest';
import type { ObjectReference } from '../src/model/kubernetes.ts';
import type { EndpointSubset } from '../src/model/endpoints.ts';
import {
  compareEndpointAddresses,
  compareEndpointsPorts,
  repackSubsets,
  sortSubsets,
} from '../src/legacy/repackSubsets.ts';

function podRef(uid: string): ObjectReference {
  return { uid };
}

const fooObjRef: ObjectReference = { name: 'foo' };
const barObjRef: ObjectReference = { name: 'bar' };

interface PackCase {
  name: string;
  given: EndpointSubset[];
  expect: EndpointSubset[];
}

const testCases: PackCase[] = [
  {
    name: 'empty everything',
    given: [{ addresses: [], ports: [] }],
    expect: [],
  },
  {
    name: 'empty addresses',
    given: [{ addresses: [], ports: [{ port: 111 }] }],
    expect: [],
  },
  {
    name: 'empty ports',
    given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }] }],
  },
  {
    name: 'empty ports',
    given: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [] }],
    expect: [{ notReadyAddresses: [{ ip: '1.2.3.4' }] }],
  },
  {
    name: 'one set, one ip, one port',
    given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, one ip, one port (IPv6)',
    given: [{ addresses: [{ ip: 'beef::1:2:3:4' }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: 'beef::1:2:3:4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, one notReady ip, one port',
    given: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    expect: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, one ip, one UID, one port',
    given: [{ addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] }],
    expect: [
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
    ],
  },
  {
    name: 'one set, one notReady ip, one UID, one port',
    given: [
      {
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 111 }],
      },
    ],
    expect: [
      {
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'one set, one ip, empty UID, one port',
    given: [{ addresses: [{ ip: '1.2.3.4', targetRef: podRef('') }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4', targetRef: podRef('') }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, one notReady ip, empty UID, one port',
    given: [
      { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('') }], ports: [{ port: 111 }] },
    ],
    expect: [
      { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('') }], ports: [{ port: 111 }] },
    ],
  },
  {
    name: 'one set, two ips, one port',
    given: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, two mixed ips, one port',
    given: [
      {
        addresses: [{ ip: '1.2.3.4' }],
        notReadyAddresses: [{ ip: '5.6.7.8' }],
        ports: [{ port: 111 }],
      },
    ],
    expect: [
      {
        addresses: [{ ip: '1.2.3.4' }],
        notReadyAddresses: [{ ip: '5.6.7.8' }],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'one set, two duplicate ips, one port, notReady is covered by ready',
    given: [
      {
        addresses: [{ ip: '1.2.3.4' }],
        notReadyAddresses: [{ ip: '1.2.3.4' }],
        ports: [{ port: 111 }],
      },
    ],
    expect: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, one ip, two ports',
    given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 222 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 222 }] }],
  },
  {
    name: 'one set, dup ips, one port',
    given: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, dup ips, one port (IPv6)',
    given: [{ addresses: [{ ip: 'beef::1' }, { ip: 'beef::1' }], ports: [{ port: 111 }] }],
    expect: [{ addresses: [{ ip: 'beef::1' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, dup ips with target-refs, one port',
    given: [
      {
        addresses: [
          { ip: '1.2.3.4', targetRef: fooObjRef },
          { ip: '1.2.3.4', targetRef: barObjRef },
        ],
        ports: [{ port: 111 }],
      },
    ],
    expect: [{ addresses: [{ ip: '1.2.3.4', targetRef: fooObjRef }], ports: [{ port: 111 }] }],
  },
  {
    name: 'one set, dup mixed ips with target-refs, one port',
    given: [
      {
        addresses: [{ ip: '1.2.3.4', targetRef: fooObjRef }],
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: barObjRef }],
        ports: [{ port: 111 }],
      },
    ],
    // Finding the same address twice is an input error: only the first copy is kept.
    expect: [
      { notReadyAddresses: [{ ip: '1.2.3.4', targetRef: fooObjRef }], ports: [{ port: 111 }] },
    ],
  },
  {
    name: 'one set, one ip, dup ports',
    given: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 111 }] }],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'two sets, dup ip, dup port',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
    ],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'two sets, dup mixed ip, dup port',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
    ],
    expect: [{ notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'two sets, dup ip, two ports',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 222 }] },
    ],
    expect: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }, { port: 222 }] }],
  },
  {
    name: 'two sets, dup ip, dup uids, two ports',
    given: [
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 222 }] },
    ],
    expect: [
      {
        addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 111 }, { port: 222 }],
      },
    ],
  },
  {
    name: 'two sets, dup mixed ip, dup uids, two ports',
    given: [
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      {
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 222 }],
      },
    ],
    expect: [
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      {
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 222 }],
      },
    ],
  },
  {
    name: 'two sets, two ips, dup port',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 111 }] },
    ],
    expect: [{ addresses: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }], ports: [{ port: 111 }] }],
  },
  {
    name: 'two set, dup ip, two uids, dup ports',
    given: [
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-2') }], ports: [{ port: 111 }] },
    ],
    expect: [
      {
        addresses: [
          { ip: '1.2.3.4', targetRef: podRef('uid-1') },
          { ip: '1.2.3.4', targetRef: podRef('uid-2') },
        ],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'two set, dup ip, with and without uid, dup ports',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-2') }], ports: [{ port: 111 }] },
    ],
    expect: [
      {
        addresses: [{ ip: '1.2.3.4' }, { ip: '1.2.3.4', targetRef: podRef('uid-2') }],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'two sets, two ips, two dup ip with uid, dup port, wrong order',
    given: [
      { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '5.6.7.8', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
    ],
    expect: [
      {
        addresses: [
          { ip: '1.2.3.4' },
          { ip: '1.2.3.4', targetRef: podRef('uid-1') },
          { ip: '5.6.7.8' },
          { ip: '5.6.7.8', targetRef: podRef('uid-1') },
        ],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses',
    given: [
      { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 111 }] },
      {
        notReadyAddresses: [{ ip: '5.6.7.8', targetRef: podRef('uid-1') }],
        ports: [{ port: 111 }],
      },
      {
        notReadyAddresses: [{ ip: '1.2.3.4', targetRef: podRef('uid-1') }],
        ports: [{ port: 111 }],
      },
      { notReadyAddresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
    ],
    expect: [
      {
        addresses: [{ ip: '5.6.7.8' }],
        notReadyAddresses: [
          { ip: '1.2.3.4' },
          { ip: '1.2.3.4', targetRef: podRef('uid-1') },
          { ip: '5.6.7.8', targetRef: podRef('uid-1') },
        ],
        ports: [{ port: 111 }],
      },
    ],
  },
  {
    name: 'two sets, two ips, two ports',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 222 }] },
    ],
    expect: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '5.6.7.8' }], ports: [{ port: 222 }] },
    ],
  },
  {
    name: 'four sets, three ips, three ports, jumbled',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }] },
      { addresses: [{ ip: '1.2.3.6' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 333 }] },
    ],
    expect: [
      { addresses: [{ ip: '1.2.3.4' }, { ip: '1.2.3.6' }], ports: [{ port: 111 }] },
      { addresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }, { port: 333 }] },
    ],
  },
  {
    name: 'four sets, three mixed ips, three ports, jumbled',
    given: [
      { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 111 }] },
      { notReadyAddresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }] },
      { addresses: [{ ip: '1.2.3.6' }], ports: [{ port: 111 }] },
      { notReadyAddresses: [{ ip: '1.2.3.5' }], ports: [{ port: 333 }] },
    ],
    expect: [
      { addresses: [{ ip: '1.2.3.4' }, { ip: '1.2.3.6' }], ports: [{ port: 111 }] },
      { notReadyAddresses: [{ ip: '1.2.3.5' }], ports: [{ port: 222 }, { port: 333 }] },
    ],
  },
];

describe('TestPackSubsets', () => {
  test.each(testCases)('$name', ({ given, expect: expected }) => {
    expect(repackSubsets(given)).toEqual(sortSubsets(expected));
  });
});

describe('RepackSubsets, beyond upstream', () => {
  test('ports with the same address set share a subset whatever the input order', () => {
    const given: EndpointSubset[] = [
      { addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'b', port: 90 }] },
      { addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'a', port: 80 }] },
      { addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'b', port: 90 }] },
      { addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'a', port: 80 }] },
    ];
    const repacked = repackSubsets(given);
    expect(repacked).toEqual([
      {
        addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 90 },
        ],
      },
    ]);
    expect(repackSubsets([...given].reverse())).toEqual(repacked);
  });

  test('a port-less subset merges into a ported one with the same addresses', () => {
    expect(
      repackSubsets([
        { addresses: [{ ip: '1.2.3.4' }] },
        { addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 80 }] },
      ]),
    ).toEqual([{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 80 }] }]);
  });

  test('a port numbered 0 is dropped like the sentinel, its addresses kept', () => {
    expect(repackSubsets([{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 0 }] }])).toEqual([
      { addresses: [{ ip: '1.2.3.4' }] },
    ]);
  });

  test('ports that differ only in appProtocol are distinct', () => {
    expect(
      repackSubsets([
        {
          addresses: [{ ip: '1.2.3.4' }],
          ports: [
            { name: 'p', port: 80, appProtocol: 'h2c' },
            { name: 'p', port: 80 },
          ],
        },
      ]),
    ).toEqual([
      {
        addresses: [{ ip: '1.2.3.4' }],
        ports: [
          { name: 'p', port: 80 },
          { name: 'p', port: 80, appProtocol: 'h2c' },
        ],
      },
    ]);
  });

  test('documented orders: addresses by IP text then UID, ports by number then name', () => {
    expect(
      [{ ip: '10.0.0.10' }, { ip: '10.0.0.9', targetRef: { uid: 'b' } }, { ip: '10.0.0.9' }]
        .sort(compareEndpointAddresses)
        .map((address) => `${address.ip}/${address.targetRef?.uid ?? '-'}`),
    ).toEqual(['10.0.0.10/-', '10.0.0.9/-', '10.0.0.9/b']);
    expect(
      [{ name: 'z', port: 80 }, { name: 'a', port: 443 }, { port: 80 }]
        .sort(compareEndpointsPorts)
        .map((port) => `${port.name ?? ''}:${port.port}`),
    ).toEqual([':80', 'z:80', 'a:443']);
  });

  test('the input is not modified', () => {
    const given: EndpointSubset[] = [
      { addresses: [{ ip: '5.6.7.8' }, { ip: '1.2.3.4' }], ports: [{ port: 2 }, { port: 1 }] },
    ];
    const copy = structuredClone(given);
    repackSubsets(given);
    expect(given).toEqual(copy);
  });
});
