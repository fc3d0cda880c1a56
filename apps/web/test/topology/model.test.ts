import { describe, expect, it } from 'vitest';
import {
  buildModel,
  CONDITION_INDEX,
  endpointAt,
  keyAt,
  MAX_FAINT_NODES,
} from '../../src/service/topology/model.ts';
import { boxTotal, columnCounts, sliceBoxCounts } from '../../src/service/topology/aggregates.ts';
import { nodeSummary, sliceOf } from '../support/render.tsx';
import { endpoint } from '../support/render.tsx';

const nodes = {
  'a-1': nodeSummary('a-1', 'zone-a', { cpuMilli: 4000 }),
  'a-2': nodeSummary('a-2', 'zone-a', { cpuMilli: 4000 }),
  'b-1': nodeSummary('b-1', 'zone-b', { cpuMilli: 8000 }),
  'c-1': nodeSummary('c-1', 'zone-c', { cpuMilli: 2000 }),
};

const slices = [
  sliceOf('shop', 'web', 'web-x', [
    endpoint('10.0.0.1', { nodeName: 'a-1', zone: 'zone-a', pod: 'web-1' }),
    endpoint('10.0.0.2', { nodeName: 'b-1', zone: 'zone-b', ready: false, serving: false }),
    endpoint('10.0.0.3', { nodeName: 'a-1', zone: 'zone-a', terminating: true, ready: false }),
  ]),
  sliceOf('shop', 'web', 'web-y', [
    endpoint('10.0.1.1', { zone: 'zone-b' }),
    endpoint('10.0.1.2', { nodeName: 'x-9' }),
    endpoint('10.0.1.3', { nodeName: 'b-1', zone: 'zone-b' }),
  ]),
];

describe('buildModel', () => {
  const model = buildModel(slices, nodes);

  it('flattens every endpoint of every slice, keyed by slice and first address', () => {
    expect(model.count).toBe(6);
    expect(keyAt(model, 0)).toBe('web-x/10.0.0.1');
    expect(keyAt(model, 4)).toBe('web-y/10.0.1.2');
    expect(endpointAt(model, 0)?.pod).toBe('web-1');
    expect(model.slices[model.sliceOf[3]!]?.name).toBe('web-y');
    expect(model.conditions[1]).toBe(CONDITION_INDEX['not-ready']);
    expect(model.conditions[2]).toBe(CONDITION_INDEX['serving-terminating']);
  });

  it('counts distinct zones and nodes of the endpoints', () => {
    expect(model.zones).toBe(2);
    expect(model.nodes).toBe(3);
  });

  it('has a column per zone, then "no zone"', () => {
    expect(model.columns.map((column) => column.label)).toEqual([
      'zone-a',
      'zone-b',
      'zone-c',
      'no zone',
    ]);
    expect(model.columns[0]?.nodes).toBe(2);
    expect(model.columns[0]?.readyCpuMilli).toBe(8000);
  });

  it('boxes nodes by column: with endpoints by name, the unknown node, then faint nodes', () => {
    const boxes = model.boxes.map((box) => [
      model.columns[box.column]?.label,
      box.node ?? '?',
      box.faint,
    ]);
    expect(boxes).toEqual([
      ['zone-a', 'a-1', false],
      ['zone-a', 'a-2', true],
      ['zone-b', 'b-1', false],
      ['zone-b', '?', false],
      ['zone-c', 'c-1', true],
      ['no zone', 'x-9', false],
    ]);
    expect(Array.from(model.boxColumn)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(model.endpointBox[4]).toBe(5);
    expect(boxTotal(model, 0)).toBe(2);
    expect(boxTotal(model, 2)).toBe(2);
    expect(boxTotal(model, 1)).toBe(0);
  });

  it('orders zones and nodes naturally: node-2 before node-10', () => {
    const names = ['node-10', 'node-2', 'node-1'];
    const zoned = {
      ...Object.fromEntries(names.map((name) => [name, nodeSummary(name, 'zone-10')])),
      'node-3': nodeSummary('node-3', 'zone-9'),
    };
    const spread = buildModel(
      [
        sliceOf(
          'shop',
          'web',
          'web-z',
          names.map((name, i) => endpoint(`10.0.2.${i}`, { nodeName: name, zone: 'zone-10' })),
        ),
      ],
      zoned,
    );
    expect(spread.columns.map((column) => column.label)).toEqual(['zone-9', 'zone-10']);
    expect(spread.boxes.filter((box) => !box.faint).map((box) => box.node)).toEqual([
      'node-1',
      'node-2',
      'node-10',
    ]);
  });

  it('sums per column and per selected slice', () => {
    const counts = columnCounts(model);
    expect(counts[0 * 4 + CONDITION_INDEX.ready]).toBe(1);
    expect(counts[1 * 4 + CONDITION_INDEX.ready]).toBe(2);
    expect(counts[1 * 4 + CONDITION_INDEX['not-ready']]).toBe(1);
    expect(Array.from(sliceBoxCounts(model, 1))).toEqual([0, 0, 1, 1, 0, 1]);
  });

  it('reuses the walk of unchanged slice objects', () => {
    const again = buildModel([slices[0]!, slices[1]!], nodes);
    expect(again.slices[0]?.keys).toBe(model.slices[0]?.keys);
  });

  it('counts nodes without endpoints but stops drawing them when there are very many', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_FAINT_NODES + 1 }, (_, n) => [
        `n-${n}`,
        nodeSummary(`n-${n}`, 'zone-a'),
      ]),
    );
    const crowded = buildModel(slices, { ...nodes, ...many });
    expect(crowded.boxes.some((box) => box.faint)).toBe(false);
    expect(crowded.columns[0]?.nodes).toBe(2 + MAX_FAINT_NODES + 1);
  });
});
