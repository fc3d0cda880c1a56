import { expect } from 'vitest';
import {
  reconcile,
  type EndpointSlice,
  type Node,
  type Pod,
  type ReconcileOptions,
  type Reconciliation,
  type Service,
  type SliceAction,
} from '../../src/index.ts';
import { applySliceActions, sequentialNames } from '../../src/controller/applyActions.ts';
import { nodesByName } from './objects.ts';

/**
 * The EndpointSlices of one namespace as the fake clientset of the upstream tests holds them:
 * actions are applied in order (core's applySliceActions); a create keeps its name, or gets
 * `<generateName><n>`, the first n not taken, as the API server never reuses a live name.
 */
export class FakeSliceApi {
  private slices: EndpointSlice[];
  private readonly nameFor = sequentialNames();
  /** Every call made, in order, like client.Actions(). */
  readonly actions: SliceAction[] = [];

  constructor(initial: readonly EndpointSlice[] = []) {
    this.slices = [...initial];
  }

  apply(actions: readonly SliceAction[]): void {
    this.actions.push(...actions);
    this.slices = applySliceActions(this.slices, actions, this.nameFor);
  }

  /** The slices held now, like fetchEndpointSlices. */
  list(): EndpointSlice[] {
    return [...this.slices];
  }
}

export const defaultOptions: ReconcileOptions = {
  maxEndpointsPerSlice: 100,
  preferSameTrafficDistribution: true,
};

/**
 * upstream reconcileHelper: one reconcile against `api`'s slices (or `existing` when given),
 * its calls applied to `api`.
 */
export function reconcileHelper(
  api: FakeSliceApi,
  service: Service,
  pods: readonly Pod[],
  nodes: readonly Node[],
  options: Partial<ReconcileOptions> = {},
  existing: readonly EndpointSlice[] = api.list(),
): Reconciliation {
  const result = reconcile(service, pods, existing, nodesByName(nodes), {
    ...defaultOptions,
    ...options,
  });
  api.apply(result.actions);
  return result;
}

/** upstream expectActions: the last `num` calls all have this verb. */
export function expectActions(
  actions: readonly SliceAction[],
  num: number,
  verb: SliceAction['verb'],
): void {
  expect(actions.length).toBeGreaterThanOrEqual(num);
  expect(actions.slice(actions.length - num).map((action) => action.verb)).toEqual(
    new Array<string>(num).fill(verb),
  );
}

/** upstream expectUnorderedSlicesWithLengths. */
export function expectUnorderedSlicesWithLengths(
  slices: readonly EndpointSlice[],
  lengths: number[],
): void {
  const actual = slices.map((slice) => slice.endpoints?.length ?? 0).sort((a, b) => a - b);
  expect(actual).toEqual([...lengths].sort((a, b) => a - b));
}
