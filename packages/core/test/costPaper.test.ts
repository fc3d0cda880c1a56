import { describe, expect, test } from 'vitest';
import {
  DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  reconcile,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
} from '../src/index.ts';
import type { Endpoints } from '../src/model/endpoints.ts';
import {
  estimationTable,
  objectChangeFanout,
  operationCost,
  REALISTIC_WRITES_PER_REPLACED_POD,
  sliceCount,
  type EstimationColumn,
  type ScenarioInput,
} from '../src/cost/fanout.ts';
import { jsonBytes } from '../src/cost/jsonBytes.ts';
import {
  BLOG_2020_SIZING,
  bytesPerEndpointAtCapacity,
  endpointsUnderLimit,
  ETCD_LIMIT_AS_PUBLISHED_BYTES,
  ETCD_MAX_REQUEST_BYTES,
  GB,
  ISSUE_26637_IPV4_JSON_BYTES,
  KB,
  KEP_0752_SIZING,
  KEP_2433_HINT_BYTES_PER_ENDPOINT,
  MB,
  paperObjectBytes,
  paperObjectSizer,
  TB,
} from '../src/cost/paper.ts';
import { protobufSize } from '../src/cost/protobuf.ts';
import { wireSizes } from '../src/cost/sizes.ts';

/** Published bytes are matched within ±1 % (scale-facts.md §3); counts exactly. */
function expectBytes(actual: number, published: number): void {
  expect(Math.abs(actual - published) / published).toBeLessThanOrEqual(0.01);
}

const column = (table: EstimationColumn[], i: number): EstimationColumn => table[i]!;

describe('KEP-0752 "Estimation", Sample Case 1: 20,000 endpoints, 5,000 nodes', () => {
  // Columns: one Endpoints object / slices of 100 / slices of 1, KEP constants (c = 100 B,
  // M ≈ 1 KB): Endpoints "20k × const ≈ 2.0 MB", 100-slice "≈ 10 KB", 1-slice "< ≈ 1 KB".
  const table = estimationTable({
    endpoints: 20_000,
    watchers: { nodes: 5_000 },
    sliceSizes: [100, 1],
    objectBytes: paperObjectSizer(KEP_0752_SIZING),
  });
  const [endpoints, by100, by1] = [column(table, 0), column(table, 1), column(table, 2)];

  test('object sizes: "20k × const ≈ 2.0 MB", "≈ 10 KB", "< ≈ 1 KB"', () => {
    expectBytes(paperObjectBytes(20_000), 2.0 * MB);
    expectBytes(paperObjectBytes(100), 10 * KB);
    expectBytes(paperObjectBytes(1), 1 * KB);
  });

  test('Service creation/deletion: writes "1 / 200 / 20,000", watchers per object "5,000"', () => {
    expect([endpoints, by100, by1].map((c) => c.serviceCreation.writes)).toEqual([1, 200, 20_000]);
    expect([endpoints, by100, by1].map((c) => c.serviceCreation.watchersPerObject)).toEqual([
      5_000, 5_000, 5_000,
    ]);
  });

  test('Service creation/deletion: watch events "5,000 / 1,000,000 / 100,000,000"', () => {
    expect([endpoints, by100, by1].map((c) => c.serviceCreation.events)).toEqual([
      5_000, 1_000_000, 100_000_000,
    ]);
  });

  test('Service creation/deletion: bytes "2.0 MB × 5000 = 10 GB", "10 KB × 5000 × 200 = 10 GB"', () => {
    expectBytes(endpoints.serviceCreation.bytes, 10 * GB);
    expectBytes(by100.serviceCreation.bytes, 10 * GB);
  });

  test('Service creation/deletion, B = 1: the formula gives 100 GB where the KEP prints "≈ 10 GB" (typo, footnote ¹)', () => {
    // 10⁸ events × 1 KB; the KEP's own rolling-update column uses this product.
    expectBytes(by1.serviceCreation.bytes, 100 * GB);
  });

  test('Single endpoint update: writes "1", watch events "5,000" in every column', () => {
    for (const c of [endpoints, by100, by1]) {
      expect(c.singleEndpointUpdate.writes).toBe(1);
      expect(c.singleEndpointUpdate.events).toBe(5_000);
    }
  });

  test('Single endpoint update: bytes "≈ 2.0 MB × 5000 = 10 GB / ≈ 10 KB × 5000 = 50 MB / ≈ 1 KB × 5000 = 5 MB"', () => {
    expectBytes(endpoints.singleEndpointUpdate.bytes, 10 * GB);
    expectBytes(by100.singleEndpointUpdate.bytes, 50 * MB);
    expectBytes(by1.singleEndpointUpdate.bytes, 5 * MB);
  });

  test('Rolling update: writes "20k", watch events "5000 × 20k" in every column', () => {
    for (const c of [endpoints, by100, by1]) {
      expect(c.rollingUpdate.writes).toBe(20_000);
      expect(c.rollingUpdate.events).toBe(5_000 * 20_000);
    }
  });

  test('Rolling update: bytes "2.0 MB × 5000 × 20k = 200 TB / 10 KB × 5000 × 20k = 1 TB / ≈ 1 KB × 5000 × 20k = ≈ 100 GB"', () => {
    expectBytes(endpoints.rollingUpdate.bytes, 200 * TB);
    expectBytes(by100.rollingUpdate.bytes, 1 * TB);
    expectBytes(by1.rollingUpdate.bytes, 100 * GB);
  });

  test('"Endpoints is O(P²N)": doubling P quadruples a rollout\'s Endpoints bytes, doubles the slices\'', () => {
    const rollout = (p: number, layout: ScenarioInput['layout']) =>
      operationCost('rollingUpdate', { endpoints: p, watchers: { nodes: 5_000 }, layout }).bytes;
    const endpointsLayout = { kind: 'Endpoints' } as const;
    const slicesLayout = { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 } as const;
    expect(rollout(40_000, endpointsLayout) / rollout(20_000, endpointsLayout)).toBe(4);
    expect(rollout(40_000, slicesLayout) / rollout(20_000, slicesLayout)).toBe(2);
  });
});

describe('KEP-0752 "Estimation", Sample Case 2: 20 endpoints, 10 nodes, every object "≈ 1 KB"', () => {
  // The KEP states every object of this case is ≈ 1 KB, so the paper size is that stated size;
  // max(k × 100 B, 1 KB) would make the 20-endpoint Endpoints object 2 KB (see the last test).
  const table = estimationTable({
    endpoints: 20,
    watchers: { nodes: 10 },
    sliceSizes: [100, 1],
    objectBytes: () => 1 * KB,
  });
  const columns = [column(table, 0), column(table, 1), column(table, 2)];

  test('Service creation: writes "1 / 1 / 20", watch events "10 / 10 / 200", bytes "10 KB / 10 KB / 200 KB"', () => {
    expect(columns.map((c) => c.serviceCreation.writes)).toEqual([1, 1, 20]);
    expect(columns.map((c) => c.serviceCreation.events)).toEqual([10, 10, 200]);
    expectBytes(columns[0]!.serviceCreation.bytes, 10 * KB);
    expectBytes(columns[1]!.serviceCreation.bytes, 10 * KB);
    expectBytes(columns[2]!.serviceCreation.bytes, 200 * KB);
  });

  test('Single endpoint update: writes "1", bytes "10 KB" each; events 10, where the KEP prints "1" (typo)', () => {
    for (const c of columns) {
      expect(c.singleEndpointUpdate.writes).toBe(1);
      expect(c.singleEndpointUpdate.events).toBe(10);
      expectBytes(c.singleEndpointUpdate.bytes, 10 * KB);
    }
  });

  test('Rolling update: writes "20", watch events "10 × 20 = 200", bytes "200 KB" in all columns', () => {
    for (const c of columns) {
      expect(c.rollingUpdate.writes).toBe(20);
      expect(c.rollingUpdate.events).toBe(200);
      expectBytes(c.rollingUpdate.bytes, 200 * KB);
    }
  });

  test('the max(k × c, M) rule would size the 20-endpoint Endpoints object at 2 KB, not the stated ≈ 1 KB', () => {
    expect(paperObjectBytes(20, KEP_0752_SIZING)).toBe(2 * KB);
    expect(paperObjectBytes(1, KEP_0752_SIZING)).toBe(1 * KB);
  });
});

describe('KEP-0752, other figures', () => {
  test('"vast majority (> 99 %) of the k8s services have less than 100 endpoints": one slice each at B = 100', () => {
    expect(sliceCount(99, DEFAULT_MAX_ENDPOINTS_PER_SLICE)).toBe(1);
    expect(sliceCount(0, DEFAULT_MAX_ENDPOINTS_PER_SLICE)).toBe(1);
    expect(sliceCount(100, DEFAULT_MAX_ENDPOINTS_PER_SLICE)).toBe(1);
    expect(sliceCount(101, DEFAULT_MAX_ENDPOINTS_PER_SLICE)).toBe(2);
  });

  test('"Scale tested to 50k endpoints in 4k node cluster" / "~500 total slices in a Namespace": 50k endpoints are 500 slices of 100', () => {
    expect(sliceCount(50_000, 100)).toBe(500);
    const update = operationCost('singleEndpointUpdate', {
      endpoints: 50_000,
      watchers: { nodes: 4_000 },
      layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 },
    });
    expect(update.events).toBe(4_000);
    expectBytes(update.bytes, 4_000 * 10 * KB);
  });

  test('etcd "hard limit on the size of a single object (1.5MB by default)": 15,000 endpoints at the KEP\'s 100 B', () => {
    expect(
      endpointsUnderLimit(ETCD_LIMIT_AS_PUBLISHED_BYTES, KEP_0752_SIZING.bytesPerEndpoint),
    ).toBe(15_000);
  });
});

describe('Blog "Scaling Kubernetes Networking With EndpointSlices" (2020-09-02): 5,000 endpoints, 3,000 nodes', () => {
  const endpointsService: ScenarioInput = {
    endpoints: 5_000,
    watchers: { nodes: 3_000 },
    layout: { kind: 'Endpoints' },
    objectBytes: paperObjectSizer(BLOG_2020_SIZING),
  };
  const slicesService: ScenarioInput = {
    ...endpointsService,
    layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 },
  };

  test('etcd default object size limit "1.5 MB" holds "in some cases … 5,000 Pod IPs": c = 300 B', () => {
    expect(bytesPerEndpointAtCapacity(ETCD_LIMIT_AS_PUBLISHED_BYTES, 5_000)).toBe(300);
    expect(BLOG_2020_SIZING.bytesPerEndpoint).toBe(300);
  });

  test('Service with 5,000 pods: Endpoints "≈ 1.5 MB"', () => {
    expectBytes(paperObjectBytes(5_000, BLOG_2020_SIZING), 1.5 * MB);
  });

  test('one endpoint changes, 3,000 nodes: "4.5 GB" ("nearly enough to fill up a DVD")', () => {
    const update = operationCost('singleEndpointUpdate', endpointsService);
    expect(update.events).toBe(3_000);
    expectBytes(update.bytes, 4.5 * GB);
  });

  test('rolling update replacing all 5,000 pods: "more than 22TB (or 5,000 DVDs)"', () => {
    const rollout = operationCost('rollingUpdate', endpointsService);
    expect(rollout.writes).toBe(5_000);
    expect(rollout.bytes).toBeGreaterThan(22 * TB);
    expectBytes(rollout.bytes, 22.5 * TB); // 4.5 GB × 5,000, the blog's arithmetic
    expect(rollout.bytes / (4.5 * GB)).toBe(5_000); // one 4.5 GB "DVD" per replaced pod
  });

  test('15 pods, 5 endpoints per slice: "3 EndpointSlices vs 1 Endpoints"', () => {
    const input = { endpoints: 15, watchers: { nodes: 1 } };
    expect(
      operationCost('serviceCreation', {
        ...input,
        layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 5 },
      }).writes,
    ).toBe(3);
    expect(
      operationCost('serviceCreation', { ...input, layout: { kind: 'Endpoints' } }).writes,
    ).toBe(1);
  });

  test('default slice size: "100 endpoints"', () => {
    expect(DEFAULT_MAX_ENDPOINTS_PER_SLICE).toBe(100);
  });

  test('derived with the same constants: 50 slices of ≈ 30 KB; one change 90 MB; rollout 450 GB, P/B = 50× less', () => {
    expect(sliceCount(5_000, 100)).toBe(50);
    expectBytes(paperObjectBytes(100, BLOG_2020_SIZING), 30 * KB);
    expectBytes(operationCost('singleEndpointUpdate', slicesService).bytes, 90 * MB);
    expectBytes(operationCost('rollingUpdate', slicesService).bytes, 450 * GB);
    expect(
      operationCost('rollingUpdate', endpointsService).bytes /
        operationCost('rollingUpdate', slicesService).bytes,
    ).toBe(50);
  });
});

describe('Other upstream figures (scale-facts.md §1.3)', () => {
  test('etcd: "the maximum size of any request is 1.5 MiB", the constant 1.5 * 1024 * 1024', () => {
    expect(ETCD_MAX_REQUEST_BYTES).toBe(1_572_864);
  });

  test('kubernetes#73324: ~10k backends make Endpoints "> 1MB in proto" ⇒ c ≳ 100 B', () => {
    expect(bytesPerEndpointAtCapacity(1 * MB, 10_000)).toBe(100);
    expectBytes(paperObjectBytes(10_000, KEP_0752_SIZING), 1 * MB);
  });

  test('kubernetes#26637: "~16 bytes to store an IPv4 address in JSON" ⇒ 1 MB overflows "after 32k-64k endpoints"', () => {
    // 1 MB read as 2²⁰ B: 64k (65,536) at 16 B per address; 32k (32,768) at twice that.
    expect(endpointsUnderLimit(2 ** 20, ISSUE_26637_IPV4_JSON_BYTES)).toBe(64 * 1024);
    expect(endpointsUnderLimit(2 ** 20, 2 * ISSUE_26637_IPV4_JSON_BYTES)).toBe(32 * 1024);
  });

  test('KEP-2433: hints add "20 bytes for each endpoint": a 100-endpoint slice grows by 2 KB', () => {
    expect(100 * KEP_2433_HINT_BYTES_PER_ENDPOINT).toBe(2 * KB);
  });

  test('KEP-2433 against the model: one zone hint adds 41 B of JSON and 12 B of protobuf per endpoint', () => {
    const slice = (hinted: boolean): EndpointSlice => ({
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.1'],
          zone: 'zone-a',
          ...(hinted && { hints: { forZones: [{ name: 'zone-a' }] } }),
        },
      ],
      ports: [],
    });
    // JSON: ,"hints":{"forZones":[{"name":"zone-a"}]} = 1 + 8 + 1 + 11 + 1 + 1 + 7 + 8 + 1 + 1 + 1.
    expect(jsonBytes(slice(true), 'EndpointSlice') - jsonBytes(slice(false), 'EndpointSlice')).toBe(
      41,
    );
    // protobuf: hints (8) {forZones (1) {name (1) "zone-a": 8}: 10}: 12; the endpoint's length
    // prefix stays one byte.
    expect(
      protobufSize(slice(true), 'EndpointSlice') - protobufSize(slice(false), 'EndpointSlice'),
    ).toBe(12);
  });
});

describe('accounting options', () => {
  test('extra watchers (CoreDNS, ingress) add events and bytes; off by default', () => {
    const base: ScenarioInput = {
      endpoints: 100,
      watchers: { nodes: 10 },
      layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 },
    };
    expect(operationCost('singleEndpointUpdate', base).events).toBe(10);
    const withDns = { ...base, watchers: { nodes: 10, extraWatchers: 2 } };
    expect(operationCost('singleEndpointUpdate', withDns).events).toBe(12);
    expectBytes(operationCost('singleEndpointUpdate', withDns).bytes, 12 * 10 * KB);
  });

  test('a realistic rollout writes 4 times per replaced Pod with slices, 3 with Endpoints', () => {
    const input: ScenarioInput = {
      endpoints: 20_000,
      watchers: { nodes: 5_000 },
      layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 },
      writesPerReplacedPod: REALISTIC_WRITES_PER_REPLACED_POD.EndpointSlices,
    };
    expect(operationCost('rollingUpdate', input).writes).toBe(80_000);
    expectBytes(operationCost('rollingUpdate', input).bytes, 4 * TB);
    expect(REALISTIC_WRITES_PER_REPLACED_POD.Endpoints).toBe(3);
  });

  test("a creation with a partial last slice sums each slice's own size", () => {
    const cost = operationCost('serviceCreation', {
      endpoints: 250,
      watchers: { nodes: 2 },
      layout: { kind: 'EndpointSlices', maxEndpointsPerSlice: 100 },
    });
    expect(cost.writes).toBe(3);
    expect(cost.bytes).toBe(2 * (10 * KB + 10 * KB + 5 * KB));
  });
});

// --- model mode: sizes of objects the controllers build, against the papers (0.5× to 2×) ---

const uid = (i: number): string => `${(0x10000000 + i).toString(16)}-1d2c-4e5f-8a9b-0c1d2e3f4a5b`;
const ip = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const podName = (i: number): string => `web-7d4b9c8f5-${(i + 36 ** 4).toString(36).slice(-5)}`;
const nodeName = (i: number): string => `node-${String(i % 5_000).padStart(4, '0')}`;

/** An Endpoints object as the controller wrote it before 1.22 truncated it at 1000 addresses. */
function untruncatedEndpoints(addresses: number): Endpoints {
  return {
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    subsets: [
      {
        addresses: Array.from({ length: addresses }, (_, i) => ({
          ip: ip(i),
          nodeName: nodeName(i),
          targetRef: { kind: 'Pod', namespace: 'default', name: podName(i), uid: uid(i) },
        })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
}

function reconciledSlice(endpoints: number, maxEndpointsPerSlice: number): EndpointSlice {
  const service: Service = {
    metadata: { name: 'web', namespace: 'default', uid: uid(999_999), labels: { app: 'web' } },
    spec: {
      selector: { app: 'web' },
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
  };
  const pods: Pod[] = Array.from({ length: endpoints }, (_, i) => ({
    metadata: { name: podName(i), namespace: 'default', uid: uid(i), labels: { app: 'web' } },
    spec: { nodeName: nodeName(i), containers: [{ name: 'app' }] },
    status: { podIPs: [{ ip: ip(i) }], conditions: [{ type: 'Ready', status: 'True' }] },
  }));
  const nodes = new Map<string, Node>(
    pods.map((pod) => {
      const name = pod.spec?.nodeName ?? '';
      const zone = `us-east-1${'abc'[Number(name.slice(5)) % 3]}`;
      return [name, { metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } }];
    }),
  );
  const { actions } = reconcile(service, pods, [], nodes, {
    maxEndpointsPerSlice,
    preferSameTrafficDistribution: true,
    triggerTime: '2026-01-01T00:00:00Z',
  });
  const first = actions.find((action) => action.verb === 'create');
  if (first?.verb !== 'create') throw new Error('no slice created');
  return first.slice;
}

function expectWithinFactorTwo(actual: number, published: number): void {
  expect(actual / published).toBeGreaterThanOrEqual(0.5);
  expect(actual / published).toBeLessThanOrEqual(2);
}

describe('model mode against the published sizes (within 0.5× to 2×, scale-facts.md §3)', () => {
  test('KEP-0752 "20k × const ≈ 2.0 MB": a 20,000-address Endpoints object in JSON and protobuf', () => {
    const sizes = wireSizes(untruncatedEndpoints(20_000), 'Endpoints');
    expectWithinFactorTwo(sizes.json, 2.0 * MB);
    expectWithinFactorTwo(sizes.protobuf, 2.0 * MB);
  });

  test('KEP-0752 "≈ 10 KB" per 100-endpoint slice: protobuf within 2× (JSON is not: ≈ 2.6×)', () => {
    const sizes = wireSizes(reconciledSlice(100, 100), 'EndpointSlice');
    expectWithinFactorTwo(sizes.protobuf, 10 * KB);
    expect(sizes.json / (10 * KB)).toBeGreaterThan(2);
  });

  test('KEP-0752 "< ≈ 1 KB" per 1-endpoint slice', () => {
    const sizes = wireSizes(reconciledSlice(1, 1), 'EndpointSlice');
    expect(sizes.json).toBeLessThan(1 * KB);
    expectWithinFactorTwo(sizes.json, 1 * KB);
    expectWithinFactorTwo(sizes.protobuf, 1 * KB);
  });

  test('kubernetes#73324 "> 1MB in proto" for ~10k backends', () => {
    const bytes = protobufSize(untruncatedEndpoints(10_000), 'Endpoints');
    expect(bytes).toBeGreaterThan(1 * MB);
    expectWithinFactorTwo(bytes, 1 * MB);
  });

  test('blog: Endpoints of 5,000 Pod IPs "≈ 1.5 MB": JSON within 2× (protobuf is ≈ 0.36×)', () => {
    const sizes = wireSizes(untruncatedEndpoints(5_000), 'Endpoints');
    expectWithinFactorTwo(sizes.json, 1.5 * MB);
    expect(sizes.protobuf / (1.5 * MB)).toBeLessThan(0.5);
  });

  test('fan-out of one change of a reconciled 100-endpoint slice to 5,000 kube-proxies, three ways', () => {
    const slice = reconciledSlice(100, 100);
    const sizes = wireSizes(slice, 'EndpointSlice');
    const fanout = objectChangeFanout(slice, { nodes: 5_000 });
    expect(fanout.events).toBe(5_000);
    expect(fanout.endpoints).toBe(100);
    // JSON: {"type":"MODIFIED","object": … }\n adds 30 bytes per event.
    expect(fanout.jsonBytes).toBe(5_000 * (sizes.json + 30));
    // protobuf: 4-byte frame + type (2 + 8) + object field (1 + 2) + RawExtension.raw (1 + 2).
    expect(fanout.protobufBytes).toBe(5_000 * (sizes.protobuf + 4 + 10 + 3 + 3));
    expectBytes(fanout.paperBytes, 50 * MB); // KEP: "≈ 10 KB × 5000 = 50 MB"
  });
});
