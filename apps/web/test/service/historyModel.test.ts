import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSignedPercent } from '../../src/service/history/format.ts';
import {
  atOfPosition,
  changeText,
  entryText,
  positionOf,
  syncLabel,
  step,
  stepPosition,
} from '../../src/service/history/historyModel.ts';
import {
  behaviourText,
  nodesByZone,
  PROXY_VERSIONS,
} from '../../src/service/routing/proxyModel.ts';
import { nodeSummary } from '../support/render.tsx';
import { change } from './builders.ts';

const seqs = (...values: number[]) => values.map((seq) => ({ seq }));

describe('history positions', () => {
  const entries = seqs(4, 7, 9);

  it('puts now after the last entry and an unkept seq at the newest entry before it', () => {
    expect(positionOf(entries, undefined)).toBe(3);
    expect(positionOf(entries, 7)).toBe(1);
    expect(positionOf(entries, 8)).toBe(1);
    expect(positionOf(entries, 2)).toBe(0);
    expect(atOfPosition(entries, 2)).toBe(9);
    expect(atOfPosition(entries, 3)).toBeUndefined();
  });

  it('steps one sync at a time between the oldest entry and now', () => {
    // After the newest sync the slices are as now: one step back from now is before it.
    expect(step(entries, undefined, -1)).toBe(7);
    expect(step(entries, 9, -1)).toBe(7);
    expect(step(entries, 9, 1)).toBeUndefined();
    expect(step(entries, undefined, 1)).toBeUndefined();
    expect(step(entries, 4, -1)).toBe(4);
    expect(step(entries, 7, -1)).toBe(4);
    expect(step(entries, 7, 1)).toBeUndefined();
    expect(step(seqs(4), undefined, -1)).toBeUndefined();
  });

  const entriesArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 30 })
    .map((values) => seqs(...values.sort((a, b) => a - b)));

  it('maps every position to an `at` and back (property)', () => {
    fc.assert(
      fc.property(entriesArb, (list) => {
        for (let position = 0; position <= list.length; position++) {
          expect(positionOf(list, atOfPosition(list, position))).toBe(position);
        }
      }),
    );
  });

  it('steps within range, each step a different state, and back again (property)', () => {
    fc.assert(
      fc.property(entriesArb, fc.nat(30), (list, pick) => {
        const position = pick % (list.length + 1);
        const at = atOfPosition(list, position);
        // The newest entry's slices are now's: both are the last step position.
        const newest = Math.max(0, list.length - 1);
        const from = Math.min(position, newest);
        expect(stepPosition(list, at)).toBe(from);
        const later = step(list, at, 1);
        const earlier = step(list, at, -1);
        expect(stepPosition(list, later)).toBe(Math.min(newest, from + 1));
        expect(stepPosition(list, earlier)).toBe(Math.max(0, from - 1));
        if (from + 1 >= newest) expect(later).toBeUndefined();
        if (from > 0) expect(step(list, earlier, 1)).toBe(from === newest ? undefined : at);
      }),
    );
  });
});

describe('history texts', () => {
  it('summarises a sync and a slice write', () => {
    expect(
      entryText({
        changes: [change('a', 'created'), change('b', 'updated'), change('c', 'updated')],
      }),
    ).toBe('3 slices written: 1 created, 2 updated');
    expect(changeText(change('a', 'updated', { added: ['1', '2'], hints: ['3'] }))).toBe(
      'endpoints: 2 added, 1 hints changed',
    );
    expect(changeText(change('a', 'updated'))).toBe('no endpoint changed');
  });

  it('formats durations and overloads', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(303_000)).toBe('5 min 3 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatSignedPercent(0.33)).toBe('+33%');
    expect(formatSignedPercent(-0.1)).toBe('−10%');
  });
});

describe('the node picker and kube-proxy versions', () => {
  it('groups nodes by zone, zoneless last', () => {
    const nodes = Object.fromEntries(
      [
        nodeSummary('b-2', 'zone-b'),
        nodeSummary('a-1', 'zone-a'),
        nodeSummary('b-1', 'zone-b'),
        { ...nodeSummary('loose', ''), zone: undefined },
      ].map((node) => [node.name, node]),
    );
    expect(nodesByZone(nodes).map((z) => [z.zone, z.nodes.map((n) => n.name)])).toEqual([
      ['zone-a', ['a-1']],
      ['zone-b', ['b-1', 'b-2']],
      ['', ['loose']],
    ]);
  });

  it('offers every release from 1.21 to 1.36 and names the rules in use', () => {
    expect(PROXY_VERSIONS[0]).toBe('1.21');
    expect(PROXY_VERSIONS.at(-1)).toBe('1.36');
    expect(PROXY_VERSIONS).toHaveLength(16);
    expect(
      behaviourText({
        version: '1.21-1.26',
        topologyAwareHints: true,
        proxyTerminatingEndpoints: false,
      }),
    ).toBe(
      'kube-proxy 1.21–1.26 rules; topology-aware hints on, falling back to terminating endpoints off',
    );
    expect(behaviourText({ version: '1.27-1.30', loadBalancerIPMode: false })).toBe(
      'kube-proxy 1.27–1.30 rules; load-balancer ipMode off',
    );
    expect(behaviourText({ version: '1.36+' })).toBe('kube-proxy 1.36+ rules');
  });
});

describe('the sync a past view is said to show', () => {
  const kept = [{ seq: 4 }, { seq: 7 }, { seq: 9 }];
  it('is the sync asked for when it is kept, else the newest kept one before it', () => {
    expect(syncLabel(kept, 7)).toEqual({ text: 'after sync #7', kept: true });
    expect(syncLabel(kept, 99_999)).toEqual({ text: 'after sync #9', kept: false });
    expect(syncLabel(kept, 8)).toEqual({ text: 'after sync #7', kept: false });
    expect(syncLabel(kept, 2)).toEqual({ text: 'before sync #4', kept: false });
    expect(syncLabel([], 3)).toEqual({ text: 'after sync #3', kept: false });
  });
});
