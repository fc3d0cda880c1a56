import { describe, expect, it } from 'vitest';
import { drawNodes } from '../../src/overview/map/drawNodes.ts';
import { HEALTH_STYLE } from '../../src/overview/map/health.ts';
import { layoutNodeMap } from '../../src/overview/map/layout.ts';
import { nodeSummary } from '../support/render.tsx';

/** A 2D context that records the boxes drawn and the style each was drawn in. */
function recordingContext() {
  const calls: { op: string; colour: string; x: number; y: number; size: number }[] = [];
  const context = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    transform: [] as number[],
    setTransform(...values: number[]) {
      this.transform = values;
    },
    clearRect() {},
    fillRect(x: number, y: number, size: number) {
      calls.push({ op: 'fill', colour: this.fillStyle, x, y, size });
    },
    strokeRect(x: number, y: number, size: number) {
      calls.push({ op: 'stroke', colour: this.strokeStyle, x, y, size });
    },
    beginPath() {},
    moveTo() {},
    lineTo() {},
    stroke() {},
  };
  return { context, calls };
}

describe('drawNodes', () => {
  it('draws one mark per node, in its health colour and shape, scaled for the pixel ratio', () => {
    const layout = layoutNodeMap(
      [
        nodeSummary('ok', 'a', { endpoints: 5 }),
        nodeSummary('down', 'a', { ready: false }),
        nodeSummary('cordoned', 'b', { unschedulable: true }),
      ],
      { width: 600 },
    );
    const { context, calls } = recordingContext();
    drawNodes(context as unknown as CanvasRenderingContext2D, layout, 2, '#fff');
    expect(context.transform).toEqual([2, 0, 0, 2, 0, 0]);
    expect(calls).toHaveLength(3);
    const colours = calls.map((call) => `${call.op}:${call.colour}`).sort();
    expect(colours).toEqual(
      [
        `fill:${HEALTH_STYLE.ready.colour}`,
        `fill:${HEALTH_STYLE['not-ready'].colour}`,
        `stroke:${HEALTH_STYLE.unschedulable.colour}`,
      ].sort(),
    );
    // The busiest node gets the biggest box, centred in its cell.
    const ok = layout.nodes[layout.indexOf.get('ok')!]!;
    const fill = calls.find((call) => call.colour === HEALTH_STYLE.ready.colour)!;
    expect(fill.size).toBe(ok.size);
    expect(fill.x).toBe(ok.x + (layout.cell - ok.size) / 2);
  });
});
