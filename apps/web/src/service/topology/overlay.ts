import { select } from 'd3-selection';
import { CONDITION_STYLE, CONDITIONS } from '../../ui/conditions.ts';
import { visibleBoxes, type Frame } from './draw.ts';
import { BOX_LABEL, BOX_PAD } from './layout.ts';
import { CONDITION_COUNT, endpointAt } from './model.ts';
import { boxTotal } from './aggregates.ts';
import { pxPerUnit, showsAddresses, toScreen, visibleWorld } from './view.ts';

/**
 * The SVG layer's moving parts, updated with each canvas frame: the zone headers' positions
 * (sticky while their column is in view) and the labels of the current level — counts per
 * condition per zone, node names, addresses — in screen coordinates.
 */

export interface Label {
  id: string;
  x: number;
  y: number;
  text: string;
  kind: 'zone' | 'node' | 'address';
}

/** At most this many labels are written per frame. */
export const MAX_LABELS = 800;
/** Node names are written in boxes at least this wide on screen, px. */
export const NODE_LABEL_PX = 56;
/** Room kept between a node's name and its box's right edge, px. */
const NODE_LABEL_END_PX = 2;

/** Characters of 12 px label text that fit in `px`. */
const charsIn = (px: number): number => Math.max(2, Math.floor(px / 6.2));

/**
 * The text cut to about `px` of width, keeping a little of its start and more of its end, where
 * what tells names apart is (node-11): "n…e-11", not "no…11". `start: false` keeps only the
 * end, for addresses: a Service's Pods share their range's start ("…10:9::36", not "fd0…9::36").
 */
export function fits(text: string, px: number, start = true): string {
  const chars = charsIn(px);
  if (text.length <= chars) return text;
  const head = start ? Math.floor((chars - 1) / 3) : 0;
  return `${text.slice(0, head)}…${text.slice(text.length - (chars - 1 - head))}`;
}

/** A node box's label: its name with its endpoint count when both fit, else its name alone. */
export function nodeLabel(name: string, total: number | undefined, px: number): string {
  const counted = total === undefined ? name : `${name} · ${total}`;
  return counted.length <= charsIn(px) ? counted : fits(name, px);
}

/** A node's name inside its zone's column, without the zone's name when it starts with it. */
export function shortNodeName(node: string, zone: string | undefined): string {
  if (zone && node.length > zone.length + 1 && node.startsWith(zone)) {
    const rest = node.slice(zone.length).replace(/^[-._]/, '');
    if (rest !== '') return rest;
  }
  return node;
}

export function labelsOf(frame: Frame): Label[] {
  const { base, transform, model, layout } = frame;
  const unit = pxPerUnit(base, transform);
  const labels: Label[] = [];
  if (frame.level === 'zone') {
    model.columns.forEach((_, c) => {
      const [x = 0, y = 0, , h = 0] = layout.columns.subarray(c * 4, c * 4 + 4);
      const [sx, sy] = toScreen(base, transform, x, y + h * 0.04);
      let line = 0;
      CONDITIONS.forEach((condition, k) => {
        const count = frame.columnCounts[c * CONDITION_COUNT + k] ?? 0;
        if (count === 0) return;
        labels.push({
          id: `z${c}-${k}`,
          x: sx + 6,
          y: sy + 12 + line++ * 14,
          text: `${CONDITION_STYLE[condition].label}: ${count}`,
          kind: 'zone',
        });
      });
    });
    return labels;
  }
  const rect = visibleWorld(base, transform, frame.width, frame.height);
  const boxes = visibleBoxes(layout, rect);
  const addresses = frame.level === 'endpoint' && showsAddresses(unit);
  for (const b of boxes) {
    const [x = 0, y = 0, w = 0] = layout.boxes.subarray(b * 4, b * 4 + 4);
    const widthPx = w * unit;
    if (widthPx < NODE_LABEL_PX || labels.length >= MAX_LABELS) continue;
    const box = model.boxes[b];
    const name =
      box?.node === undefined
        ? 'no node'
        : shortNodeName(box.node, model.columns[box.column]?.zone);
    const total = frame.level === 'node' ? boxTotal(model, b) : undefined;
    const [sx, sy] = toScreen(base, transform, x + BOX_PAD, y + BOX_LABEL - 3);
    labels.push({
      id: `n${b}`,
      x: sx,
      y: sy,
      // The name may run into the box's right padding (the cells below keep to it): a box of
      // one endpoint is then wide enough for "node-12".
      text: nodeLabel(name, total, widthPx - BOX_PAD * unit - NODE_LABEL_END_PX),
      kind: 'node',
    });
  }
  if (addresses) {
    for (const b of boxes) {
      for (let slot = layout.boxStart[b] ?? 0; slot < (layout.boxStart[b + 1] ?? 0); slot++) {
        if (labels.length >= MAX_LABELS) return labels;
        const i = layout.order[slot] ?? 0;
        const [sx, sy] = toScreen(
          base,
          transform,
          layout.positions[i * 2] ?? 0,
          layout.positions[i * 2 + 1] ?? 0,
        );
        if (sx < 0 || sy < 0 || sx > frame.width || sy > frame.height) continue;
        const address = endpointAt(model, i)?.addresses[0] ?? '';
        labels.push({
          id: `a${i}`,
          x: sx,
          y: sy + 6 + unit * 3.6,
          text: fits(address, unit * 10 - 4, false),
          kind: 'address',
        });
      }
    }
  }
  return labels;
}

/** Writes the labels into `group` (a <g> React leaves empty) with a keyed d3 join. */
export function writeLabels(group: SVGGElement, labels: readonly Label[]): void {
  select(group)
    .selectAll<SVGTextElement, Label>('text')
    .data(labels, (label) => label.id)
    .join('text')
    .attr('class', (label) => `topology-label topology-label-${label.kind}`)
    .attr('x', (label) => label.x.toFixed(1))
    .attr('y', (label) => label.y.toFixed(1))
    .attr('text-anchor', (label) => (label.kind === 'address' ? 'middle' : 'start'))
    .text((label) => label.text);
}

/**
 * Moves the zone headers (<g data-column> with a clip <rect>) over their columns, with their
 * compact lines where the column is narrower than the full ones (`data-full-width`).
 */
export function placeHeaders(svg: SVGSVGElement, frame: Frame): void {
  const { base, transform, layout } = frame;
  for (const header of svg.querySelectorAll<SVGGElement>('g[data-column]')) {
    const c = Number(header.dataset.column);
    const [x = 0, , w = 0] = layout.columns.subarray(c * 4, c * 4 + 4);
    const [left] = toScreen(base, transform, x, 0);
    const [right] = toScreen(base, transform, x + w, 0);
    const sticky = left < 0 && right > 0 ? Math.min(0, right - 160) : left;
    header.setAttribute('transform', `translate(${sticky.toFixed(1)},0)`);
    header.setAttribute('visibility', right < 0 || left > frame.width ? 'hidden' : 'visible');
    const width = Math.max(0, right - sticky);
    header.querySelector('rect.clip')?.setAttribute('width', width.toFixed(1));
    header.toggleAttribute('data-compact', width < Number(header.dataset.fullWidth ?? 0));
  }
}
