import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/service/topology/draw.ts';
import { placeHeaders } from '../../src/service/topology/overlay.ts';
import { IDENTITY } from '../../src/service/topology/view.ts';
import { ZoneHeaders } from '../../src/service/topology/ZoneHeaders.tsx';
import {
  compactHeaderLines,
  headerLines,
  headerWidth,
  type ZoneHeader,
} from '../../src/service/topology/zoneHeaders.ts';

const header = (column: number, label: string): ZoneHeader => ({
  column,
  label,
  endpoints: 467,
  ready: 460,
  nodes: 33,
  nodesWithEndpoints: 12,
  endpointShare: 0.33,
  cpuShare: 0.3,
  expectedOverload: -0.09,
  source: 'nodes',
});

/** Headers over columns of the given widths (px), side by side from x = 0, and their frame. */
function mount(widths: readonly number[]): { svg: SVGSVGElement; frame: Frame } {
  const headers = widths.map((_, column) => header(column, `eu-west-1${'abc'[column]}`));
  const { container } = render(
    <svg>
      <ZoneHeaders headers={headers} />
    </svg>,
  );
  const columns = new Float32Array(widths.length * 4);
  let x = 0;
  widths.forEach((width, c) => {
    columns.set([x, 0, width, 100], c * 4);
    x += width;
  });
  const frame = {
    width: x,
    base: { scale: 1, x: 0, y: 0 },
    transform: IDENTITY,
    layout: { columns },
  } as unknown as Frame;
  return { svg: container.querySelector('svg')!, frame };
}

/** The headers of `svg`, placed for `frame`. */
function place(svg: SVGSVGElement, frame: Frame): SVGGElement[] {
  placeHeaders(svg, frame);
  return [...svg.querySelectorAll<SVGGElement>('g[data-column]')];
}

describe('zone header placement', () => {
  it('shows the compact lines where a column is narrower than the full ones', () => {
    const full = headerWidth(headerLines(header(0, 'eu-west-1a')));
    const { svg, frame } = mount([120, full + 1]);
    const [narrow, wide] = place(svg, frame);
    expect(narrow!.hasAttribute('data-compact')).toBe(true);
    expect(wide!.hasAttribute('data-compact')).toBe(false);
    expect(narrow!.querySelector('rect.clip')?.getAttribute('width')).toBe('120.0');
  });

  it('goes back to the full lines when the column is zoomed wide again', () => {
    const { svg, frame } = mount([120]);
    const [zone] = place(svg, frame);
    expect(zone!.hasAttribute('data-compact')).toBe(true);
    place(svg, { ...frame, width: 480, transform: { k: 4, x: 0, y: 0 } });
    expect(zone!.hasAttribute('data-compact')).toBe(false);
    place(svg, frame);
    expect(zone!.hasAttribute('data-compact')).toBe(true);
  });

  it('has compact lines for a third of a phone’s width (~96 px; measured in Chromium)', () => {
    const zone = header(0, 'eu-west-1a');
    expect(compactHeaderLines(zone)).toEqual([
      'eu-west-1a',
      '467 endpoints',
      '12/33 nodes',
      'overload −9%',
    ]);
    // The estimate (7 px a character) runs wide of 12 px text: Chromium drew "467 endpoints" in
    // 79 px. Even estimated, the longest compact line of a zone without ready endpoints, or of
    // three-digit counts, stays near 100 px; the full lines need about twice that.
    const noneReady = { ...zone, ready: 0, expectedOverload: undefined, endpoints: 999 };
    expect(compactHeaderLines(noneReady).slice(1)).toEqual([
      '999 endpoints',
      '12/33 nodes',
      'none ready',
    ]);
    expect(headerWidth(compactHeaderLines(noneReady))).toBeLessThanOrEqual(103);
    expect(headerWidth(headerLines(zone))).toBeGreaterThan(180);
  });
});
