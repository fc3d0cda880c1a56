/**
 * Port of kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller_test.go: the tests
 * whose subject is what one syncService computes, under upstream's names.
 *
 * How upstream's harness maps here: the informer stores are the arguments of
 * syncServiceEndpoints; the request the fake HTTP server records (ValidateRequest) is the returned
 * action, `PUT` an update and `POST` a create; ValidateRequestCount(0) is no action. Upstream
 * request bodies are encoded with kind and apiVersion, as the returned objects carry them. A
 * created object also carries the Service's namespace here (upstream leaves it to the URL).
 * The trigger time upstream's tracker computes (the Service's creationTimestamp, as no Pod has a
 * Ready lastTransitionTime) is passed as `triggerTime`.
 *
 * Skipped, as they test informers, queues, batching or the stale-cache tracker, none of which a
 * single sync models: TestCheckLeftoverEndpoints, TestWaitsForAllInformersToBeSynced2,
 * TestPodUpdatesBatching, TestPodAddsBatching, TestPodDeleteBatching, TestMultipleServiceChanges,
 * TestMultiplePodChanges, TestEndpointsDeletionEvents.
 */
import { describe, expect, test } from 'vitest';
import type { Service } from '../src/model/kubernetes.ts';
import type { Endpoints, EndpointSubset } from '../src/model/endpoints.ts';
import { ANNOTATION_TRIGGER_TIME } from '../src/model/constants.ts';
import { syncServiceEndpoints } from '../src/legacy/endpointsController.ts';
import {
  NAMESPACE_DEFAULT,
  addNotReadyPodsWithSpecifiedRestartPolicyAndPhase,
  addPods,
  body,
  existingEndpoints,
  expectPost,
  expectPut,
  headlessLabel,
  ipv4ipv6,
  ipv4only,
  podAddress,
  serviceFoo,
  testPod,
} from './builders/legacyFixtures.ts';

const triggerTimeString = '2018-01-01T00:00:00Z';
const oldTriggerTimeString = '2017-12-31T23:00:00Z';

test('TestSyncEndpointsItemsPreserveNoSelector', () => {
  const ns = NAMESPACE_DEFAULT;
  const existing = existingEndpoints(ns, [
    { addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] },
  ]);
  const service = serviceFoo(ns, { ports: [{ port: 80 }] });
  expect(syncServiceEndpoints(service, [], existing)).toBeUndefined();
});

test('TestSyncEndpointsExistingNilSubsets', () => {
  const ns = NAMESPACE_DEFAULT;
  const service = serviceFoo(ns, { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
  expect(syncServiceEndpoints(service, [], existingEndpoints(ns, null))).toBeUndefined();
});

test('TestSyncEndpointsExistingEmptySubsets', () => {
  const ns = NAMESPACE_DEFAULT;
  const service = serviceFoo(ns, { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
  expect(syncServiceEndpoints(service, [], existingEndpoints(ns, []))).toBeUndefined();
});

test('TestSyncEndpointsWithPodResourceVersionUpdateOnly', () => {
  const ns = NAMESPACE_DEFAULT;
  const pod0 = testPod(ns, 0, 1, true, ipv4only);
  const pod1 = testPod(ns, 1, 1, false, ipv4only);
  const existing = existingEndpoints(ns, [
    {
      addresses: [
        {
          ip: '1.2.3.4',
          nodeName: '',
          targetRef: { kind: 'Pod', name: 'pod0', namespace: ns, resourceVersion: '1' },
        },
      ],
      notReadyAddresses: [
        {
          ip: '1.2.3.5',
          nodeName: '',
          targetRef: { kind: 'Pod', name: 'pod1', namespace: ns, resourceVersion: '2' },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    },
  ]);
  const service = serviceFoo(ns, {
    selector: { foo: 'bar' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  pod0.metadata.resourceVersion = '3';
  pod1.metadata.resourceVersion = '4';
  expect(syncServiceEndpoints(service, [pod0, pod1], existing)).toBeUndefined();
});

test('TestSyncEndpointsNewNoSubsets', () => {
  const ns = NAMESPACE_DEFAULT;
  const service = serviceFoo(ns, { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
  expectPost(
    syncServiceEndpoints(service, [], undefined),
    body({ name: 'foo', namespace: ns, labels: headlessLabel }),
  );
});

describe.each(['TCP', 'UDP', 'SCTP'] as const)('TestSyncEndpointsProtocol%s', (protocol) => {
  test('the port keeps the Service port protocol', () => {
    const ns = 'other';
    const existing = existingEndpoints(ns, [
      { addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol }] },
    ]);
    const service = serviceFoo(ns, {
      selector: {},
      ports: [{ port: 80, targetPort: 8080, protocol }],
    });
    expectPut(
      syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing),
      body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
        {
          addresses: [podAddress('1.2.3.4', 'pod0', ns)],
          ports: [{ port: 8080, protocol }],
        },
      ]),
    );
  });
});

test('TestSyncEndpointsHeadlessServiceLabel', () => {
  const ns = NAMESPACE_DEFAULT;
  const existing = existingEndpoints(ns, [], { labels: headlessLabel });
  const service = serviceFoo(ns, { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
  expect(syncServiceEndpoints(service, [], existing)).toBeUndefined();
});

describe('TestSyncServiceExternalNameType', () => {
  const name = 'testing-1';
  const namespace = NAMESPACE_DEFAULT;
  const testCases: { desc: string; spec: Service['spec'] }[] = [
    {
      desc: 'External name with selector and ports should not receive endpoints',
      spec: { selector: { foo: 'bar' }, ports: [{ port: 80 }], type: 'ExternalName' },
    },
    {
      desc: 'External name with ports should not receive endpoints',
      spec: { ports: [{ port: 80 }], type: 'ExternalName' },
    },
    {
      desc: 'External name with selector should not receive endpoints',
      spec: { selector: { foo: 'bar' }, type: 'ExternalName' },
    },
    {
      desc: 'External name without selector and ports should not receive endpoints',
      spec: { type: 'ExternalName' },
    },
  ];
  test.each(testCases)('$desc', ({ spec }) => {
    const service: Service = { metadata: { name, namespace }, spec };
    expect(syncServiceEndpoints(service, addPods(namespace, 1, 1, 0, ipv4only), undefined)).toBe(
      undefined,
    );
  });
});

test('TestSyncEndpointsItemsEmptySelectorSelectsAll', () => {
  const ns = 'other';
  const service = serviceFoo(ns, {
    selector: {},
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existingEndpoints(ns, [])),
    body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
      { addresses: [podAddress('1.2.3.4', 'pod0', ns)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]),
  );
});

test('TestSyncEndpointsItemsEmptySelectorSelectsAllNotReady', () => {
  const ns = 'other';
  const service = serviceFoo(ns, {
    selector: {},
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 0, 1, 1, ipv4only), existingEndpoints(ns, [])),
    body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
      {
        notReadyAddresses: [podAddress('1.2.3.4', 'pod0', ns)],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]),
  );
});

test('TestSyncEndpointsItemsEmptySelectorSelectsAllMixed', () => {
  const ns = 'other';
  const service = serviceFoo(ns, {
    selector: {},
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 1, ipv4only), existingEndpoints(ns, [])),
    body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
      {
        addresses: [podAddress('1.2.3.4', 'pod0', ns)],
        notReadyAddresses: [podAddress('1.2.3.5', 'pod1', ns)],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]),
  );
});

test('TestSyncEndpointsItemsPreexisting', () => {
  const ns = 'bar';
  const existing = existingEndpoints(ns, [
    { addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] },
  ]);
  const service = serviceFoo(ns, {
    selector: { foo: 'bar' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing),
    body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
      { addresses: [podAddress('1.2.3.4', 'pod0', ns)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]),
  );
});

test('TestSyncEndpointsItemsPreexistingIdentical', () => {
  const ns = NAMESPACE_DEFAULT;
  const existing = existingEndpoints(ns, [
    { addresses: [podAddress('1.2.3.4', 'pod0', ns)], ports: [{ port: 8080, protocol: 'TCP' }] },
  ]);
  const service = serviceFoo(ns, {
    selector: { foo: 'bar' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
  });
  expect(syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing)).toBeUndefined();
});

const twoPortSpec: Service['spec'] = {
  selector: { foo: 'bar' },
  ports: [
    { name: 'port0', port: 80, protocol: 'TCP', targetPort: 8080 },
    { name: 'port1', port: 88, protocol: 'TCP', targetPort: 8088 },
  ],
};

function threePodSubsets(ns: string): EndpointSubset[] {
  return [
    {
      addresses: [
        podAddress('1.2.3.4', 'pod0', ns),
        podAddress('1.2.3.5', 'pod1', ns),
        podAddress('1.2.3.6', 'pod2', ns),
      ],
      ports: [
        { name: 'port0', port: 8080, protocol: 'TCP' },
        { name: 'port1', port: 8088, protocol: 'TCP' },
      ],
    },
  ];
}

test('TestSyncEndpointsItems', () => {
  const ns = 'other';
  const pods = [
    ...addPods(ns, 3, 2, 0, ipv4only),
    ...addPods('blah', 5, 2, 0, ipv4only), // make sure these aren't found!
  ];
  expectPost(
    syncServiceEndpoints(serviceFoo(ns, twoPortSpec), pods, undefined),
    body({ name: 'foo', namespace: ns, labels: headlessLabel }, threePodSubsets(ns)),
  );
});

test('TestSyncEndpointsItemsWithLabels', () => {
  const ns = 'other';
  const service = serviceFoo(ns, twoPortSpec, { foo: 'bar' });
  expectPost(
    syncServiceEndpoints(service, addPods(ns, 3, 2, 0, ipv4only), undefined),
    body(
      { name: 'foo', namespace: ns, labels: { foo: 'bar', ...headlessLabel } },
      threePodSubsets(ns),
    ),
  );
});

test('TestSyncEndpointsItemsPreexistingLabelsChange', () => {
  const ns = 'bar';
  const existing = existingEndpoints(
    ns,
    [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }],
    { labels: { foo: 'bar' } },
  );
  const service = serviceFoo(
    ns,
    { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
    { baz: 'blah' },
  );
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing),
    body(
      {
        name: 'foo',
        namespace: ns,
        resourceVersion: '1',
        labels: { baz: 'blah', ...headlessLabel },
      },
      [
        {
          addresses: [podAddress('1.2.3.4', 'pod0', ns)],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    ),
  );
});

test('TestSyncEndpointsHeadlessService', () => {
  const ns = 'headless';
  const existing = existingEndpoints(ns, [
    { addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol: 'TCP' }] },
  ]);
  const service = serviceFoo(ns, { selector: {}, clusterIP: 'None', ports: [] }, { a: 'b' });
  const originalService = structuredClone(service);
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing),
    body(
      { name: 'foo', namespace: ns, resourceVersion: '1', labels: { a: 'b', ...headlessLabel } },
      [{ addresses: [podAddress('1.2.3.4', 'pod0', ns)] }],
    ),
  );
  // Syncing must not change the Service.
  expect(service).toEqual(originalService);
});

describe.each([
  [
    'TestSyncEndpointsItemsExcludeNotReadyPodsWithRestartPolicyNeverAndPhaseFailed',
    'Never',
    'Failed',
  ],
  [
    'TestSyncEndpointsItemsExcludeNotReadyPodsWithRestartPolicyNeverAndPhaseSucceeded',
    'Never',
    'Succeeded',
  ],
  [
    'TestSyncEndpointsItemsExcludeNotReadyPodsWithRestartPolicyOnFailureAndPhaseSucceeded',
    'OnFailure',
    'Succeeded',
  ],
])('%s', (_name, restartPolicy, phase) => {
  test('terminal Pods are left out', () => {
    const ns = 'other';
    const existing = existingEndpoints(ns, [], { labels: { foo: 'bar' } });
    const pods = addNotReadyPodsWithSpecifiedRestartPolicyAndPhase(ns, 1, 1, restartPolicy, phase);
    const service = serviceFoo(ns, {
      selector: { foo: 'bar' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    });
    expectPut(
      syncServiceEndpoints(service, pods, existing),
      body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }),
    );
  });
});

test('TestSyncEndpointsHeadlessWithoutPort', () => {
  const ns = NAMESPACE_DEFAULT;
  const service = serviceFoo(ns, { selector: { foo: 'bar' }, clusterIP: 'None', ports: null });
  expectPost(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), undefined),
    body({ name: 'foo', namespace: ns, labels: headlessLabel }, [
      { addresses: [podAddress('1.2.3.4', 'pod0', ns)] },
    ]),
  );
});

const existingWithOldAddress = (ns: string, annotations?: Record<string, string>) =>
  existingEndpoints(
    ns,
    [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol: 'TCP' }] }],
    annotations ? { annotations } : {},
  );

const triggerService = (ns: string): Service => ({
  metadata: { name: 'foo', namespace: ns, creationTimestamp: triggerTimeString },
  spec: { selector: {}, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
});

test('TestLastTriggerChangeTimeAnnotation', () => {
  const ns = 'other';
  expectPut(
    syncServiceEndpoints(
      triggerService(ns),
      addPods(ns, 1, 1, 0, ipv4only),
      existingWithOldAddress(ns),
      {
        triggerTime: triggerTimeString,
      },
    ),
    body(
      {
        name: 'foo',
        namespace: ns,
        resourceVersion: '1',
        labels: headlessLabel,
        annotations: { [ANNOTATION_TRIGGER_TIME]: triggerTimeString },
      },
      [
        {
          addresses: [podAddress('1.2.3.4', 'pod0', ns)],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    ),
  );
});

test('TestLastTriggerChangeTimeAnnotation_AnnotationOverridden', () => {
  const ns = 'other';
  const existing = existingWithOldAddress(ns, { [ANNOTATION_TRIGGER_TIME]: oldTriggerTimeString });
  expectPut(
    syncServiceEndpoints(triggerService(ns), addPods(ns, 1, 1, 0, ipv4only), existing, {
      triggerTime: triggerTimeString,
    }),
    body(
      {
        name: 'foo',
        namespace: ns,
        resourceVersion: '1',
        labels: headlessLabel,
        annotations: { [ANNOTATION_TRIGGER_TIME]: triggerTimeString },
      },
      [
        {
          addresses: [podAddress('1.2.3.4', 'pod0', ns)],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    ),
  );
});

test('TestLastTriggerChangeTimeAnnotation_AnnotationCleared', () => {
  const ns = 'other';
  const existing = existingWithOldAddress(ns, { [ANNOTATION_TRIGGER_TIME]: triggerTimeString });
  // Neither Pod nor Service has a trigger time: the annotation is cleared.
  const service = serviceFoo(ns, {
    selector: {},
    ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
  });
  expectPut(
    syncServiceEndpoints(service, addPods(ns, 1, 1, 0, ipv4only), existing),
    body({ name: 'foo', namespace: ns, resourceVersion: '1', labels: headlessLabel }, [
      { addresses: [podAddress('1.2.3.4', 'pod0', ns)], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]),
  );
});

test('TestSyncEndpointsServiceNotFound', () => {
  const existing: Endpoints = {
    metadata: { name: 'foo', namespace: NAMESPACE_DEFAULT, resourceVersion: '1' },
  };
  expect(syncServiceEndpoints(undefined, [], existing)).toEqual({ verb: 'delete', name: 'foo' });
});

describe('syncServiceEndpoints, beyond upstream', () => {
  const ns = 'other';

  test('a named target port resolving differently per Pod gives one subset per port number', () => {
    const pods = addPods(ns, 2, 0, 0, ipv4only);
    pods.forEach((pod, i) => {
      pod.spec = {
        ...pod.spec,
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8000 + i }] }],
      };
    });
    const service = serviceFoo(ns, {
      selector: { foo: 'bar' },
      clusterIP: '10.0.0.1',
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'http' }],
    });
    const action = syncServiceEndpoints(service, pods, undefined);
    expect(action?.verb === 'create' && action.endpoints.subsets).toEqual([
      {
        addresses: [podAddress('1.2.3.4', 'pod0', ns)],
        ports: [{ name: 'web', port: 8000, protocol: 'TCP' }],
      },
      {
        addresses: [podAddress('1.2.3.5', 'pod1', ns)],
        ports: [{ name: 'web', port: 8001, protocol: 'TCP' }],
      },
    ]);
    // A cluster IP: no headless label.
    expect(action?.verb === 'create' && action.endpoints.metadata.labels).toBeUndefined();
  });

  test('a Pod without the named port is left out of that port only', () => {
    const [withPort, without] = addPods(ns, 2, 1, 0, ipv4only);
    if (!withPort || !without) throw new Error('pods');
    without.spec = { ...without.spec, containers: [{ name: 'c' }] };
    const service = serviceFoo(ns, {
      selector: { foo: 'bar' },
      ports: [
        { name: 'named', port: 80, protocol: 'TCP', targetPort: 'port0' },
        { name: 'number', port: 81, protocol: 'TCP', targetPort: 9000 },
      ],
    });
    const action = syncServiceEndpoints(service, [withPort, without], undefined);
    expect(action?.verb === 'create' && action.endpoints.subsets).toEqual([
      {
        addresses: [podAddress('1.2.3.4', 'pod0', ns)],
        ports: [{ name: 'named', port: 8080, protocol: 'TCP' }],
      },
      {
        addresses: [podAddress('1.2.3.4', 'pod0', ns), podAddress('1.2.3.5', 'pod1', ns)],
        ports: [{ name: 'number', port: 9000, protocol: 'TCP' }],
      },
    ]);
  });

  test('hostname, nodeName and UID are published; only the primary family', () => {
    const [pod] = addPods(ns, 1, 1, 0, ipv4ipv6);
    if (!pod) throw new Error('pod');
    pod.metadata.uid = 'uid-0';
    pod.spec = { ...pod.spec, hostname: 'web-0', subdomain: 'foo', nodeName: 'node-1' };
    const service = serviceFoo(ns, {
      selector: { foo: 'bar' },
      clusterIP: 'None',
      ipFamilies: ['IPv6', 'IPv4'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
    });
    const action = syncServiceEndpoints(service, [pod], undefined);
    expect(action?.verb === 'create' && action.endpoints.subsets).toEqual([
      {
        addresses: [
          {
            ip: '2000::4',
            hostname: 'web-0',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: ns, name: 'pod0', uid: 'uid-0' },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  test('a second sync on the written object makes no call', () => {
    const service = serviceFoo(ns, twoPortSpec, { app: 'web' });
    const pods = addPods(ns, 3, 2, 2, ipv4only);
    const first = syncServiceEndpoints(service, pods, undefined, {
      triggerTime: triggerTimeString,
    });
    if (first?.verb !== 'create') throw new Error('expected a create');
    const stored = {
      ...first.endpoints,
      metadata: { ...first.endpoints.metadata, resourceVersion: '7' },
    };
    expect(syncServiceEndpoints(service, [...pods].reverse(), stored)).toBeUndefined();
  });

  test('a headless flip alone is not a change (upstream compares labels without it)', () => {
    const spec = { ...twoPortSpec, clusterIP: '10.0.0.1' };
    const pods = addPods(ns, 1, 2, 0, ipv4only);
    const first = syncServiceEndpoints(serviceFoo(ns, twoPortSpec), pods, undefined);
    if (first?.verb !== 'create') throw new Error('expected a create');
    const stored = {
      ...first.endpoints,
      metadata: { ...first.endpoints.metadata, resourceVersion: '1' },
    };
    expect(stored.metadata.labels).toEqual(headlessLabel);
    expect(syncServiceEndpoints(serviceFoo(ns, spec), pods, stored)).toBeUndefined();
  });

  test('an existing object without resourceVersion is created again, as upstream does', () => {
    const service = serviceFoo(ns, twoPortSpec);
    const pods = addPods(ns, 1, 2, 0, ipv4only);
    const first = syncServiceEndpoints(service, pods, undefined);
    if (first?.verb !== 'create') throw new Error('expected a create');
    expect(syncServiceEndpoints(service, pods, first.endpoints)?.verb).toBe('create');
  });

  test('an existing object in another subset and port order is equal', () => {
    const existing = existingEndpoints(ns, [
      {
        addresses: [podAddress('1.2.3.4', 'pod0', ns), podAddress('1.2.3.5', 'pod1', ns)],
        ports: [
          { name: 'port1', port: 8088, protocol: 'TCP' },
          { name: 'port0', port: 8080, protocol: 'TCP' },
        ],
      },
    ]);
    expect(
      syncServiceEndpoints(serviceFoo(ns, twoPortSpec), addPods(ns, 2, 2, 0, ipv4only), existing, {
        triggerTime: triggerTimeString,
      }),
    ).toBeUndefined();
  });
});
