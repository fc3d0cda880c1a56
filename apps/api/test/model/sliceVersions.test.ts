import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '@slicescope/core';
import { project } from '../../src/model/project.ts';

describe('EndpointSlices of every served version come out in one shape', () => {
  it('v1beta1: the topology map gives zone and nodeName (no zone field before 1.21)', () => {
    const slice = project('EndpointSlice', {
      apiVersion: 'discovery.k8s.io/v1beta1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'web-abc',
        namespace: 'shop',
        labels: { 'kubernetes.io/service-name': 'web' },
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.1'],
          conditions: { ready: true },
          topology: { 'topology.kubernetes.io/zone': 'a', 'kubernetes.io/hostname': 'node-1' },
          hints: { forZones: [{ name: 'a' }] },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    expect(slice).toMatchObject({
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.1'],
          conditions: { ready: true },
          nodeName: 'node-1',
          zone: 'a',
          hints: { forZones: [{ name: 'a' }] },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  });

  it('v1alpha1: addressType IP becomes the family of the addresses', () => {
    const of = (address: string) =>
      project('EndpointSlice', {
        metadata: { name: 's', namespace: 'n' },
        addressType: 'IP',
        endpoints: [{ addresses: [address], conditions: { ready: false } }],
      });
    expect(of('10.1.2.3')).toMatchObject({ addressType: 'IPv4' });
    expect(of('fd00::1')).toMatchObject({ addressType: 'IPv6' });
  });

  it('v1: zone and nodeName win over deprecatedTopology', () => {
    const slice = project('EndpointSlice', {
      metadata: { name: 's', namespace: 'n' },
      addressType: 'IPv6',
      endpoints: [
        {
          addresses: ['fd00::1'],
          zone: 'b',
          nodeName: 'node-2',
          deprecatedTopology: { 'topology.kubernetes.io/zone': 'old' },
        },
      ],
    });
    expect((slice as EndpointSlice).endpoints?.[0]).toMatchObject({
      zone: 'b',
      nodeName: 'node-2',
    });
  });
});

describe('projection keeps what is drawn or analysed and drops the rest', () => {
  it('a Pod keeps labels, IPs, node, phase, Ready, ports and deletion; loses env and managedFields', () => {
    const pod = project('Pod', {
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        uid: 'u1',
        resourceVersion: '7',
        labels: { app: 'web' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":1}' },
        managedFields: [{ manager: 'kubectl' }],
        deletionTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          {
            name: 'app',
            env: [{ name: 'PASSWORD', value: 'hunter2' }],
            ports: [{ name: 'http', containerPort: 8080 }],
          },
          { name: 'logger', command: ['tail'] },
        ],
        initContainers: [
          { name: 'setup', ports: [{ containerPort: 1 }] },
          {
            name: 'proxy',
            restartPolicy: 'Always',
            ports: [{ name: 'metrics', containerPort: 9090 }],
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }],
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: 'x' },
          { type: 'PodScheduled', status: 'True' },
        ],
        containerStatuses: [{ name: 'app', image: 'registry/secret-image' }],
      },
    });
    expect(pod).toEqual({
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        uid: 'u1',
        resourceVersion: '7',
        labels: { app: 'web' },
        deletionTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: {
        nodeName: 'node-1',
        containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }],
        initContainers: [
          {
            name: 'proxy',
            restartPolicy: 'Always',
            ports: [{ name: 'metrics', containerPort: 9090 }],
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    expect(JSON.stringify(pod)).not.toMatch(/hunter2|secret|managedFields/);
  });

  it('a Service keeps its spec fields and only the topology annotations', () => {
    const service = project('Service', {
      metadata: {
        name: 'web',
        namespace: 'shop',
        annotations: { 'service.kubernetes.io/topology-mode': 'Auto', other: 'x' },
      },
      spec: {
        selector: { app: 'web' },
        ports: [{ port: 80 }],
        clusterIP: '10.96.0.1',
        sessionAffinity: 'None',
      },
      status: { loadBalancer: {} },
    });
    expect(service).toEqual({
      metadata: {
        name: 'web',
        namespace: 'shop',
        annotations: { 'service.kubernetes.io/topology-mode': 'Auto' },
      },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }], clusterIP: '10.96.0.1' },
    });
  });

  it('a Node keeps its labels, allocatable CPU, Ready and unschedulable', () => {
    const node = project('Node', {
      metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } },
      spec: { unschedulable: true, podCIDR: '10.0.0.0/24' },
      status: {
        allocatable: { cpu: '4', memory: '16Gi' },
        conditions: [{ type: 'Ready', status: 'False', message: 'kubelet stopped' }],
        images: [{ names: ['big'] }],
      },
    });
    expect(node).toEqual({
      metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } },
      spec: { unschedulable: true },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'False' }] },
    });
  });
});
