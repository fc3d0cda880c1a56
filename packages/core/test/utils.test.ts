/**
 * Port of k8s.io/endpointslice utils_test.go (staging/src/k8s.io/endpointslice in
 * kubernetes/kubernetes). Test and case names are upstream's.
 *
 * Representation notes (not discrepancies):
 * - A Go nil pointer is an absent field here. Objects are compared in their JSON form, so an
 *   `omitempty` string field left empty (targetRef.uid of a Pod without a UID) is absent, while a
 *   pointer to "" (an EndpointPort name) is "".
 * - newEndpointSlice returns the slice in its JSON form, so it carries `kind` and `apiVersion`,
 *   which client-go adds when it serialises the typed object.
 * - Go's FindPort error is `undefined` here.
 *
 * Skipped: TestServiceControllerKey (ServiceControllerKey is not modelled by slicescope).
 */
import { describe, expect, test } from 'vitest';
import {
  CONTROLLER_NAME,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  ANNOTATION_TOPOLOGY_AWARE_HINTS,
  ANNOTATION_TOPOLOGY_MODE,
  getAddressTypesForService,
  type AddressType,
  type Container,
  type Endpoint,
  type EndpointPort,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
} from '../src/index.ts';
import { podToEndpoint } from '../src/controller/pods.ts';
import { findPort, getEndpointPorts } from '../src/controller/ports.ts';
import { setEndpointSliceLabels } from '../src/controller/labels.ts';
import { newEndpointSlice } from '../src/controller/slices.ts';
import { hintsEnabled } from '../src/topology/topologyMode.ts';
import { newPod, newServiceAndEndpointMeta, controllerRefOf } from './builders/index.ts';

describe('TestNewEndpointSlice', () => {
  const ipAddressType: AddressType = 'IPv4';
  const portName = 'foo';
  const endpointMeta: { ports: EndpointPort[]; addressType: AddressType } = {
    ports: [{ name: portName, protocol: 'TCP' }],
    addressType: ipAddressType,
  };
  const service: Service = {
    metadata: { name: 'foo', namespace: 'test' },
    spec: {
      clusterIP: '1.1.1.1',
      ports: [{ port: 80 }],
      selector: { foo: 'bar' },
    },
  };
  const ownerRef = controllerRefOf(service);

  const expectedSlice = (labels: Record<string, string>): EndpointSlice => ({
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      labels,
      generateName: `${service.metadata.name}-`,
      ownerReferences: [ownerRef],
      namespace: service.metadata.namespace ?? '',
    },
    ports: endpointMeta.ports,
    addressType: endpointMeta.addressType,
    endpoints: [],
  });

  const testCases: {
    name: string;
    updateSvc: (svc: Service) => Service;
    expectedSlice: EndpointSlice;
  }[] = [
    {
      name: 'Service without labels',
      updateSvc: (svc) => svc,
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
      }),
    },
    {
      name: 'Service with labels',
      updateSvc: (svc) => ({ ...svc, metadata: { ...svc.metadata, labels: { foo: 'bar' } } }),
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      }),
    },
    {
      name: 'Headless Service with labels',
      updateSvc: (svc) => ({
        ...svc,
        metadata: { ...svc.metadata, labels: { foo: 'bar' } },
        spec: { ...svc.spec, clusterIP: 'None' },
      }),
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
        foo: 'bar',
      }),
    },
    {
      name: 'Service with multiple labels',
      updateSvc: (svc) => ({
        ...svc,
        metadata: { ...svc.metadata, labels: { foo: 'bar', foo2: 'bar2' } },
      }),
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
        foo2: 'bar2',
      }),
    },
    {
      name: 'Evil service hijacking endpoint slices labels',
      updateSvc: (svc) => ({
        ...svc,
        metadata: {
          ...svc.metadata,
          labels: { [LABEL_SERVICE_NAME]: 'bad', [LABEL_MANAGED_BY]: 'actor', foo: 'bar' },
        },
      }),
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      }),
    },
    {
      name: 'Service with annotations',
      updateSvc: (svc) => ({ ...svc, metadata: { ...svc.metadata, annotations: { foo: 'bar' } } }),
      expectedSlice: expectedSlice({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
      }),
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const svc = tc.updateSvc(service);
      const generatedSlice = newEndpointSlice(svc, endpointMeta.ports, endpointMeta.addressType);
      expect(generatedSlice).toStrictEqual(tc.expectedSlice);
    });
  }
});

describe('TestPodToEndpoint', () => {
  const ns = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', ns);
  const { service: publishNotReady } = newServiceAndEndpointMeta('publishnotready', ns);
  const svcPublishNotReady: Service = {
    ...publishNotReady,
    spec: { ...publishNotReady.spec, publishNotReadyAddresses: true },
  };

  const readyPod = newPod(1, ns, true, 1, false);
  const readyTerminatingPod = newPod(1, ns, true, 1, true);
  const basePodHostname = newPod(1, ns, true, 1, false);
  const readyPodHostname: Pod = {
    ...basePodHostname,
    spec: {
      ...basePodHostname.spec,
      subdomain: svc.metadata.name ?? '',
      hostname: 'example-hostname',
    },
  };

  const unreadyPod = newPod(1, ns, false, 1, false);
  const unreadyTerminatingPod = newPod(1, ns, false, 1, true);
  const baseMultiIPPod = newPod(1, ns, true, 1, false);
  const multiIPPod: Pod = {
    ...baseMultiIPPod,
    status: {
      ...baseMultiIPPod.status,
      podIPs: [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }],
    },
  };

  const node1: Node = {
    metadata: {
      name: readyPod.spec?.nodeName ?? '',
      labels: {
        'topology.kubernetes.io/zone': 'us-central1-a',
        'topology.kubernetes.io/region': 'us-central1',
      },
    },
  };

  // ObjectReference's fields are omitempty: upstream's Pods have no UID, so none is written.
  const targetRefOf = (pod: Pod) => ({
    kind: 'Pod',
    namespace: ns,
    name: pod.metadata.name ?? '',
    ...(pod.metadata.uid && { uid: pod.metadata.uid }),
  });

  const testCases: {
    name: string;
    pod: Pod;
    node?: Node;
    svc: Service;
    expectedEndpoint: Endpoint;
  }[] = [
    {
      name: 'Ready pod',
      pod: readyPod,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Ready pod + publishNotReadyAddresses',
      pod: readyPod,
      svc: svcPublishNotReady,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Unready pod',
      pod: unreadyPod,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: false, serving: false, terminating: false },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Unready pod + publishNotReadyAddresses',
      pod: unreadyPod,
      svc: svcPublishNotReady,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: false, terminating: false },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Ready pod + node labels',
      pod: readyPod,
      node: node1,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        zone: 'us-central1-a',
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Multi IP Ready pod + node labels',
      pod: multiIPPod,
      node: node1,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.4'],
        conditions: { ready: true, serving: true, terminating: false },
        zone: 'us-central1-a',
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Ready pod + hostname',
      pod: readyPodHostname,
      node: node1,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        hostname: 'example-hostname',
        zone: 'us-central1-a',
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPodHostname),
      },
    },
    {
      // upstream lists "Ready pod" twice; the duplicate is kept.
      name: 'Ready pod',
      pod: readyPod,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Ready terminating pod',
      pod: readyTerminatingPod,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: false, serving: true, terminating: true },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
    {
      name: 'Not ready terminating pod',
      pod: unreadyTerminatingPod,
      svc,
      expectedEndpoint: {
        addresses: ['1.2.3.5'],
        conditions: { ready: false, serving: false, terminating: true },
        nodeName: 'node-1',
        targetRef: targetRefOf(readyPod),
      },
    },
  ];

  for (const testCase of testCases) {
    test(testCase.name, () => {
      const endpoint = podToEndpoint(testCase.pod, testCase.node, testCase.svc, 'IPv4');
      expect(endpoint).toStrictEqual(testCase.expectedEndpoint);
    });
  }
});

describe('TestGetEndpointPorts', () => {
  const testCases: Record<string, { service: Service; pod: Pod; expectedPorts: EndpointPort[] }> = {
    'service with AppProtocol on one port': {
      service: {
        metadata: {},
        spec: {
          ports: [
            {
              name: 'http',
              port: 80,
              targetPort: 80,
              protocol: 'TCP',
              appProtocol: 'example.com/custom-protocol',
            },
          ],
        },
      },
      pod: { metadata: {}, spec: { containers: [{ name: '', ports: [] }] } },
      expectedPorts: [
        { name: 'http', port: 80, protocol: 'TCP', appProtocol: 'example.com/custom-protocol' },
      ],
    },
    'service with named port and AppProtocol on one port': {
      service: {
        metadata: {},
        spec: {
          ports: [
            { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
            // upstream leaves Port unset (0).
            { name: 'https', port: 0, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
          ],
        },
      },
      pod: {
        metadata: {},
        spec: {
          containers: [
            { name: '', ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] },
          ],
        },
      },
      expectedPorts: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' },
      ],
    },
    'service with named port for restartable init container': {
      service: {
        metadata: {},
        spec: {
          ports: [
            { name: 'http-sidecar', port: 8080, targetPort: 8080, protocol: 'TCP' },
            { name: 'http', port: 8090, targetPort: 'http', protocol: 'TCP' },
          ],
        },
      },
      pod: {
        metadata: {},
        spec: {
          initContainers: [
            {
              name: '',
              ports: [{ name: 'http-sidecar', containerPort: 8080, protocol: 'TCP' }],
              restartPolicy: 'Always',
            },
          ],
          containers: [
            { name: '', ports: [{ name: 'http', containerPort: 8090, protocol: 'TCP' }] },
          ],
        },
      },
      expectedPorts: [
        { name: 'http-sidecar', port: 8080, protocol: 'TCP' },
        { name: 'http', port: 8090, protocol: 'TCP' },
      ],
    },
    'service with same named port for regular and restartable init container': {
      service: {
        metadata: {},
        spec: {
          ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        },
      },
      pod: {
        metadata: {},
        spec: {
          initContainers: [
            {
              name: '',
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              restartPolicy: 'Always',
            },
          ],
          containers: [
            { name: '', ports: [{ name: 'http', containerPort: 8090, protocol: 'TCP' }] },
          ],
        },
      },
      expectedPorts: [{ name: 'http', port: 8090, protocol: 'TCP' }],
    },
  };

  for (const [name, tc] of Object.entries(testCases)) {
    test(name, () => {
      const actualPorts = getEndpointPorts(tc.service, tc.pod);
      expect(actualPorts).toHaveLength(tc.expectedPorts.length);
      actualPorts.forEach((actualPort, i) => {
        expect(actualPort).toStrictEqual(tc.expectedPorts[i]);
      });
    });
  }
});

describe('TestSetEndpointSliceLabels', () => {
  const service: Service = {
    metadata: { name: 'foo', namespace: 'test' },
    spec: {
      ports: [{ port: 80 }],
      selector: { foo: 'bar' },
      clusterIP: '1.1.1.1',
    },
  };
  const withLabels = (svc: Service, labels: Record<string, string>): Service => ({
    ...svc,
    metadata: { ...svc.metadata, labels },
  });
  const headless = (svc: Service): Service => ({
    ...svc,
    spec: { ...svc.spec, clusterIP: 'None' },
  });
  const emptySlice: Pick<EndpointSlice, 'metadata'> = { metadata: {} };
  const sliceWithLabels = (labels: Record<string, string>): Pick<EndpointSlice, 'metadata'> => ({
    metadata: { labels },
  });

  const testCases: {
    name: string;
    epSlice: Pick<EndpointSlice, 'metadata'>;
    updateSvc: (svc: Service) => Service;
    expectedLabels: Record<string, string>;
    expectedUpdate: boolean;
  }[] = [
    {
      name: 'Service without labels and empty endpoint slice',
      epSlice: emptySlice,
      updateSvc: (svc) => svc,
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Headless service with labels and empty endpoint slice',
      epSlice: emptySlice,
      updateSvc: (svc) => withLabels(headless(svc), { foo: 'bar' }),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
        foo: 'bar',
      },
      expectedUpdate: true,
    },
    {
      name: 'Headless service without labels and empty endpoint slice',
      epSlice: emptySlice,
      updateSvc: (svc) => headless(svc),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
      },
      expectedUpdate: false,
    },
    {
      name: 'Non Headless service with Headless label and empty endpoint slice',
      epSlice: emptySlice,
      updateSvc: (svc) => withLabels(svc, { [LABEL_HEADLESS]: '' }),
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Headless Service change to ClusterIP Service with headless label',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
      }),
      updateSvc: (svc) => withLabels(svc, { [LABEL_HEADLESS]: '' }),
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Headless Service change to ClusterIP Service',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
      }),
      updateSvc: (svc) => svc,
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Headless service and endpoint slice with same labels',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      }),
      updateSvc: (svc) => withLabels(headless(svc), { foo: 'bar' }),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
        foo: 'bar',
      },
      expectedUpdate: false,
    },
    {
      name: 'Service with labels and empty endpoint slice',
      epSlice: emptySlice,
      updateSvc: (svc) => withLabels(svc, { foo: 'bar' }),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      },
      expectedUpdate: true,
    },
    {
      name: 'Slice with labels and service without labels',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      }),
      updateSvc: (svc) => svc,
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: true,
    },
    {
      name: 'Slice with headless label and service with ClusterIP',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_HEADLESS]: '',
      }),
      updateSvc: (svc) => svc,
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Slice with reserved labels and service with labels',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
      }),
      updateSvc: (svc) => withLabels(svc, { foo: 'bar' }),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      },
      expectedUpdate: true,
    },
    {
      name: 'Evil service trying to hijack slice labels only well-known slice labels',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
      }),
      updateSvc: (svc) =>
        withLabels(svc, {
          [LABEL_SERVICE_NAME]: 'bad',
          [LABEL_MANAGED_BY]: 'actor',
          [LABEL_HEADLESS]: 'invalid',
        }),
      expectedLabels: { [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: CONTROLLER_NAME },
      expectedUpdate: false,
    },
    {
      name: 'Evil service trying to hijack slice labels with updates',
      epSlice: sliceWithLabels({
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
      }),
      updateSvc: (svc) =>
        withLabels(svc, {
          [LABEL_SERVICE_NAME]: 'bad',
          [LABEL_MANAGED_BY]: 'actor',
          foo: 'bar',
        }),
      expectedLabels: {
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        foo: 'bar',
      },
      expectedUpdate: true,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const svc = tc.updateSvc(service);
      const { labels, changed } = setEndpointSliceLabels(tc.epSlice, svc);
      expect(changed).toBe(tc.expectedUpdate);
      expect(labels).toStrictEqual(tc.expectedLabels);
    });
  }
});

describe('setEndpointSliceLabels of one Service object, used again', () => {
  const { service: built } = newServiceAndEndpointMeta('foo', 'ns');
  const sliceWith = (labels: Record<string, string>): Pick<EndpointSlice, 'metadata'> => ({
    metadata: { labels },
  });

  test('a slice carrying the labels built for the Service is unchanged', () => {
    const service = { ...built, metadata: { ...built.metadata, labels: { app: 'web' } } };
    const { labels } = setEndpointSliceLabels(sliceWith({}), service);
    expect(setEndpointSliceLabels(sliceWith(labels), service)).toEqual({ labels, changed: false });
  });

  test('labels follow a Service edited in place: labels replaced or edited, clusterIP, name', () => {
    const service = structuredClone(built);
    service.metadata.labels = { app: 'web' };
    const first = setEndpointSliceLabels(sliceWith({}), service).labels;
    expect(first).toMatchObject({ app: 'web' });

    service.metadata.labels = { app: 'shop' };
    const replaced = setEndpointSliceLabels(sliceWith(first), service);
    expect(replaced.changed).toBe(true);
    expect(replaced.labels).toMatchObject({ app: 'shop' });

    service.metadata.labels.tier = 'front';
    const edited = setEndpointSliceLabels(sliceWith(replaced.labels), service);
    expect(edited.changed).toBe(true);
    expect(edited.labels).toMatchObject({ app: 'shop', tier: 'front' });

    service.metadata.labels.tier = 'back';
    expect(setEndpointSliceLabels(sliceWith({}), service).labels).toMatchObject({ tier: 'back' });

    delete service.metadata.labels.tier;
    expect(setEndpointSliceLabels(sliceWith({}), service).labels).not.toHaveProperty('tier');

    service.spec.clusterIP = 'None';
    expect(setEndpointSliceLabels(sliceWith({}), service).labels).toHaveProperty(LABEL_HEADLESS);

    service.metadata.name = 'bar';
    expect(setEndpointSliceLabels(sliceWith({}), service).labels[LABEL_SERVICE_NAME]).toBe('bar');
  });
});

describe('TestSupportedServiceAddressType', () => {
  const testCases: { name: string; service: Service; expectedAddressTypes: AddressType[] }[] = [
    {
      name: 'v4 service with no ip families (cluster upgrade)',
      expectedAddressTypes: ['IPv4'],
      service: { metadata: {}, spec: { clusterIP: '10.0.0.10', ipFamilies: null } },
    },
    {
      name: 'v6 service with no ip families (cluster upgrade)',
      expectedAddressTypes: ['IPv6'],
      service: { metadata: {}, spec: { clusterIP: '2000::1', ipFamilies: null } },
    },
    {
      name: 'v4 service',
      expectedAddressTypes: ['IPv4'],
      service: { metadata: {}, spec: { ipFamilies: ['IPv4'] } },
    },
    {
      name: 'v6 services',
      expectedAddressTypes: ['IPv6'],
      service: { metadata: {}, spec: { ipFamilies: ['IPv6'] } },
    },
    {
      name: 'v4,v6 service',
      expectedAddressTypes: ['IPv4', 'IPv6'],
      service: { metadata: {}, spec: { ipFamilies: ['IPv4', 'IPv6'] } },
    },
    {
      name: 'v6,v4 service',
      expectedAddressTypes: ['IPv6', 'IPv4'],
      service: { metadata: {}, spec: { ipFamilies: ['IPv6', 'IPv4'] } },
    },
    {
      name: 'headless with no selector and no families (old api-server)',
      expectedAddressTypes: ['IPv6', 'IPv4'],
      service: { metadata: {}, spec: { clusterIP: 'None', ipFamilies: null } },
    },
    {
      name: 'headless with selector and no families (old api-server)',
      expectedAddressTypes: ['IPv6', 'IPv4'],
      service: {
        metadata: {},
        spec: { selector: { foo: 'bar' }, clusterIP: 'None', ipFamilies: null },
      },
    },
    {
      name: 'headless with no selector with families',
      expectedAddressTypes: ['IPv4', 'IPv6'],
      service: { metadata: {}, spec: { clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] } },
    },
    {
      name: 'headless with selector with families',
      expectedAddressTypes: ['IPv4', 'IPv6'],
      service: {
        metadata: {},
        spec: { selector: { foo: 'bar' }, clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] },
      },
    },
  ];

  for (const testCase of testCases) {
    test(testCase.name, () => {
      const addressTypes = getAddressTypesForService(testCase.service);
      // upstream returns a set: compare count and membership, not order.
      expect(addressTypes).toHaveLength(testCase.expectedAddressTypes.length);
      for (const expectedAddressType of testCase.expectedAddressTypes) {
        expect(addressTypes).toContain(expectedAddressType);
      }
    });
  }
});

describe('Test_hintsEnabled', () => {
  const testCases: {
    name: string;
    annotations?: Record<string, string>;
    expectEnabled: boolean;
  }[] = [
    { name: 'empty annotations', expectEnabled: false },
    {
      name: 'different annotations',
      annotations: { 'topology-hints': 'enabled' },
      expectEnabled: false,
    },
    {
      name: 'hints annotation == enabled',
      annotations: { [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'enabled' },
      expectEnabled: false,
    },
    {
      name: 'hints annotation == aUto',
      annotations: { [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'aUto' },
      expectEnabled: false,
    },
    {
      name: 'hints annotation == auto',
      annotations: { [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'auto' },
      expectEnabled: true,
    },
    {
      name: 'hints annotation == Auto',
      annotations: { [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'Auto' },
      expectEnabled: true,
    },
    {
      name: 'hints annotation == disabled',
      annotations: { [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'disabled' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == enabled',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'enabled' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == aUto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'aUto' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == auto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'auto' },
      expectEnabled: true,
    },
    {
      name: 'mode annotation == Auto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'Auto' },
      expectEnabled: true,
    },
    {
      name: 'mode annotation == disabled',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'disabled' },
      expectEnabled: false,
    },
    // upstream repeats the next four cases verbatim; the duplicates are kept.
    {
      name: 'mode annotation == enabled',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'enabled' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == aUto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'aUto' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == auto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'auto' },
      expectEnabled: true,
    },
    {
      name: 'mode annotation == Auto',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'Auto' },
      expectEnabled: true,
    },
    {
      name: 'mode annotation == disabled',
      annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'disabled' },
      expectEnabled: false,
    },
    {
      name: 'mode annotation == disabled, hints annotation == auto',
      annotations: {
        [ANNOTATION_TOPOLOGY_MODE]: 'disabled',
        [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'auto',
      },
      expectEnabled: true,
    },
    {
      name: 'mode annotation == auto, hints annotation == disabled',
      annotations: {
        [ANNOTATION_TOPOLOGY_MODE]: 'auto',
        [ANNOTATION_TOPOLOGY_AWARE_HINTS]: 'disabled',
      },
      expectEnabled: false,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      // upstream's hintsEnabled takes the annotations; slicescope's takes the Service.
      const service: Service = {
        metadata: tc.annotations ? { annotations: tc.annotations } : {},
        spec: {},
      };
      expect(hintsEnabled(service)).toBe(tc.expectEnabled);
    });
  }
});

describe('TestFindPort', () => {
  const ctr = (ports?: Container['ports'], extra: Partial<Container> = {}): Container => ({
    name: '',
    ...(ports !== undefined && { ports }),
    ...extra,
  });

  const testCases: {
    name: string;
    containers?: Container[];
    initContainers?: Container[];
    port: number | string;
    expected: number;
    pass: boolean;
  }[] = [
    {
      name: 'valid int, no ports',
      containers: [ctr()],
      port: 93,
      expected: 93,
      pass: true,
    },
    {
      name: 'valid int, with ports',
      containers: [
        ctr([
          { name: '', containerPort: 11, protocol: 'TCP' },
          { name: 'p', containerPort: 22, protocol: 'TCP' },
        ]),
      ],
      port: 93,
      expected: 93,
      pass: true,
    },
    {
      name: 'valid str, no ports',
      containers: [ctr()],
      port: 'p',
      expected: 0,
      pass: false,
    },
    {
      name: 'valid str, one ctr with ports',
      containers: [
        ctr([
          { name: '', containerPort: 11, protocol: 'UDP' },
          { name: 'p', containerPort: 22, protocol: 'TCP' },
          { name: 'q', containerPort: 33, protocol: 'TCP' },
        ]),
      ],
      port: 'q',
      expected: 33,
      pass: true,
    },
    {
      name: 'valid str, two ctr with ports',
      containers: [
        ctr(),
        ctr([
          { name: '', containerPort: 11, protocol: 'UDP' },
          { name: 'p', containerPort: 22, protocol: 'TCP' },
          { name: 'q', containerPort: 33, protocol: 'TCP' },
        ]),
      ],
      port: 'q',
      expected: 33,
      pass: true,
    },
    {
      name: 'valid str, two ctr with same port',
      containers: [
        ctr(),
        ctr([
          { name: '', containerPort: 11, protocol: 'UDP' },
          { name: 'p', containerPort: 22, protocol: 'TCP' },
          { name: 'q', containerPort: 22, protocol: 'TCP' },
        ]),
      ],
      port: 'q',
      expected: 22,
      pass: true,
    },
    {
      name: 'valid str, invalid protocol',
      containers: [
        ctr(),
        // 'snmp' is not a Protocol; the cast keeps upstream's invalid input.
        ctr([{ name: 'a', containerPort: 11, protocol: 'snmp' as 'TCP' }]),
      ],
      port: 'a',
      expected: 0,
      pass: false,
    },
    {
      name: 'valid hostPort',
      containers: [ctr(), ctr([{ name: 'a', containerPort: 11, hostPort: 81, protocol: 'TCP' }])],
      port: 'a',
      expected: 11,
      pass: true,
    },
    {
      // this should fail but passes.
      name: 'invalid hostPort',
      containers: [ctr(), ctr([{ name: 'a', containerPort: 11, hostPort: -1, protocol: 'TCP' }])],
      port: 'a',
      expected: 11,
      pass: true,
    },
    {
      // this should fail but passes
      name: 'invalid ContainerPort',
      containers: [ctr(), ctr([{ name: 'a', containerPort: -1, protocol: 'TCP' }])],
      port: 'a',
      expected: -1,
      pass: true,
    },
    {
      name: 'HostIP Address',
      containers: [
        ctr(),
        ctr([{ name: 'a', containerPort: 11, hostIP: '192.168.1.1', protocol: 'TCP' }]),
      ],
      port: 'a',
      expected: 11,
      pass: true,
    },
    {
      name: 'Sidecar initContainer named port',
      initContainers: [
        ctr([{ name: 'a', containerPort: 80, hostPort: -1, protocol: 'TCP' }], {
          restartPolicy: 'Always',
        }),
      ],
      port: 'a',
      expected: 80,
      pass: true,
    },
    {
      name: 'Invalid(restartPolicy != Always) initContainer named port',
      initContainers: [ctr([{ name: 'a', containerPort: 80, hostPort: -1, protocol: 'TCP' }])],
      port: 'a',
      expected: 0,
      pass: false,
    },
    {
      name: 'App and sidecar containers have the same named port, first app container port will be used',
      initContainers: [
        ctr([{ name: 'a', containerPort: 80, hostPort: -1, protocol: 'TCP' }], {
          restartPolicy: 'Always',
        }),
      ],
      containers: [
        ctr([{ name: 'a', containerPort: 81, hostPort: -1, protocol: 'TCP' }]),
        ctr([{ name: 'a', containerPort: 82, hostPort: -1, protocol: 'TCP' }]),
      ],
      port: 'a',
      expected: 81,
      pass: true,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const pod: Pod = {
        metadata: {},
        spec: {
          ...(tc.containers && { containers: tc.containers }),
          ...(tc.initContainers && { initContainers: tc.initContainers }),
        },
      };
      // upstream's ServicePort has Port 0; Go's (0, err) is undefined here.
      const port = findPort(pod, { protocol: 'TCP', port: 0, targetPort: tc.port });
      expect(port).toBe(tc.pass ? tc.expected : undefined);
    });
  }
});
