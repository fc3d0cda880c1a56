/**
 * Port of the syncService tests of kubernetes/kubernetes
 * pkg/controller/endpointslice/endpointslice_controller_test.go whose subject is what one
 * syncService call computes from a Service, Pods, Nodes and existing slices. Test and case names
 * are upstream's.
 *
 * How upstream's harness maps here: newController's informer stores are the arguments of
 * syncService (Nodes are bare `node-1` objects); the fake clientset is FakeSliceApi; the trigger
 * time that upstream's TriggerTimeTracker computes (the Service's creationTimestamp, as no Pod has
 * a Ready lastTransitionTime) is passed as `triggerTime`.
 *
 * Skipped (about informers, queues, batching timing or trackers, none of which syncService
 * models): TestSyncServiceMissing (Service lookup and trigger-time tracker clean-up),
 * TestOnEndpointSliceUpdate (service queue), TestPodAddsBatching, TestPodUpdatesBatching,
 * TestPodDeleteBatching (batch period timing), TestSyncServiceStaleInformer (EndpointSlice
 * tracker generations), Test_checkNodeTopologyDistribution and TestUpdateNode (Node handlers and
 * the topology queue).
 */
import { describe, expect, test } from 'vitest';
import {
  ANNOTATION_TRIGGER_TIME,
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  syncService,
  isListedSliceOf,
  type Endpoint,
  type EndpointPort,
  type EndpointSlice,
  type Node,
  type Pod,
  type ReconcileOptions,
  type Service,
} from '../src/index.ts';
import { FakeSliceApi, defaultOptions, newPod, controllerRefOf } from './builders/index.ts';

const NAMESPACE_DEFAULT = 'default';
const CREATION_TIMESTAMP = '2024-05-01T12:00:00Z';

/** newController(t, []string{"node-1"}, 0): the Node informer holds bare Nodes by name. */
function nodesNamed(...names: string[]): Node[] {
  return names.map((name) => ({ metadata: { name } }));
}

const nodes = nodesNamed('node-1');

/** Options of a sync whose trigger time is the Service's creation time. */
function optionsFor(service: Service): ReconcileOptions {
  const creation = service.metadata.creationTimestamp;
  return { ...defaultOptions, triggerTime: creation ?? undefined };
}

/** upstream createService. */
function createService(namespace: string, serviceName: string): Service {
  return {
    metadata: {
      name: serviceName,
      namespace,
      creationTimestamp: CREATION_TIMESTAMP,
      uid: `${namespace}-${serviceName}`,
    },
    spec: {
      ports: [{ port: 0, targetPort: 80 }],
      selector: { foo: 'bar' },
      ipFamilies: ['IPv4'],
    },
  };
}

/** upstream standardSyncService: createService, then one syncService against `api`. */
function standardSyncService(
  api: FakeSliceApi,
  pods: readonly Pod[],
  namespace: string,
  serviceName: string,
): Service {
  const service = createService(namespace, serviceName);
  api.apply(syncService(service, pods, nodes, api.list(), optionsFor(service)).actions);
  return service;
}

/** upstream expectActions: the last `num` calls all have this verb. */
function expectActions(api: FakeSliceApi, num: number, verb: 'create' | 'update' | 'delete') {
  expect(api.actions.length).toBeGreaterThanOrEqual(num);
  expect(api.actions.slice(api.actions.length - num).map((action) => action.verb)).toEqual(
    new Array<string>(num).fill(verb),
  );
}

// Ensure SyncService for service with no selector results in no action
test('TestSyncServiceNoSelector', () => {
  const ns = NAMESPACE_DEFAULT;
  const serviceName = 'testing-1';
  const api = new FakeSliceApi();
  const service: Service = {
    metadata: { name: serviceName, namespace: ns },
    spec: { ports: [{ port: 0, targetPort: 80 }] },
  };

  const result = syncService(service, [], nodes, api.list(), defaultOptions);
  api.apply(result.actions);
  expect(result.errors).toEqual([]);
  expect(api.actions).toEqual([]);
});

describe('TestServiceExternalNameTypeSync', () => {
  const serviceName = 'testing-1';
  const namespace = NAMESPACE_DEFAULT;

  const testCases: { desc: string; service: Service }[] = [
    {
      desc: 'External name with selector and ports should not receive endpoint slices',
      service: {
        metadata: { name: serviceName, namespace },
        spec: { selector: { foo: 'bar' }, ports: [{ port: 80 }], type: 'ExternalName' },
      },
    },
    {
      desc: 'External name with ports should not receive endpoint slices',
      service: {
        metadata: { name: serviceName, namespace },
        spec: { ports: [{ port: 80 }], type: 'ExternalName' },
      },
    },
    {
      desc: 'External name with selector should not receive endpoint slices',
      service: {
        metadata: { name: serviceName, namespace },
        spec: { selector: { foo: 'bar' }, type: 'ExternalName' },
      },
    },
    {
      desc: 'External name without selector and ports should not receive endpoint slices',
      service: {
        metadata: { name: serviceName, namespace },
        spec: { type: 'ExternalName' },
      },
    },
  ];

  for (const tc of testCases) {
    test(tc.desc, () => {
      const api = new FakeSliceApi();
      const pod = newPod(1, namespace, true, 0, false);

      const result = syncService(tc.service, [pod], nodes, api.list(), defaultOptions);
      api.apply(result.actions);
      expect(result.errors).toEqual([]);
      expect(api.actions).toEqual([]);
      expect(api.list()).toHaveLength(0);
    });
  }
});

// Ensure SyncService for service with pending deletion results in no action
test('TestSyncServicePendingDeletion', () => {
  const ns = NAMESPACE_DEFAULT;
  const serviceName = 'testing-1';
  const api = new FakeSliceApi();
  const service: Service = {
    metadata: { name: serviceName, namespace: ns, deletionTimestamp: CREATION_TIMESTAMP },
    spec: { selector: { foo: 'bar' }, ports: [{ port: 0, targetPort: 80 }] },
  };

  const result = syncService(service, [], nodes, api.list(), defaultOptions);
  api.apply(result.actions);
  expect(result.errors).toEqual([]);
  expect(api.actions).toEqual([]);
});

// Ensure SyncService for service with selector but no pods results in placeholder EndpointSlice
test('TestSyncServiceWithSelector', () => {
  const ns = NAMESPACE_DEFAULT;
  const serviceName = 'testing-1';
  const api = new FakeSliceApi();
  standardSyncService(api, [], ns, serviceName);
  expectActions(api, 1, 'create');

  const sliceList = api.list();
  expect(sliceList).toHaveLength(1);
  const slice = sliceList[0] as EndpointSlice;
  expect(slice.metadata.name).toMatch(new RegExp(`^${serviceName}`));
  expect(slice.metadata.labels?.[LABEL_SERVICE_NAME]).toBe(serviceName);
  expect(slice.ports).toEqual([]);
  expect(slice.endpoints).toEqual([]);
  expect(slice.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]).toBeTruthy();
});

// Ensure SyncService correctly selects Pods.
test('TestSyncServicePodSelection', () => {
  const api = new FakeSliceApi();
  const ns = NAMESPACE_DEFAULT;

  const pod1 = newPod(1, ns, true, 0, false);
  // ensure this pod will not match the selector
  const basePod2 = newPod(2, ns, true, 0, false);
  const pod2: Pod = {
    ...basePod2,
    metadata: { ...basePod2.metadata, labels: { ...basePod2.metadata.labels, foo: 'boo' } },
  };

  standardSyncService(api, [pod1, pod2], ns, 'testing-1');
  expectActions(api, 1, 'create');

  // an endpoint slice should be created, it should only reference pod1 (not pod2)
  const slices = api.list();
  expect(slices).toHaveLength(1);
  const slice = slices[0] as EndpointSlice;
  expect(slice.endpoints).toHaveLength(1);
  expect(slice.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]).toBeTruthy();
  const endpoint = slice.endpoints?.[0];
  expect(endpoint?.targetRef).toStrictEqual({
    kind: 'Pod',
    namespace: ns,
    name: pod1.metadata.name,
  });
});

test('TestSyncServiceEndpointSlicePendingDeletion', () => {
  const api = new FakeSliceApi();
  const ns = NAMESPACE_DEFAULT;
  const serviceName = 'testing-1';
  const service = createService(ns, serviceName);
  const first = syncService(service, [], nodes, api.list(), optionsFor(service));
  api.apply(first.actions);
  expect(first.errors).toEqual([]);

  const ownerRef = controllerRefOf(service);
  const endpointSlice: EndpointSlice = {
    metadata: {
      name: 'epSlice-1',
      namespace: ns,
      ownerReferences: [ownerRef],
      labels: { [LABEL_SERVICE_NAME]: serviceName, [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      deletionTimestamp: CREATION_TIMESTAMP,
    },
    addressType: 'IPv4',
    endpoints: null,
  };
  // need to add it to both store and fake clientset
  const stored = new FakeSliceApi([...api.list(), endpointSlice]);

  const numActionsBefore = stored.actions.length;
  const second = syncService(service, [], nodes, stored.list(), optionsFor(service));
  stored.apply(second.actions);
  expect(second.errors).toEqual([]);

  // The EndpointSlice marked for deletion should be ignored by the controller, and thus
  // should not result in any action.
  expect(stored.actions.length - numActionsBefore).toBe(0);
});

// Ensure SyncService correctly selects and labels EndpointSlices.
test('TestSyncServiceEndpointSliceLabelSelection', () => {
  const ns = NAMESPACE_DEFAULT;
  const serviceName = 'testing-1';
  const service = createService(ns, serviceName);
  const ownerRef = controllerRefOf(service);

  // 5 slices, 3 with matching labels for our service
  const endpointSlices: EndpointSlice[] = [
    {
      metadata: {
        name: 'matching-1',
        namespace: ns,
        ownerReferences: [ownerRef],
        labels: { [LABEL_SERVICE_NAME]: serviceName, [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      },
      addressType: 'IPv4',
      endpoints: null,
    },
    {
      metadata: {
        name: 'matching-2',
        namespace: ns,
        ownerReferences: [ownerRef],
        labels: { [LABEL_SERVICE_NAME]: serviceName, [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      },
      addressType: 'IPv4',
      endpoints: null,
    },
    {
      metadata: {
        name: 'partially-matching-1',
        namespace: ns,
        labels: { [LABEL_SERVICE_NAME]: serviceName },
      },
      addressType: 'IPv4',
      endpoints: null,
    },
    {
      metadata: {
        name: 'not-matching-1',
        namespace: ns,
        labels: { [LABEL_SERVICE_NAME]: 'something-else', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      },
      addressType: 'IPv4',
      endpoints: null,
    },
    {
      metadata: {
        name: 'not-matching-2',
        namespace: ns,
        labels: { [LABEL_SERVICE_NAME]: serviceName, [LABEL_MANAGED_BY]: 'something-else' },
      },
      addressType: 'IPv4',
      endpoints: null,
    },
  ];

  // cacheMutationCheck
  const deepCopies = structuredClone(endpointSlices);

  // need to add them to both store and fake clientset
  const api = new FakeSliceApi(endpointSlices);

  const numActionsBefore = api.actions.length;
  const result = syncService(service, [], nodes, api.list(), optionsFor(service));
  api.apply(result.actions);
  expect(result.errors).toEqual([]);

  expect(api.actions.length - numActionsBefore).toBe(2);

  // only 2 slices should match, 2 should be deleted, 1 should be updated as a placeholder
  expect(api.actions[numActionsBefore]?.verb).toBe('update');
  expect(api.actions[numActionsBefore + 1]?.verb).toBe('delete');

  // ensure cache mutation has not occurred
  expect(endpointSlices).toStrictEqual(deepCopies);
});

describe('TestSyncService', () => {
  const creationTimestamp = CREATION_TIMESTAMP;
  const deletionTimestamp = '2024-05-01T12:30:00Z';

  const threePorts = {
    ports: [
      { name: 'tcp-example', port: 0, targetPort: 80, protocol: 'TCP' as const },
      { name: 'udp-example', port: 0, targetPort: 161, protocol: 'UDP' as const },
      { name: 'sctp-example', port: 0, targetPort: 3456, protocol: 'SCTP' as const },
    ],
    selector: { foo: 'bar' },
  };
  const serviceWith = (family: 'IPv4' | 'IPv6'): Service => ({
    metadata: { name: 'foobar', namespace: 'default', creationTimestamp },
    spec: { ...threePorts, ipFamilies: [family] },
  });

  const pod = (
    name: string,
    podIPs: string[],
    conditions: { type: string; status: string }[],
    terminating = false,
  ): Pod => ({
    metadata: {
      namespace: 'default',
      name,
      labels: { foo: 'bar' },
      ...(terminating && { deletionTimestamp }),
    },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: {
      ...(podIPs[0] !== undefined && { podIP: podIPs[0] }),
      podIPs: podIPs.map((ip) => ({ ip })),
      conditions,
    },
  });
  const ready = [{ type: 'Ready', status: 'True' }];
  const notReady = [{ type: 'Ready', status: 'False' }];
  const readyFull = [
    { type: 'Initialized', status: 'True' },
    { type: 'Ready', status: 'True' },
    { type: 'ContainersReady', status: 'True' },
  ];
  const notReadyFull = [
    { type: 'Initialized', status: 'True' },
    { type: 'Ready', status: 'False' },
    { type: 'ContainersReady', status: 'False' },
  ];

  const expectedEndpointPorts: EndpointPort[] = [
    { name: 'sctp-example', protocol: 'SCTP', port: 3456 },
    { name: 'udp-example', protocol: 'UDP', port: 161 },
    { name: 'tcp-example', protocol: 'TCP', port: 80 },
  ];
  const endpoint = (
    name: string,
    address: string,
    conditions: { ready: boolean; serving: boolean; terminating: boolean },
  ): Endpoint => ({
    conditions,
    addresses: [address],
    targetRef: { kind: 'Pod', namespace: 'default', name },
    nodeName: 'node-1',
  });
  const readyEp = { ready: true, serving: true, terminating: false };

  const testcases: {
    name: string;
    service: Service;
    pods: Pod[];
    expectedEndpointPorts: EndpointPort[];
    expectedEndpoints: Endpoint[];
  }[] = [
    {
      name: 'pods with multiple IPs and Service with ipFamilies=ipv4',
      service: serviceWith('IPv4'),
      pods: [
        pod('pod0', ['10.0.0.1'], ready),
        pod('pod1', ['10.0.0.2', 'fd08::5678:0000:0000:9abc:def0'], ready),
      ],
      expectedEndpointPorts,
      expectedEndpoints: [
        endpoint('pod0', '10.0.0.1', readyEp),
        endpoint('pod1', '10.0.0.2', readyEp),
      ],
    },
    {
      name: 'pods with multiple IPs and Service with ipFamilies=ipv6',
      service: serviceWith('IPv6'),
      pods: [
        pod('pod0', ['10.0.0.1'], ready),
        pod('pod1', ['10.0.0.2', 'fd08::5678:0000:0000:9abc:def0'], ready),
      ],
      expectedEndpointPorts,
      // upstream's expectation predates kubernetes#130101, which made the controller write
      // canonical IPs (ParseIPSloppy + String); "fd08::5678:0000:0000:9abc:def0" is written as
      // "fd08::5678:0:0:9abc:def0" since 1.33.
      expectedEndpoints: [endpoint('pod1', 'fd08::5678:0:0:9abc:def0', readyEp)],
    },
    {
      name: 'Terminating pods',
      service: serviceWith('IPv4'),
      pods: [
        // one ready pod for comparison
        pod('pod0', ['10.0.0.1'], ready),
        pod('pod1', ['10.0.0.2'], ready, true),
      ],
      expectedEndpointPorts,
      expectedEndpoints: [
        endpoint('pod0', '10.0.0.1', readyEp),
        endpoint('pod1', '10.0.0.2', { ready: false, serving: true, terminating: true }),
      ],
    },
    {
      name: 'Not ready terminating pods',
      service: serviceWith('IPv4'),
      pods: [
        // one ready pod for comparison
        pod('pod0', ['10.0.0.1'], ready),
        pod('pod1', ['10.0.0.2'], notReady, true),
      ],
      expectedEndpointPorts,
      expectedEndpoints: [
        endpoint('pod0', '10.0.0.1', readyEp),
        endpoint('pod1', '10.0.0.2', { ready: false, serving: false, terminating: true }),
      ],
    },
    {
      name: 'Ready and Complete pods with same IPs',
      service: serviceWith('IPv4'),
      pods: [pod('pod0', ['10.0.0.1'], readyFull), pod('pod1', ['10.0.0.1'], notReadyFull)],
      expectedEndpointPorts,
      expectedEndpoints: [
        endpoint('pod0', '10.0.0.1', readyEp),
        endpoint('pod1', '10.0.0.1', { ready: false, serving: false, terminating: false }),
      ],
    },
    {
      // Any client reading EndpointSlices already has to handle deduplicating endpoints by IP address.
      // If 2 pods are ready, something has gone wrong further up the stack, we shouldn't try to hide that.
      name: 'Two Ready pods with same IPs',
      service: serviceWith('IPv4'),
      pods: [pod('pod0', ['10.0.0.1'], readyFull), pod('pod1', ['10.0.0.1'], readyFull)],
      expectedEndpointPorts,
      expectedEndpoints: [
        endpoint('pod0', '10.0.0.1', readyEp),
        endpoint('pod1', '10.0.0.1', readyEp),
      ],
    },
  ];

  /** JSON text with object keys sorted, so equal values give equal text. */
  const canonicalJson = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    );
  /** assert.ElementsMatch: the same elements, in any order. */
  const sortedByJson = <T>(items: readonly T[] | null | undefined): T[] =>
    [...(items ?? [])].sort((a, b) => {
      const ja = canonicalJson(a);
      const jb = canonicalJson(b);
      return ja < jb ? -1 : ja > jb ? 1 : 0;
    });

  for (const testcase of testcases) {
    test(testcase.name, () => {
      const api = new FakeSliceApi();

      const result = syncService(
        testcase.service,
        testcase.pods,
        nodes,
        api.list(),
        optionsFor(testcase.service),
      );
      api.apply(result.actions);
      expect(result.errors).toEqual([]);

      // last action should be to create endpoint slice
      expectActions(api, 1, 'create');
      const sliceList = api.list();
      expect(sliceList).toHaveLength(1);

      // ensure all attributes of endpoint slice match expected state
      const slice = sliceList[0] as EndpointSlice;
      expect(slice.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]).toBe(creationTimestamp);
      expect(sortedByJson(slice.ports)).toStrictEqual(sortedByJson(testcase.expectedEndpointPorts));
      expect(sortedByJson(slice.endpoints)).toStrictEqual(sortedByJson(testcase.expectedEndpoints));
    });
  }
});

/**
 * upstream's dropEndpointSlicesPendingDeletion is part of isListedSliceOf here, which also applies
 * the label selector syncService lists slices with; the slices therefore carry the Service's
 * labels, which upstream's unlabelled slices do not need.
 */
test('Test_dropEndpointSlicesPendingDeletion', () => {
  const now = CREATION_TIMESTAMP;
  const service = createService(NAMESPACE_DEFAULT, 'testing-1');
  const labels = { [LABEL_SERVICE_NAME]: 'testing-1', [LABEL_MANAGED_BY]: CONTROLLER_NAME };
  const endpointSlices: EndpointSlice[] = [
    {
      metadata: { name: 'epSlice1', namespace: NAMESPACE_DEFAULT, labels, deletionTimestamp: now },
      addressType: 'IPv4',
      endpoints: null,
    },
    {
      metadata: { name: 'epSlice2', namespace: NAMESPACE_DEFAULT, labels },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.18.0.2'] }],
    },
    {
      metadata: { name: 'epSlice3', namespace: NAMESPACE_DEFAULT, labels },
      addressType: 'IPv6',
      endpoints: [{ addresses: ['3001:0da8:75a3:0000:0000:8a2e:0370:7334'] }],
    },
  ];
  const epSlice2 = structuredClone(endpointSlices[1]);
  const epSlice3 = structuredClone(endpointSlices[2]);

  const result = endpointSlices.filter((slice) => isListedSliceOf(slice, service));

  expect(result).toHaveLength(2);
  for (const epSlice of result) {
    expect(epSlice.metadata.name).not.toBe('epSlice1');
  }
  expect(result[0]).toStrictEqual(epSlice2);
  expect(result[1]).toStrictEqual(epSlice3);
});
