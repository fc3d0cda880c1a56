import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { reconcile, type EndpointSlice, type Node, type Pod, type Service } from '../src/index.ts';
import type { Endpoints } from '../src/model/endpoints.ts';
import { goQuote, measureString, measured } from '../src/cost/goText.ts';
import {
  goJsonText,
  jsonBytes,
  jsonWatchEventBytes,
  jsonWatchEventText,
} from '../src/cost/jsonBytes.ts';
import type { WireKind, WireObject } from '../src/cost/kubeSchema.ts';
import { wireSizes } from '../src/cost/sizes.ts';
import {
  endpointSlice,
  endpoints as endpointsArbitrary,
  node as nodeArbitrary,
  pod as podArbitrary,
  service as serviceArbitrary,
  text,
} from './properties/costArbitraries.ts';

const utf8 = (s: string): number => new TextEncoder().encode(s).length;

/** Each case: the object (keys deliberately out of Go's order), and Go's JSON written by hand. */
const cases: { name: string; kind: WireKind; object: WireObject; goJson: string }[] = [
  {
    name: 'EndpointSlice with escaping, non-ASCII, unsorted labels and scrambled keys',
    kind: 'EndpointSlice',
    object: {
      ports: [{ port: 8080, protocol: 'TCP', name: 'http' }],
      endpoints: [
        {
          zone: 'zone-a',
          hints: { forZones: [{ name: 'zone-a' }] },
          nodeName: 'node-1',
          targetRef: { uid: 'p-1', name: 'café-1', namespace: 'shop', kind: 'Pod' },
          conditions: { terminating: false, serving: true, ready: true },
          addresses: ['10.0.0.1'],
        },
      ],
      addressType: 'IPv4',
      metadata: {
        ownerReferences: [
          {
            blockOwnerDeletion: true,
            controller: true,
            uid: 'u-1',
            name: 'web',
            kind: 'Service',
            apiVersion: 'v1',
          },
        ],
        annotations: { note: 'a<b & c>d "q" \\ ü\u2028' },
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        namespace: 'shop',
        name: 'web-abc',
      },
      apiVersion: 'discovery.k8s.io/v1beta1',
      unknownField: 'dropped, as Go drops fields its struct lacks',
    } as EndpointSlice,
    goJson: String.raw`{"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"web-abc","namespace":"shop","labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io","kubernetes.io/service-name":"web"},"annotations":{"note":"a\u003cb \u0026 c\u003ed \"q\" \\ ü\u2028"},"ownerReferences":[{"apiVersion":"v1","kind":"Service","name":"web","uid":"u-1","controller":true,"blockOwnerDeletion":true}]},"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true,"serving":true,"terminating":false},"targetRef":{"kind":"Pod","namespace":"shop","name":"café-1","uid":"p-1"},"nodeName":"node-1","zone":"zone-a","hints":{"forZones":[{"name":"zone-a"}]}}],"ports":[{"name":"http","protocol":"TCP","port":8080}]}`,
  },
  {
    // endpoints and ports have no omitempty: nil is written `null`; no creationTimestamp (1.34+).
    name: 'empty EndpointSlice: nil endpoints and ports are null',
    kind: 'EndpointSlice',
    object: { metadata: { creationTimestamp: null }, addressType: 'IPv4', endpoints: null },
    goJson: `{"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{},"addressType":"IPv4","endpoints":null,"ports":null}`,
  },
  {
    name: 'placeholder EndpointSlice: empty (non-nil) endpoints and ports are []',
    kind: 'EndpointSlice',
    object: { metadata: { name: 'p' }, addressType: 'IPv6', endpoints: [], ports: [] },
    goJson: `{"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"p"},"addressType":"IPv6","endpoints":[],"ports":[]}`,
  },
  {
    // Times are re-written in UTC with whole seconds; conditions' zero times are null.
    name: 'Pod: structs always written, zero Time null, times in UTC',
    kind: 'Pod',
    object: {
      status: {
        conditions: [
          { lastTransitionTime: '2024-05-06T05:08:10.5Z', status: 'True', type: 'Ready' },
        ],
        podIPs: [{ ip: '10.0.0.1' }],
        podIP: '10.0.0.1',
        phase: 'Running',
      },
      spec: {
        containers: [
          { ports: [{ protocol: 'TCP', containerPort: 8080, name: 'http' }], name: 'app' },
        ],
        nodeName: 'node-1',
      },
      metadata: {
        labels: { app: 'web' },
        creationTimestamp: '2024-05-06T07:08:09+02:00',
        uid: 'p-1',
        namespace: 'shop',
        name: 'web-0',
      },
    } satisfies Pod,
    goJson: `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-0","namespace":"shop","uid":"p-1","creationTimestamp":"2024-05-06T05:08:09Z","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"resources":{}}],"nodeName":"node-1"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-06T05:08:10Z"}],"podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"}]}}`,
  },
  {
    // targetPort is an IntOrString struct: never omitted, 0 when unset.
    name: 'Service: IntOrString as number or string, status.loadBalancer always written',
    kind: 'Service',
    object: {
      spec: {
        trafficDistribution: 'PreferClose',
        ipFamilies: ['IPv4'],
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        ports: [
          { targetPort: 'http-web', port: 80, name: 'http' },
          { protocol: 'TCP', port: 443, targetPort: 8443 },
          { port: 9090 },
        ],
        selector: { app: 'web' },
      },
      metadata: { namespace: 'shop', name: 'web' },
    } satisfies Service,
    goJson: `{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","namespace":"shop"},"spec":{"ports":[{"name":"http","port":80,"targetPort":"http-web"},{"protocol":"TCP","port":443,"targetPort":8443},{"port":9090,"targetPort":0}],"selector":{"app":"web"},"clusterIP":"10.96.0.10","type":"ClusterIP","ipFamilies":["IPv4"],"trafficDistribution":"PreferClose"},"status":{"loadBalancer":{}}}`,
  },
  {
    name: 'Endpoints: subsets with ready and not-ready addresses, & escaped',
    kind: 'Endpoints',
    object: {
      subsets: [
        {
          ports: [{ protocol: 'TCP', port: 8080, name: 'http' }],
          notReadyAddresses: [{ hostname: 'h&2', ip: '10.0.0.2' }],
          addresses: [
            {
              targetRef: { uid: 'p-1', name: 'web-0', namespace: 'shop', kind: 'Pod' },
              nodeName: 'node-1',
              ip: '10.0.0.1',
            },
          ],
        },
      ],
      metadata: {
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-06T07:08:09Z' },
        labels: { app: 'web' },
        namespace: 'shop',
        name: 'web',
      },
    } satisfies Endpoints,
    goJson: String.raw`{"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},"annotations":{"endpoints.kubernetes.io/last-change-trigger-time":"2024-05-06T07:08:09Z"}},"subsets":[{"addresses":[{"ip":"10.0.0.1","nodeName":"node-1","targetRef":{"kind":"Pod","namespace":"shop","name":"web-0","uid":"p-1"}}],"notReadyAddresses":[{"ip":"10.0.0.2","hostname":"h\u00262"}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}`,
  },
  {
    // NodeSystemInfo's fields and DaemonEndpoint.Port have no omitempty.
    name: 'Node: quantities sorted, nodeInfo and daemonEndpoints always written',
    kind: 'Node',
    object: {
      status: {
        conditions: [{ status: 'True', type: 'Ready' }],
        allocatable: { memory: '16Gi', cpu: '4' },
      },
      metadata: { labels: { 'topology.kubernetes.io/zone': 'zone-a' }, name: 'node-1' },
    } satisfies Node,
    goJson: `{"kind":"Node","apiVersion":"v1","metadata":{"name":"node-1","labels":{"topology.kubernetes.io/zone":"zone-a"}},"spec":{},"status":{"allocatable":{"cpu":"4","memory":"16Gi"},"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":null,"lastTransitionTime":null}],"daemonEndpoints":{"kubeletEndpoint":{"Port":0}},"nodeInfo":{"machineID":"","systemUUID":"","bootID":"","kernelVersion":"","osImage":"","containerRuntimeVersion":"","kubeletVersion":"","kubeProxyVersion":"","operatingSystem":"","architecture":""}}}`,
  },
];

describe('Go JSON of hand-checked objects', () => {
  test.each(cases)('$name', ({ kind, object, goJson }) => {
    expect(goJsonText(object, kind)).toBe(goJson);
    expect(jsonBytes(object, kind)).toBe(utf8(goJson));
    expect(JSON.parse(goJson)).toBeTypeOf('object');
  });

  test.each(cases)('watch event of $name', ({ kind, object, goJson }) => {
    const event = `{"type":"MODIFIED","object":${goJson}}\n`;
    expect(jsonWatchEventText(object, 'MODIFIED', kind)).toBe(event);
    expect(jsonWatchEventBytes(object, 'MODIFIED', kind)).toBe(utf8(event));
  });

  test('the empty slice counted by hand: 124 bytes, 151 as an ADDED event', () => {
    // { 1, "kind": 7, "EndpointSlice" 15, `,` 1, "apiVersion": 13, "discovery.k8s.io/v1" 21, `,` 1,
    // "metadata": 11, {} 2, `,` 1, "addressType": 14, "IPv4" 6, `,` 1, "endpoints": 12, null 4,
    // `,` 1, "ports": 8, null 4, } 1  = 124.
    const empty = cases[1]!;
    expect(jsonBytes(empty.object, empty.kind)).toBe(124);
    // {"type":"ADDED","object": = 25, then }\n = 2.
    expect(jsonWatchEventBytes(empty.object, 'ADDED', empty.kind)).toBe(124 + 27);
  });

  test('the kind comes from the object when not given, and an unknown kind throws', () => {
    const slice = { ...(cases[2]!.object as EndpointSlice), kind: 'EndpointSlice' };
    expect(jsonBytes(slice)).toBe(utf8(cases[2]!.goJson));
    expect(() => jsonBytes({ metadata: {} } as Pod)).toThrow(/kind undefined/);
    expect(() => jsonBytes({ metadata: {}, kind: 'toString' } as Pod)).toThrow(/kind toString/);
  });
});

describe('Go string escaping, byte by byte', () => {
  test.each([
    // a 1, \u003c 6, b 1, ␠ 1, \u0026 6, ␠ 1, c 1, \u003e 6, d 1, ␠ 1, \" 2, q 1, \" 2, ␠ 1,
    // \\ 2, ␠ 1, ü 2, \u2028 6, quotes 2 = 44. Protobuf: 16 ASCII + ü 2 + U+2028 3 = 21.
    ['a<b & c>d "q" \\ ü\u2028', String.raw`"a\u003cb \u0026 c\u003ed \"q\" \\ ü\u2028"`, 44, 21],
    // \u0001 6, \b \f \n \r \t 2 each, DEL raw 1, quotes 2 = 19.
    ['\u0001\b\f\n\r\t\u007f', String.raw`"\u0001\b\f\n\r\t` + '\u007f"', 19, 7],
    // U+2029 6, U+E000 3 raw, U+FFFF 3 raw, quotes 2 = 14.
    ['\u2029\ue000\uffff', String.raw`"\u2029` + '\ue000\uffff"', 14, 9],
    // an astral character is 4 bytes raw; a lone surrogate becomes U+FFFD, 3 bytes.
    ['😀\ud800x', '"😀\ufffdx"', 10, 8],
    ['', '""', 2, 0],
    ["plain-ASCII_/'%#!~", `"plain-ASCII_/'%#!~"`, 20, 18],
  ])('%j', (input, quoted, jsonLength, utf8Length) => {
    expect(goQuote(input)).toBe(quoted);
    expect(measureString(input)).toBe(utf8Length);
    expect(measured.json).toBe(jsonLength);
    expect(utf8(quoted)).toBe(jsonLength);
  });

  test('property: measured JSON length is the UTF-8 length of the quoted text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const protobufBytes = measureString(s);
        expect(measured.json).toBe(utf8(goQuote(s)));
        expect(protobufBytes).toBe(utf8(s));
        expect(JSON.parse(goQuote(s))).toBe(new TextDecoder().decode(new TextEncoder().encode(s)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('JSON size equals the UTF-8 length of the Go JSON text', () => {
  const property = <T extends WireObject>(arbitrary: fc.Arbitrary<T>, kind: WireKind) =>
    fc.assert(
      fc.property(arbitrary, (object) => {
        const goJson = goJsonText(object, kind);
        expect(jsonBytes(object, kind)).toBe(new TextEncoder().encode(goJson).length);
        expect(wireSizes(object, kind).json).toBe(utf8(goJson));
        expect(JSON.parse(goJson).kind).toBe(kind);
      }),
      { numRuns: 300 },
    );

  test('random EndpointSlices', () => property(endpointSlice, 'EndpointSlice'));
  test('random Endpoints', () => property(endpointsArbitrary, 'Endpoints'));
  test('random Pods', () => property(podArbitrary, 'Pod'));
  test('random Services', () => property(serviceArbitrary, 'Service'));
  test('random Nodes', () => property(nodeArbitrary, 'Node'));

  test('random EndpointSlices: the text parses back to the same endpoints', () => {
    fc.assert(
      fc.property(endpointSlice, (slice) => {
        const parsed = JSON.parse(goJsonText(slice, 'EndpointSlice')) as EndpointSlice;
        const wellFormed = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));
        const addresses = (endpoints: EndpointSlice['endpoints']) =>
          endpoints === null ? null : endpoints.map((e) => e.addresses.map(wellFormed));
        expect(addresses(parsed.endpoints)).toEqual(addresses(slice.endpoints));
        expect(Object.keys(parsed.metadata.labels ?? {}).sort()).toEqual(
          [...new Set(Object.keys(slice.metadata.labels ?? {}).map(wellFormed))].sort(),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('controller output (plain ASCII, keys nearly in Go order)', () => {
  test('Go JSON has the length of JSON.stringify and the same content, in Go order', () => {
    const service: Service = {
      metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', labels: { app: 'web' } },
      spec: {
        selector: { app: 'web' },
        ipFamilies: ['IPv4'],
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      },
    };
    const pods: Pod[] = Array.from({ length: 150 }, (_, i) => ({
      metadata: { name: `web-${i}`, namespace: 'ns', uid: `uid-${i}`, labels: { app: 'web' } },
      spec: { nodeName: `node-${i % 3}`, containers: [{ name: 'app' }] },
      status: {
        podIPs: [{ ip: `10.0.${i >> 8}.${i & 255}` }],
        conditions: [{ type: 'Ready', status: i % 7 === 0 ? 'False' : 'True' }],
      },
    }));
    const nodes = new Map<string, Node>(
      [0, 1, 2].map((n) => [
        `node-${n}`,
        { metadata: { name: `node-${n}`, labels: { 'topology.kubernetes.io/zone': `z-${n}` } } },
      ]),
    );
    const { actions } = reconcile(service, pods, [], nodes, {
      maxEndpointsPerSlice: 100,
      preferSameTrafficDistribution: true,
      triggerTime: '2026-01-01T00:00:00Z',
    });
    const slices = actions.flatMap((action) => (action.verb === 'create' ? [action.slice] : []));
    expect(slices).toHaveLength(2);
    for (const slice of slices) {
      const goJson = goJsonText(slice);
      expect(jsonBytes(slice)).toBe(JSON.stringify(slice).length);
      expect(goJson.length).toBe(JSON.stringify(slice).length);
      expect(JSON.parse(goJson)).toEqual(slice);
      // The controller adds metadata.annotations after ownerReferences; Go writes labels,
      // annotations, ownerReferences. Sizes do not depend on key order; the text follows Go.
      expect(Object.keys(JSON.parse(goJson).metadata)).toEqual([
        'generateName',
        'namespace',
        'labels',
        'annotations',
        'ownerReferences',
      ]);
    }
  });
});
