import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOVE_KEYS, moveFocus } from '../../src/overview/map/focusMove.ts';
import { CAPTION_LINE, healthOf, layoutNodeMap, nodeAt } from '../../src/overview/map/layout.ts';
import { compareZones } from '../../src/ui/order.ts';
import { nodeSummary } from '../support/render.tsx';
import { nodesArb } from './arbitraries.ts';

const widthArb = fc.integer({ min: 200, max: 2400 });

describe('layoutNodeMap', () => {
  it('makes one column per zone, named zones in natural order and the zoneless last', () => {
    const layout = layoutNodeMap(
      [
        nodeSummary('n1', ''),
        nodeSummary('n2', 'zone-10'),
        nodeSummary('n3', 'zone-2'),
        nodeSummary('n4', 'zone-2'),
      ],
      { width: 900 },
    );
    expect(layout.zones.map((zone) => [zone.label, zone.count])).toEqual([
      ['zone-2', 2],
      ['zone-10', 1],
      ['no zone', 1],
    ]);
    expect(compareZones('', 'a')).toBe(1);
  });

  it('places every node once, inside its zone column, in cells that do not overlap', () => {
    fc.assert(
      fc.property(nodesArb, widthArb, (nodes, width) => {
        const layout = layoutNodeMap(nodes, { width });
        expect(layout.nodes).toHaveLength(nodes.length);
        expect(new Set(layout.nodes.map((placed) => placed.node.name)).size).toBe(nodes.length);
        const cells = new Set<string>();
        for (const placed of layout.nodes) {
          const zone = layout.zones[placed.zone]!;
          expect(zone.zone).toBe(placed.node.zone ?? '');
          expect(placed.x).toBeGreaterThanOrEqual(zone.x);
          expect(placed.x + layout.cell).toBeLessThanOrEqual(zone.x + zone.width + 1e-9);
          expect(placed.y).toBeGreaterThanOrEqual(layout.header);
          expect(placed.y + layout.cell).toBeLessThanOrEqual(layout.height);
          expect(placed.size).toBeLessThanOrEqual(layout.cell);
          cells.add(`${placed.x},${placed.y}`);
        }
        expect(cells.size).toBe(nodes.length);
        expect(layout.width).toBeGreaterThanOrEqual(Math.floor(width));
      }),
    );
  });

  it('finds each node at its own cell (hit test) and nothing above the cells', () => {
    fc.assert(
      fc.property(nodesArb, widthArb, (nodes, width) => {
        const layout = layoutNodeMap(nodes, { width });
        layout.nodes.forEach((placed, index) => {
          const half = layout.cell / 2;
          expect(nodeAt(layout, placed.x + half, placed.y + half)).toBe(index);
          expect(layout.indexOf.get(placed.node.name)).toBe(index);
        });
        expect(nodeAt(layout, 1, layout.header - 1)).toBeUndefined();
      }),
    );
  });

  it('draws nodes with more endpoints no smaller', () => {
    fc.assert(
      fc.property(nodesArb, (nodes) => {
        const layout = layoutNodeMap(nodes, { width: 1000 });
        for (const a of layout.nodes)
          for (const b of layout.nodes.slice(0, 20)) {
            if (a.node.endpoints < b.node.endpoints) expect(a.size).toBeLessThanOrEqual(b.size);
          }
      }),
    );
  });

  it('fits 5,000 nodes within the height, in a few milliseconds', () => {
    const nodes = Array.from({ length: 5000 }, (_, index) =>
      nodeSummary(`node-${index}`, `zone-${index % 4}`, { endpoints: index % 97 }),
    );
    const started = performance.now();
    const layout = layoutNodeMap(nodes, { width: 1200, maxHeight: 420 });
    expect(performance.now() - started).toBeLessThan(200);
    expect(layout.height - layout.header).toBeLessThanOrEqual(420);
    expect(layout.cell).toBeGreaterThanOrEqual(6);
  });

  it('captions a zone on one line when it fits, else a line per count, with room above the cells', () => {
    const nodes = [
      nodeSummary('a-1', 'zone-a', { endpoints: 810 }),
      nodeSummary('a-2', 'zone-a', { ready: false }),
      nodeSummary('b-1', 'zone-b', { endpoints: 3 }),
    ];
    const wide = layoutNodeMap(nodes, { width: 900 });
    expect(wide.zones.map((zone) => zone.caption)).toEqual([
      ['2 nodes · 810 endpoints · 1 not ready'],
      ['1 node · 3 endpoints'],
    ]);
    // 340 px, as the map is on a phone: two columns of 162 px, 23 characters.
    const narrow = layoutNodeMap(nodes, { width: 340 });
    expect(narrow.zones.map((zone) => zone.caption)).toEqual([
      ['2 nodes', '810 endpoints', '1 not ready'],
      ['1 node · 3 endpoints'],
    ]);
    expect(narrow.header).toBe(wide.header + 2 * CAPTION_LINE);
    expect(Math.min(...narrow.nodes.map((node) => node.y))).toBe(narrow.header);
  });

  it('names the health a node is drawn in', () => {
    expect(healthOf({ ready: true, unschedulable: false })).toBe('ready');
    expect(healthOf({ ready: false, unschedulable: true })).toBe('not-ready');
    expect(healthOf({ ready: true, unschedulable: true })).toBe('unschedulable');
  });
});

const keyArb = fc.constantFrom(...MOVE_KEYS);

describe('moveFocus', () => {
  it('always lands on a node', () => {
    fc.assert(
      fc.property(nodesArb, widthArb, fc.array(keyArb, { maxLength: 30 }), (nodes, width, keys) => {
        fc.pre(nodes.length > 0);
        const layout = layoutNodeMap(nodes, { width });
        let index = 0;
        for (const key of keys) {
          index = moveFocus(layout, index, key);
          expect(Number.isInteger(index)).toBe(true);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThan(nodes.length);
        }
      }),
    );
  });

  it('moves down and back up to the same node, within the zone', () => {
    fc.assert(
      fc.property(nodesArb, widthArb, fc.nat(), (nodes, width, pick) => {
        fc.pre(nodes.length > 0);
        const layout = layoutNodeMap(nodes, { width });
        const index = pick % nodes.length;
        const down = moveFocus(layout, index, 'ArrowDown');
        expect(layout.nodes[down]!.zone).toBe(layout.nodes[index]!.zone);
        if (down !== index) expect(moveFocus(layout, down, 'ArrowUp')).toBe(index);
      }),
    );
  });

  it('walks right along a row into the next zone', () => {
    const nodes = [
      ...['a1', 'a2', 'a3'].map((name) => nodeSummary(name, 'a')),
      ...['b1', 'b2'].map((name) => nodeSummary(name, 'b')),
    ];
    const layout = layoutNodeMap(nodes, { width: 400 });
    const names = [0, 1, 2, 3, 4].reduce<number[]>(
      (path) => [...path, moveFocus(layout, path.at(-1)!, 'ArrowRight')],
      [0],
    );
    expect(names.map((index) => layout.nodes[index]!.node.name)).toEqual([
      'a1',
      'a2',
      'a3',
      'b1',
      'b2',
      'b2',
    ]);
    expect(moveFocus(layout, 3, 'ArrowLeft')).toBe(2);
    expect(moveFocus(layout, 0, 'End')).toBe(4);
  });
});
