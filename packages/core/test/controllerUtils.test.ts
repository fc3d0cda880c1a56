/**
 * Port of k8s.io/endpointslice util/controller_utils_test.go. Test and case names are upstream's.
 *
 * Skipped (slicescope has no counterpart yet; they belong to event queuing):
 * TestDetermineNeededServiceUpdates (determineNeededServiceUpdates), TestGetPodServicesToUpdate and
 * BenchmarkGetPodServicesToUpdate (GetServicesToUpdate / GetPodUpdateProjectionKey),
 * Test_podChanged (podEndpointsChanged). Also skipped: TestDeepHashObject and
 * TestDeepObjectPointer (Go's reflection-based deepHashObject; slicescope keys port mappings and
 * endpoints with plain strings, see portMapKey and endpointIdentity).
 *
 * A Go nil pointer is an absent field here.
 */
import { describe, expect, test } from 'vitest';
import type { Endpoint, EndpointPort, Pod, Service } from '../src/index.ts';
import { isPodReady, shouldPodBeInEndpoints, shouldSetHostname } from '../src/controller/pods.ts';
import { endpointsEqualBeyondHash } from '../src/controller/endpoints.ts';
import { portMapKey } from '../src/controller/ports.ts';

const NOW = '2024-01-01T00:00:00Z';

describe('TestShouldPodBeInEndpoints', () => {
  const testCases: {
    name: string;
    pod: Pod;
    expected: boolean;
  }[] = [
    // Pod should not be in endpoints:
    {
      name: 'Failed pod with Never RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: { phase: 'Failed', podIP: '1.2.3.4' },
      },
      expected: false,
    },
    {
      name: 'Succeeded pod with Never RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: { phase: 'Succeeded', podIP: '1.2.3.4' },
      },
      expected: false,
    },
    {
      name: 'Succeeded pod with OnFailure RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'OnFailure' },
        status: { phase: 'Succeeded', podIP: '1.2.3.4' },
      },
      expected: false,
    },
    {
      name: 'Empty Pod IPs, Running pod with OnFailure RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: { phase: 'Running', podIP: '', podIPs: [] },
      },
      expected: false,
    },
    // 'Terminating Pod with includeTerminating=false' is not ported: the controller always calls
    // ShouldPodBeInEndpoints with includeTerminating=true, the only mode slicescope has.
    {
      name: 'Failed pod with Always RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Always' },
        status: { phase: 'Failed', podIP: '1.2.3.4' },
      },
      expected: false,
    },
    // Pod should be in endpoints:
    {
      name: 'Pending pod with Never RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: { phase: 'Pending', podIP: '1.2.3.4' },
      },
      expected: true,
    },
    {
      name: 'Unknown pod with OnFailure RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'OnFailure' },
        status: { phase: 'Unknown', podIP: '1.2.3.4' },
      },
      expected: true,
    },
    {
      name: 'Running pod with Never RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: { phase: 'Running', podIP: '1.2.3.4' },
      },
      expected: true,
    },
    {
      name: 'Multiple Pod IPs, Running pod with OnFailure RestartPolicy',
      pod: {
        metadata: {},
        spec: { restartPolicy: 'Never' },
        status: {
          phase: 'Running',
          podIPs: [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }],
        },
      },
      expected: true,
    },
    {
      name: 'Terminating Pod with includeTerminating=true',
      pod: {
        metadata: { deletionTimestamp: NOW },
        spec: {},
        status: { phase: 'Running', podIP: '1.2.3.4' },
      },
      expected: true,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      expect(shouldPodBeInEndpoints(tc.pod)).toBe(tc.expected);
    });
  }
});

describe('TestShouldSetHostname', () => {
  const genSimplePod = (namespace: string, hostname: string, subdomain: string): Pod => ({
    metadata: { namespace },
    spec: { hostname, subdomain },
  });
  const genSimpleSvc = (namespace: string, name: string): Service => ({
    metadata: { name, namespace },
    spec: {},
  });

  const testCases: Record<string, { pod: Pod; service: Service; expected: boolean }> = {
    'all matching': {
      pod: genSimplePod('ns', 'foo', 'svc-name'),
      service: genSimpleSvc('ns', 'svc-name'),
      expected: true,
    },
    'all matching, hostname not set': {
      pod: genSimplePod('ns', '', 'svc-name'),
      service: genSimpleSvc('ns', 'svc-name'),
      expected: false,
    },
    'all set, different name/subdomain': {
      pod: genSimplePod('ns', 'hostname', 'subdomain'),
      service: genSimpleSvc('ns', 'name'),
      expected: false,
    },
    'all set, different namespace': {
      pod: genSimplePod('ns1', 'hostname', 'svc-name'),
      service: genSimpleSvc('ns2', 'svc-name'),
      expected: false,
    },
  };

  for (const [name, testCase] of Object.entries(testCases)) {
    test(name, () => {
      expect(shouldSetHostname(testCase.pod, testCase.service)).toBe(testCase.expected);
    });
  }
});

describe('TestEndpointsEqualBeyondHash', () => {
  const ref = (name: string, resourceVersion?: string) => ({
    kind: 'Pod',
    namespace: 'default',
    name,
    ...(resourceVersion !== undefined && { resourceVersion }),
  });

  const tests: { name: string; ep1: Endpoint; ep2: Endpoint; expected: boolean }[] = [
    {
      name: 'No change',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        nodeName: 'node-1',
      },
      expected: true,
    },
    {
      name: 'NodeName changed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        nodeName: 'node-2',
      },
      expected: false,
    },
    {
      name: 'Zone changed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-2',
      },
      expected: false,
    },
    {
      name: 'Ready condition changed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: false },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: false,
    },
    {
      name: 'Serving condition changed from nil to true',
      ep1: {
        // Serving and Terminating are nil upstream.
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true, serving: true, terminating: false },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: false,
    },
    {
      name: 'Serving condition changed from false to true',
      ep1: {
        conditions: { ready: true, serving: false, terminating: false },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true, serving: true, terminating: false },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: false,
    },
    {
      name: 'Pod name changed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod1'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: false,
    },
    {
      name: 'Pod resourceVersion changed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0', '1'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0', '2'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: true,
    },
    {
      name: 'Pod resourceVersion removed',
      ep1: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0', '1'),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      ep2: {
        conditions: { ready: true },
        addresses: ['10.0.0.1'],
        targetRef: ref('pod0', ''),
        zone: 'zone-1',
        nodeName: 'node-1',
      },
      expected: true,
    },
  ];

  for (const tt of tests) {
    test(tt.name, () => {
      expect(endpointsEqualBeyondHash(tt.ep1, tt.ep2)).toBe(tt.expected);
    });
  }
});

describe('TestNewPortMapKey_NilVsEmptySlice', () => {
  test('nil and empty port lists have the same key', () => {
    const nilKey = portMapKey(undefined);
    const emptyKey = portMapKey([]);
    expect(nilKey).toBe(emptyKey);
    // JSON null is the other form of a nil slice.
    expect(portMapKey(null)).toBe(emptyKey);
  });
});

/**
 * Not an upstream test case: NewPortMapKey sorts the ports (portsInOrder) before hashing them, so
 * the key does not depend on their order; and metrics/cache_test.go relies on different port sets
 * having different keys.
 */
describe('NewPortMapKey ports ordering (portsInOrder)', () => {
  const http: EndpointPort = { name: 'http', protocol: 'TCP', port: 80 };
  const https: EndpointPort = { name: 'https', protocol: 'TCP', port: 443, appProtocol: 'https' };
  const dns: EndpointPort = { name: 'dns', protocol: 'UDP', port: 53 };

  test('the same ports in any order have the same key', () => {
    const key = portMapKey([http, https, dns]);
    expect(portMapKey([dns, http, https])).toBe(key);
    expect(portMapKey([https, dns, http])).toBe(key);
  });

  test('port 80 and ports 80,443 have different keys', () => {
    expect(portMapKey([{ port: 80 }])).not.toBe(portMapKey([{ port: 80 }, { port: 443 }]));
  });

  test('ports differing in one field have different keys', () => {
    expect(portMapKey([http])).not.toBe(portMapKey([{ ...http, protocol: 'UDP' }]));
    expect(portMapKey([http])).not.toBe(portMapKey([{ ...http, name: 'web' }]));
    expect(portMapKey([http])).not.toBe(portMapKey([{ ...http, port: 8080 }]));
    expect(portMapKey([http])).not.toBe(portMapKey([{ ...http, appProtocol: 'http' }]));
  });

  test('an absent field differs from an empty one (nil pointer vs pointer to zero value)', () => {
    expect(portMapKey([{ port: 80 }])).not.toBe(portMapKey([{ name: '', port: 80 }]));
  });
});

/**
 * Not an upstream test case: controller_utils_test.go has no IsPodReady test. The cases follow
 * upstream IsPodReady (copied from k8s.io/kubernetes/pkg/api/v1/pod): the Pod's Ready condition
 * exists and its status is True.
 */
describe('IsPodReady', () => {
  const withConditions = (conditions: { type: string; status: string }[] | null): Pod => ({
    metadata: {},
    status: { conditions },
  });

  const testCases: { name: string; pod: Pod; expected: boolean }[] = [
    { name: 'no status', pod: { metadata: {} }, expected: false },
    { name: 'nil conditions', pod: withConditions(null), expected: false },
    {
      name: 'Ready True',
      pod: withConditions([{ type: 'Ready', status: 'True' }]),
      expected: true,
    },
    {
      name: 'Ready False',
      pod: withConditions([{ type: 'Ready', status: 'False' }]),
      expected: false,
    },
    {
      name: 'Ready Unknown',
      pod: withConditions([{ type: 'Ready', status: 'Unknown' }]),
      expected: false,
    },
    {
      name: 'other conditions only',
      pod: withConditions([
        { type: 'PodScheduled', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
      ]),
      expected: false,
    },
    {
      name: 'Ready among other conditions',
      pod: withConditions([
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
      ]),
      expected: true,
    },
    {
      name: 'first Ready condition wins',
      pod: withConditions([
        { type: 'Ready', status: 'False' },
        { type: 'Ready', status: 'True' },
      ]),
      expected: false,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      expect(isPodReady(tc.pod)).toBe(tc.expected);
    });
  }
});
