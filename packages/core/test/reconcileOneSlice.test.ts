import { describe, expect, test } from 'vitest';
import { reconcile, type EndpointSlice, type Pod } from '../src/index.ts';
import { podEndpointOf } from '../src/controller/podEndpoints.ts';
import { reconcileOneSlice } from '../src/controller/reconcileOneSlice.ts';
import { newNode, newPod, newServiceAndEndpointMeta, nodesByName } from './builders/index.ts';

const namespace = 'test';
const triggerTime = '2024-01-01T00:00:00Z';
const options = { maxEndpointsPerSlice: 100, triggerTime, preferSameTrafficDistribution: true };
const { service } = newServiceAndEndpointMeta('web', namespace);
const nodes = nodesByName([newNode('node-1')]);

/** A Pod with two IPv4 addresses: its endpoint carries both, sorted as text. */
function twoAddressPod(): Pod {
  const pod = newPod(0, namespace, true, 1, false);
  return { ...pod, status: { ...pod.status, podIPs: [{ ip: '1.2.3.9' }, { ip: '1.2.3.10' }] } };
}

const endpointsOf = (pods: readonly Pod[]) =>
  pods.map((pod) => podEndpointOf(pod, nodes, service, 'IPv4'));

describe('reconcileOneSlice', () => {
  test('fills the one slice with the full reconcile call, stored addresses written sorted', () => {
    const first = twoAddressPod();
    const [created] = reconcile(service, [first], [], nodes, options).actions;
    if (created?.verb !== 'create') throw new Error('the first sync creates the slice');
    // As stored, named, and with the addresses in another order: the same endpoint to the
    // controller, whose hash sorts them.
    const [endpoint] = created.slice.endpoints ?? [];
    if (!endpoint) throw new Error('the slice holds the Pod');
    expect(endpoint.addresses).toEqual(['1.2.3.10', '1.2.3.9']);
    const stored: EndpointSlice = {
      ...created.slice,
      metadata: { ...created.slice.metadata, name: 'web-abcde' },
      endpoints: [{ ...endpoint, addresses: ['1.2.3.9', '1.2.3.10'] }],
    };

    const pods = [first, newPod(1, namespace, true, 1, false)];
    const full = reconcile(service, pods, [stored], nodes, options).actions;
    const direct = reconcileOneSlice(service, endpointsOf(pods), stored, 100, triggerTime);

    expect(direct).toEqual(full);
    const [update] = direct ?? [];
    if (update?.verb !== 'update') throw new Error('the slice is filled by an update');
    expect(update.slice.endpoints?.map((written) => written.addresses)).toEqual([
      ['1.2.3.10', '1.2.3.9'],
      ['1.2.3.5'],
    ]);
  });

  test('leaves it to the general path when the new endpoints need a second slice', () => {
    const first = twoAddressPod();
    const [created] = reconcile(service, [first], [], nodes, options).actions;
    if (created?.verb !== 'create') throw new Error('the first sync creates the slice');
    const stored = { ...created.slice, metadata: { ...created.slice.metadata, name: 'web-a' } };
    const pods = [
      first,
      newPod(1, namespace, true, 1, false),
      newPod(2, namespace, true, 1, false),
    ];

    expect(reconcileOneSlice(service, endpointsOf(pods), stored, 2, triggerTime)).toBeUndefined();
  });
});
