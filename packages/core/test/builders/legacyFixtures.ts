/**
 * Builders named after the helpers of upstream endpoints_controller_test.go, shared by the ported
 * Endpoints controller tests.
 */
import { expect } from 'vitest';
import type { IPFamily, Pod, Service } from '../../src/model/kubernetes.ts';
import type { EndpointAddress, Endpoints, EndpointSubset } from '../../src/model/endpoints.ts';
import { LABEL_HEADLESS } from '../../src/model/constants.ts';
import type { EndpointsAction } from '../../src/legacy/endpointsController.ts';

export const NAMESPACE_DEFAULT = 'default';

export const ipv4only: IPFamily[] = ['IPv4'];
export const ipv6only: IPFamily[] = ['IPv6'];
export const ipv4ipv6: IPFamily[] = ['IPv4', 'IPv6'];
export const ipv6ipv4: IPFamily[] = ['IPv6', 'IPv4'];

/** upstream testPod: `pod<id>` labelled foo=bar, named container ports port<j> = 8080+j. */
export function testPod(
  namespace: string,
  id: number,
  nPorts: number,
  isReady: boolean,
  ipFamilies: readonly IPFamily[],
): Pod {
  const podIPs = ipFamilies.map((family) => ({
    ip: family === 'IPv4' ? `1.2.3.${4 + id}` : `2000::${4 + id}`,
  }));
  return {
    apiVersion: 'v1',
    metadata: {
      namespace,
      name: `pod${id}`,
      labels: { foo: 'bar' },
      resourceVersion: String(id),
    },
    spec: {
      containers: [
        {
          name: '',
          ports: Array.from({ length: nPorts }, (_, j) => ({
            name: `port${j}`,
            containerPort: 8080 + j,
          })),
        },
      ],
    },
    status: {
      conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False' }],
      podIPs,
      podIP: podIPs[0]?.ip ?? '',
    },
  };
}

/** upstream addPods: nPods ready Pods, then nNotReady not-ready ones. */
export function addPods(
  namespace: string,
  nPods: number,
  nPorts: number,
  nNotReady: number,
  ipFamilies: readonly IPFamily[],
): Pod[] {
  return Array.from({ length: nPods + nNotReady }, (_, i) =>
    testPod(namespace, i, nPorts, i < nPods, ipFamilies),
  );
}

/** upstream addNotReadyPodsWithSpecifiedRestartPolicyAndPhase (only `podIP`, no `podIPs`). */
export function addNotReadyPodsWithSpecifiedRestartPolicyAndPhase(
  namespace: string,
  nPods: number,
  nPorts: number,
  restartPolicy: string,
  phase: string,
): Pod[] {
  return Array.from({ length: nPods }, (_, i) => ({
    apiVersion: 'v1',
    metadata: { namespace, name: `pod${i}`, labels: { foo: 'bar' } },
    spec: {
      restartPolicy,
      containers: [
        {
          name: '',
          ports: Array.from({ length: nPorts }, (_, j) => ({
            name: `port${j}`,
            containerPort: 8080 + j,
          })),
        },
      ],
    },
    status: {
      podIP: `1.2.3.${4 + i}`,
      phase,
      conditions: [{ type: 'Ready', status: 'False' }],
    },
  }));
}

/** The Endpoints object the informer holds in most tests: `foo`, resourceVersion 1. */
export function existingEndpoints(
  namespace: string,
  subsets: EndpointSubset[] | null,
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): Endpoints {
  return {
    metadata: { name: 'foo', namespace, resourceVersion: '1', ...meta },
    subsets,
  };
}

/** An address as podToEndpointAddressForService writes it for testPod (no node, no UID). */
export function podAddress(ip: string, name: string, namespace: string): EndpointAddress {
  return { ip, nodeName: '', targetRef: { kind: 'Pod', namespace, name } };
}

/** A Service `foo` with no cluster IP, as most upstream tests build it. */
export function serviceFoo(
  namespace: string,
  spec: Service['spec'],
  labels?: Record<string, string>,
): Service {
  return { metadata: { name: 'foo', namespace, ...(labels && { labels }) }, spec };
}

/** The body upstream's ValidateRequest expects, as written by the codec. */
export function body(metadata: Endpoints['metadata'], subsets?: EndpointSubset[]): Endpoints {
  return {
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata,
    ...(subsets && subsets.length > 0 && { subsets }),
  };
}

export function expectPut(action: EndpointsAction | undefined, expected: Endpoints): void {
  expect(action).toEqual({ verb: 'update', endpoints: expected });
}

export function expectPost(action: EndpointsAction | undefined, expected: Endpoints): void {
  expect(action).toEqual({ verb: 'create', endpoints: expected });
}

export const headlessLabel = { [LABEL_HEADLESS]: '' };
