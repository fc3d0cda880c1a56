import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EndpointSlice, Node, Pod, Service } from '../src/index.ts';
import type { Endpoints } from '../src/model/endpoints.ts';
import { compareCodePoints } from '../src/cost/goText.ts';
import type { WireKind, WireObject } from '../src/cost/kubeSchema.ts';
import {
  encodeProtobuf,
  encodeProtobufWatchEvent,
  protobufSize,
  protobufWatchEventSize,
} from '../src/cost/protobuf.ts';
import { wireSizes } from '../src/cost/sizes.ts';
import {
  endpointSlice,
  endpoints as endpointsArbitrary,
  node as nodeArbitrary,
  pod as podArbitrary,
  service as serviceArbitrary,
  text,
} from './properties/costArbitraries.ts';

// --- a tiny protobuf wire decoder, for the tests only ---

interface WireField {
  number: number;
  wireType: 0 | 1 | 2 | 5;
  /** Wire type 0. */
  varint: bigint;
  /** Wire types 1, 2 and 5. */
  bytes: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } {
  let value = 0n;
  let shift = 0n;
  for (let p = at; p < bytes.length && shift < 70n; p++) {
    const byte = bytes[p]!;
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) return { value, next: p + 1 };
  }
  throw new Error(`bad varint at ${at}`);
}

/** The fields of one message, in wire order. Throws on anything malformed. */
function decode(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let p = 0;
  while (p < bytes.length) {
    const key = readVarint(bytes, p);
    p = key.next;
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    const field: WireField = { number, wireType: 0, varint: 0n, bytes: new Uint8Array(0) };
    if (wireType === 0) {
      const v = readVarint(bytes, p);
      field.varint = v.value;
      p = v.next;
    } else if (wireType === 1 || wireType === 5) {
      const width = wireType === 1 ? 8 : 4;
      field.wireType = wireType;
      field.bytes = bytes.subarray(p, p + width);
      p += width;
    } else if (wireType === 2) {
      const length = readVarint(bytes, p);
      p = length.next;
      field.wireType = 2;
      field.bytes = bytes.subarray(p, p + Number(length.value));
      p += Number(length.value);
    } else {
      throw new Error(`wire type ${wireType} at ${p}`);
    }
    if (p > bytes.length) throw new Error('field runs past the end');
    fields.push(field);
  }
  return fields;
}

const all = (fields: WireField[], n: number) => fields.filter((f) => f.number === n);
const one = (fields: WireField[], n: number): WireField | undefined => {
  const found = all(fields, n);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
};
const str = (f: WireField | undefined): string | undefined =>
  f === undefined ? undefined : new TextDecoder().decode(f.bytes);
const int = (f: WireField | undefined): number | undefined =>
  f === undefined ? undefined : Number(BigInt.asIntN(64, f.varint));
const bool = (f: WireField | undefined): boolean | undefined =>
  f === undefined ? undefined : f.varint !== 0n;
/** Decodes a sub-message, checking the generated code's order: ascending field numbers. */
const sub = (f: WireField | undefined): WireField[] => {
  const fields = decode(f?.bytes ?? new Uint8Array(0));
  const numbers = fields.map((x) => x.number);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  return fields;
};
const entries = (fields: WireField[], n: number): [string, string][] =>
  all(fields, n).map((e) => {
    const kv = sub(e);
    return [str(one(kv, 1)) ?? '', str(one(kv, 2)) ?? ''];
  });

/** Splits `k8s\0` + runtime.Unknown into its typeMeta and raw object. */
function unwrap(bytes: Uint8Array): { apiVersion?: string; kind?: string; raw: WireField[] } {
  expect([...bytes.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
  const unknown = decode(bytes.subarray(4));
  expect(unknown.map((f) => [f.number, f.wireType])).toEqual([
    [1, 2],
    [2, 2],
    [3, 2],
    [4, 2],
  ]);
  expect(one(unknown, 3)!.bytes.length).toBe(0);
  expect(one(unknown, 4)!.bytes.length).toBe(0);
  const typeMeta = sub(one(unknown, 1));
  return {
    apiVersion: str(one(typeMeta, 1)),
    kind: str(one(typeMeta, 2)),
    raw: sub(one(unknown, 2)),
  };
}

/** Bytes from numbers and strings (UTF-8), to write expected encodings field by field. */
function bytesOf(...parts: (number | string)[]): number[] {
  return parts.flatMap((part) =>
    typeof part === 'number' ? [part] : [...new TextEncoder().encode(part)],
  );
}

// --- hand-checked encodings ---

describe('protobuf bytes worked out by hand from generated.proto', () => {
  test('EndpointSlice: 64-byte message, 112 bytes with magic and Unknown, 127 as a watch frame', () => {
    const slice: EndpointSlice = {
      metadata: { name: 'web-abc', namespace: 'ns' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    };
    // key = field << 3 | wire type (0 varint, 2 length-delimited).
    const expected = bytesOf(
      ...[0x6b, 0x38, 0x73, 0x00], // magic "k8s\0"
      ...[0x0a, 36], // Unknown.typeMeta (1): 21 + 15 = 36
      ...[0x0a, 19, 'discovery.k8s.io/v1'], //   apiVersion (1): 2 + 19 = 21
      ...[0x12, 13, 'EndpointSlice'], //          kind (2): 2 + 13 = 15
      ...[0x12, 64], // Unknown.raw (2): the EndpointSlice, 27 + 16 + 15 + 6 = 64
      ...[0x0a, 25], //   metadata (1): ObjectMeta, 9 + 4 + 6 × 2 = 25
      ...[0x0a, 7, 'web-abc'], //   name (1): 2 + 7 = 9
      ...[0x12, 0], //             generateName (2): non-pointer string, written empty
      ...[0x1a, 2, 'ns'], //        namespace (3): 4
      ...[0x22, 0], //             selfLink (4)
      ...[0x2a, 0], //             uid (5)
      ...[0x32, 0], //             resourceVersion (6)
      ...[0x38, 0], //             generation (7, varint) = 0
      ...[0x42, 0], //             creationTimestamp (8): zero Time, empty message
      ...[0x12, 14], //   endpoints (2): Endpoint, 10 + 4 = 14
      ...[0x0a, 8, '10.0.0.1'], //  addresses (1): 10
      ...[0x12, 2, 0x08, 1], //     conditions (2): {ready (1) = true}: 4; nil serving/terminating absent
      ...[0x1a, 13], //   ports (3): EndpointPort, 6 + 5 + 2 = 13
      ...[0x0a, 4, 'http'], //      name (1)
      ...[0x12, 3, 'TCP'], //       protocol (2)
      ...[0x18, 80], //             port (3, varint)
      ...[0x22, 4, 'IPv4'], // addressType (4), after fields 1–3
      ...[0x1a, 0], // Unknown.contentEncoding (3) ""
      ...[0x22, 0], // Unknown.contentType (4) ""
    );
    expect(expected).toHaveLength(112);
    expect([...encodeProtobuf(slice, 'EndpointSlice')]).toEqual(expected);
    expect(protobufSize(slice, 'EndpointSlice')).toBe(112);
    expect(wireSizes(slice, 'EndpointSlice').protobufMessage).toBe(64);

    // Watch frame: 4-byte big-endian length, WatchEvent{type (1) "ADDED": 7,
    // object (2): RawExtension{raw (1): 2 + 112 = 114}: 2 + 114 = 116}: 123; 4 + 123 = 127.
    const frame = encodeProtobufWatchEvent(slice, 'ADDED', 'EndpointSlice');
    expect([...frame]).toEqual(
      bytesOf(0, 0, 0, 123, 0x0a, 5, 'ADDED', 0x12, 114, 0x0a, 112, ...expected),
    );
    expect(protobufWatchEventSize(slice, 'ADDED', 'EndpointSlice')).toBe(127);
  });

  test('Service: IntOrString message and always-written spec scalars (68-byte message)', () => {
    const service: Service = {
      metadata: { name: 'web' },
      spec: { ports: [{ name: 'http', port: 80, targetPort: 'web' }] },
    };
    const message = bytesOf(
      ...[0x0a, 19, 0x0a, 3, 'web', 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0, 0x42, 0],
      // spec (2): ports 25 + 8 empty scalars × 2 = 41
      ...[0x12, 41],
      // ports (1): name 6 + protocol 2 + port 2 + targetPort 11 + nodePort 2 = 23
      ...[0x0a, 23, 0x0a, 4, 'http', 0x12, 0, 0x18, 80],
      // targetPort (4): IntOrString{type (1) = 1 string, intVal (2) = 0, strVal (3) "web"}: 9
      ...[0x22, 9, 0x08, 1, 0x10, 0, 0x1a, 3, 'web'],
      ...[0x28, 0], // nodePort (5) = 0
      // clusterIP 3, type 4, sessionAffinity 7, loadBalancerIP 8, externalName 10,
      // externalTrafficPolicy 11, healthCheckNodePort 12 (varint), publishNotReadyAddresses 13 (varint)
      ...[0x1a, 0, 0x22, 0, 0x3a, 0, 0x42, 0, 0x52, 0, 0x5a, 0, 0x60, 0, 0x68, 0],
      ...[0x1a, 2, 0x0a, 0], // status (3): {loadBalancer (1): {}}
    );
    expect(message).toHaveLength(68);
    const encoded = encodeProtobuf(service, 'Service');
    // 4 magic + typeMeta (2 + [4 "v1" + 9 "Service"]) + raw (2 + 68) + 2 + 2 = 93
    expect(encoded.length).toBe(93);
    expect([...encoded.subarray(4 + 15 + 2, 4 + 15 + 2 + 68)]).toEqual(message);
    expect(protobufSize(service, 'Service')).toBe(93);
  });

  test('Pod: Times as {seconds, nanos = 0}, negative seconds sign-extended, 2-byte keys', () => {
    const pod: Pod = {
      metadata: {
        name: 'p',
        creationTimestamp: '1970-01-01T00:02:03Z', // 123 s
        deletionTimestamp: '1969-12-31T23:59:59Z', // -1 s: a 10-byte varint
      },
      spec: { containers: [{ name: 'c' }] },
    };
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const message = bytesOf(
      // metadata: name 3 + 6 empties × 2 + creation 6 + deletion 15 = 36
      ...[0x0a, 36, 0x0a, 1, 'p', 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0],
      ...[0x42, 4, 0x08, 123, 0x10, 0],
      ...[0x4a, 13, 0x08, ...minusOne, 0x10, 0],
      // spec (2): containers 27 + 8 × 2 + 4 × 3 = 55
      ...[0x12, 55],
      // containers (2): Container, name 3 + image, workingDir, resources, terminationMessagePath,
      // imagePullPolicy 5 × 2 + stdin 16, stdinOnce 17, tty 18, terminationMessagePolicy 20 4 × 3
      ...[0x12, 25, 0x0a, 1, 'c', 0x12, 0, 0x2a, 0, 0x42, 0, 0x6a, 0, 0x72, 0],
      ...[0x80, 0x01, 0, 0x88, 0x01, 0, 0x90, 0x01, 0, 0xa2, 0x01, 0],
      // restartPolicy 3, dnsPolicy 6, serviceAccountName 8, serviceAccount 9, nodeName 10,
      // hostNetwork 11, hostPID 12, hostIPC 13, hostname 16, subdomain 17, schedulerName 19,
      // priorityClassName 24
      ...[0x1a, 0, 0x32, 0, 0x42, 0, 0x4a, 0, 0x52, 0, 0x58, 0, 0x60, 0, 0x68, 0],
      ...[0x82, 0x01, 0, 0x8a, 0x01, 0, 0x9a, 0x01, 0, 0xc2, 0x01, 0],
      // status (3): phase 1, message 3, reason 4, hostIP 5, podIP 6, qosClass 9,
      // nominatedNodeName 11, resize 14: 8 × 2; observedGeneration 17: 3 — 19
      ...[0x1a, 19, 0x0a, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x4a, 0, 0x5a, 0, 0x72, 0],
      ...[0x88, 0x01, 0],
    );
    expect(message).toHaveLength(38 + 57 + 21);
    // typeMeta: 4 "v1" + 5 "Pod" = 9, so 11 with its key and length; raw's key and length: 2.
    const encoded = encodeProtobuf(pod, 'Pod');
    expect([...encoded.subarray(4 + 11 + 2)]).toEqual([...message, 0x1a, 0, 0x22, 0]);
    expect(protobufSize(pod, 'Pod')).toBe(4 + 11 + 2 + 116 + 4);
  });

  test('Node: ResourceList entries sorted, Quantity as a message, nodeInfo always written', () => {
    const node: Node = {
      metadata: { name: 'n' },
      status: { allocatable: { memory: '1Gi', cpu: '2' } },
    };
    const message = bytesOf(
      ...[0x0a, 17, 0x0a, 1, 'n', 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0, 0x42, 0],
      // spec (2): podCIDR 1, externalID 2, providerID 3, unschedulable 4 (varint): 8
      ...[0x12, 8, 0x0a, 0, 0x12, 0, 0x1a, 0, 0x20, 0],
      // status (3): 12 + 17 + 2 + 6 + 22 = 59
      ...[0x1a, 59],
      // allocatable (2) entries in key order: {key (1) "cpu", value (2) Quantity{string (1) "2"}}
      ...[0x12, 10, 0x0a, 3, 'cpu', 0x12, 3, 0x0a, 1, '2'],
      ...[0x12, 15, 0x0a, 6, 'memory', 0x12, 5, 0x0a, 3, '1Gi'],
      ...[0x1a, 0], // phase (3)
      ...[0x32, 4, 0x0a, 2, 0x08, 0], // daemonEndpoints (6){kubeletEndpoint (1){Port (1) = 0}}
      // nodeInfo (7): ten empty strings, fields 1–10
      ...[0x3a, 20, 0x0a, 0, 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x3a, 0, 0x42, 0],
      ...[0x4a, 0, 0x52, 0],
    );
    expect(message).toHaveLength(90);
    const encoded = encodeProtobuf(node, 'Node');
    // typeMeta: 4 "v1" + 6 "Node" = 10
    expect([...encoded.subarray(4 + 12 + 2)]).toEqual([...message, 0x1a, 0, 0x22, 0]);
    expect(protobufSize(node, 'Node')).toBe(4 + 12 + 2 + 90 + 4);
  });

  test('Endpoints: subset, address with targetRef, port 8080 as a 2-byte varint', () => {
    const endpoints: Endpoints = {
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [
            { ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'p', uid: 'u' } },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    };
    const message = bytesOf(
      ...[0x0a, 19, 0x0a, 3, 'web', 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0, 0x42, 0],
      ...[0x12, 51], // subsets (2): addresses 39 + ports 12
      // addresses (1): ip 10 + targetRef 21 + hostname 2 + nodeName 4 = 37
      ...[0x0a, 37, 0x0a, 8, '10.0.0.1'],
      // targetRef (2): kind 5, namespace 2, name 3, uid 3, apiVersion, resourceVersion, fieldPath 6
      ...[0x12, 19, 0x0a, 3, 'Pod', 0x12, 0, 0x1a, 1, 'p', 0x22, 1, 'u', 0x2a, 0, 0x32, 0, 0x3a, 0],
      ...[0x1a, 0], // hostname (3): non-pointer, empty
      ...[0x22, 2, 'n1'], // nodeName (4)
      // ports (3): name 2 + port (2) 8080 = 0x1f90 → 0x90 0x3f: 3 + protocol 5 = 10
      ...[0x1a, 10, 0x0a, 0, 0x10, 0x90, 0x3f, 0x1a, 3, 'TCP'],
    );
    expect(message).toHaveLength(74);
    const encoded = encodeProtobuf(endpoints, 'Endpoints');
    // typeMeta: 4 "v1" + 11 "Endpoints" = 15
    expect([...encoded.subarray(4 + 17 + 2)]).toEqual([...message, 0x1a, 0, 0x22, 0]);
    expect(protobufSize(endpoints, 'Endpoints')).toBe(4 + 17 + 2 + 74 + 4);
  });
});

// --- round trips and size properties ---

const wellFormed = (s: string): string => new TextDecoder().decode(new TextEncoder().encode(s));
const byUtf8 = (a: [string, string], b: [string, string]): number => {
  const x = new TextEncoder().encode(a[0]);
  const y = new TextEncoder().encode(b[0]);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};
const seconds = (time: string | null | undefined): number | undefined =>
  time ? Date.parse(time) / 1000 : undefined;

/** What Go holds after decoding the JSON object: zero values for what is missing. */
function expectedSlice(slice: EndpointSlice) {
  const m = slice.metadata;
  const sortedEntries = (map: Record<string, string> | undefined) =>
    Object.entries(map ?? {})
      .map(([k, v]): [string, string] => [wellFormed(k), wellFormed(v)])
      .sort(byUtf8);
  return {
    metadata: {
      name: wellFormed(m.name ?? ''),
      generateName: wellFormed(m.generateName ?? ''),
      namespace: wellFormed(m.namespace ?? ''),
      uid: wellFormed(m.uid ?? ''),
      resourceVersion: wellFormed(m.resourceVersion ?? ''),
      generation: m.generation ?? 0,
      creationTimestamp: seconds(m.creationTimestamp),
      deletionTimestamp: seconds(m.deletionTimestamp),
      labels: sortedEntries(m.labels),
      annotations: sortedEntries(m.annotations),
      ownerReferences: (m.ownerReferences ?? []).map((o) => ({
        apiVersion: wellFormed(o.apiVersion),
        kind: wellFormed(o.kind),
        name: wellFormed(o.name),
        uid: wellFormed(o.uid),
        controller: o.controller,
        blockOwnerDeletion: o.blockOwnerDeletion,
      })),
      finalizers: (m.finalizers ?? []).map(wellFormed),
    },
    addressType: slice.addressType,
    endpoints: (slice.endpoints ?? []).map((e) => ({
      addresses: e.addresses.map(wellFormed),
      conditions: { ...e.conditions },
      hostname: e.hostname === undefined ? undefined : wellFormed(e.hostname),
      targetRef:
        e.targetRef === undefined
          ? undefined
          : {
              kind: wellFormed(e.targetRef.kind ?? ''),
              namespace: wellFormed(e.targetRef.namespace ?? ''),
              name: wellFormed(e.targetRef.name ?? ''),
              uid: wellFormed(e.targetRef.uid ?? ''),
              apiVersion: wellFormed(e.targetRef.apiVersion ?? ''),
              resourceVersion: wellFormed(e.targetRef.resourceVersion ?? ''),
            },
      deprecatedTopology: sortedEntries(e.deprecatedTopology),
      nodeName: e.nodeName === undefined ? undefined : wellFormed(e.nodeName),
      zone: e.zone === undefined ? undefined : wellFormed(e.zone),
      hints:
        e.hints === undefined
          ? undefined
          : {
              forZones: (e.hints.forZones ?? []).map((z) => wellFormed(z.name)),
              forNodes: (e.hints.forNodes ?? []).map((n) => wellFormed(n.name)),
            },
    })),
    ports: (slice.ports ?? []).map((p) => ({
      name: p.name === undefined ? undefined : wellFormed(p.name),
      protocol: p.protocol,
      port: p.port,
      appProtocol: p.appProtocol === undefined ? undefined : wellFormed(p.appProtocol),
    })),
  };
}

const time = (f: WireField | undefined): number | undefined => {
  const t = sub(f);
  if (t.length === 0) return undefined;
  expect(int(one(t, 2))).toBe(0); // nanos
  return int(one(t, 1));
};

/** Reads an EndpointSlice back with field numbers typed in from discovery/v1 generated.proto. */
function readSlice(raw: WireField[]) {
  const meta = sub(one(raw, 1));
  const reference = (f: WireField | undefined) => {
    if (f === undefined) return undefined;
    const r = sub(f);
    return {
      kind: str(one(r, 1)),
      namespace: str(one(r, 2)),
      name: str(one(r, 3)),
      uid: str(one(r, 4)),
      apiVersion: str(one(r, 5)),
      resourceVersion: str(one(r, 6)),
    };
  };
  return {
    metadata: {
      name: str(one(meta, 1)),
      generateName: str(one(meta, 2)),
      namespace: str(one(meta, 3)),
      uid: str(one(meta, 5)),
      resourceVersion: str(one(meta, 6)),
      generation: int(one(meta, 7)),
      creationTimestamp: time(one(meta, 8)),
      deletionTimestamp: one(meta, 9) === undefined ? undefined : time(one(meta, 9)),
      labels: entries(meta, 11),
      annotations: entries(meta, 12),
      ownerReferences: all(meta, 13).map((o) => {
        const r = sub(o);
        return {
          apiVersion: str(one(r, 5)),
          kind: str(one(r, 1)),
          name: str(one(r, 3)),
          uid: str(one(r, 4)),
          controller: bool(one(r, 6)),
          blockOwnerDeletion: bool(one(r, 7)),
        };
      }),
      finalizers: all(meta, 14).map((f) => str(f)),
    },
    addressType: str(one(raw, 4)),
    endpoints: all(raw, 2).map((f) => {
      const e = sub(f);
      const c = sub(one(e, 2));
      const hints = one(e, 8);
      return {
        addresses: all(e, 1).map((a) => str(a)),
        conditions: Object.fromEntries(
          (
            [
              ['ready', bool(one(c, 1))],
              ['serving', bool(one(c, 2))],
              ['terminating', bool(one(c, 3))],
            ] as const
          ).filter(([, v]) => v !== undefined),
        ),
        hostname: str(one(e, 3)),
        targetRef: reference(one(e, 4)),
        deprecatedTopology: entries(e, 5),
        nodeName: str(one(e, 6)),
        zone: str(one(e, 7)),
        hints:
          hints === undefined
            ? undefined
            : {
                forZones: all(sub(hints), 1).map((z) => str(one(sub(z), 1))),
                forNodes: all(sub(hints), 2).map((n) => str(one(sub(n), 1))),
              },
      };
    }),
    ports: all(raw, 3).map((f) => {
      const p = sub(f);
      const port = int(one(p, 3));
      return {
        name: str(one(p, 1)),
        protocol: str(one(p, 2)),
        port: port === undefined ? undefined : Number(BigInt.asIntN(32, BigInt(port))),
        appProtocol: str(one(p, 4)),
      };
    }),
  };
}

describe('round trip through a test-only wire decoder', () => {
  test('random EndpointSlices decode back to what Go would hold', () => {
    fc.assert(
      fc.property(endpointSlice, (slice) => {
        const { apiVersion, kind, raw } = unwrap(encodeProtobuf(slice, 'EndpointSlice'));
        expect([apiVersion, kind]).toEqual(['discovery.k8s.io/v1', 'EndpointSlice']);
        const numbers = raw.map((f) => f.number);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(readSlice(raw)).toEqual(expectedSlice(slice));
      }),
      { numRuns: 300 },
    );
  });

  test('watch frames: length prefix, WatchEvent{type, RawExtension{raw}} around the object', () => {
    fc.assert(
      fc.property(
        endpointSlice,
        fc.constantFrom('ADDED' as const, 'MODIFIED' as const, 'DELETED' as const),
        (slice, type) => {
          const frame = encodeProtobufWatchEvent(slice, type, 'EndpointSlice');
          const length = new DataView(frame.buffer, frame.byteOffset).getUint32(0, false);
          expect(length).toBe(frame.length - 4);
          const event = decode(frame.subarray(4));
          expect(event.map((f) => f.number)).toEqual([1, 2]);
          expect(str(one(event, 1))).toBe(type);
          const rawExtension = sub(one(event, 2));
          expect(rawExtension.map((f) => f.number)).toEqual([1]);
          expect([...one(rawExtension, 1)!.bytes]).toEqual([
            ...encodeProtobuf(slice, 'EndpointSlice'),
          ]);
          expect(protobufWatchEventSize(slice, type, 'EndpointSlice')).toBe(frame.length);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('map keys are ordered by UTF-8 bytes (code points), not UTF-16 units', () => {
    // U+E000 is EE 80 80 in UTF-8 and sorts before 😀 (F0 9F 98 80), though its UTF-16 unit
    // 0xE000 sorts after the surrogate 0xD83D.
    expect(compareCodePoints('\ue000', '😀')).toBeLessThan(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('é', 'é')).toBe(0);
    const slice: EndpointSlice = {
      metadata: { labels: { '😀': '1', '\ue000': '2', b: '3', a: '4' } },
      addressType: 'IPv4',
      endpoints: [],
    };
    const meta = sub(one(unwrap(encodeProtobuf(slice, 'EndpointSlice')).raw, 1));
    expect(entries(meta, 11).map(([k]) => k)).toEqual(['a', 'b', '\ue000', '😀']);
    fc.assert(
      fc.property(text, text, (a, b) => {
        const order = byUtf8([wellFormed(a), ''], [wellFormed(b), '']);
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(order));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('protobufSize equals the encoded length', () => {
  const property = <T extends WireObject>(arbitrary: fc.Arbitrary<T>, kind: WireKind) =>
    fc.assert(
      fc.property(arbitrary, (object) => {
        const encoded = encodeProtobuf(object, kind);
        expect(protobufSize(object, kind)).toBe(encoded.length);
        const { kind: decodedKind } = unwrap(encoded);
        expect(decodedKind).toBe(kind);
      }),
      { numRuns: 300 },
    );

  test('random EndpointSlices', () => property(endpointSlice, 'EndpointSlice'));
  test('random Endpoints', () => property(endpointsArbitrary, 'Endpoints'));
  test('random Pods', () => property(podArbitrary, 'Pod'));
  test('random Services', () => property(serviceArbitrary, 'Service'));
  test('random Nodes', () => property(nodeArbitrary, 'Node'));
});
