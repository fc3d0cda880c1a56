import { CELL } from './layout.ts';

/**
 * From world units to the screen: a base fit (the whole layout inside the plot, below the band of
 * zone headers) followed by the d3-zoom transform; and which level of detail a scale shows.
 */

/** Height of the zone-header band on top of the figure, px. */
export const HEADER_HEIGHT = 64;
export const MARGIN = 12;

/** On-screen size of one endpoint cell from which individual endpoints are drawn, px. */
export const ENDPOINT_CELL_PX = 7;
/** On-screen width of a typical node box from which node boxes are drawn, px. */
export const NODE_BOX_PX = 12;
/** On-screen cell size from which addresses are written next to endpoints, px. */
export const LABEL_CELL_PX = 64;

export type ZoomLevel = 'zone' | 'node' | 'endpoint';

export interface Base {
  scale: number;
  x: number;
  y: number;
}

export interface Transform {
  k: number;
  x: number;
  y: number;
}

export interface WorldRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const IDENTITY: Transform = { k: 1, x: 0, y: 0 };

/** The scale and offset that fit a layout of width × height into a view of viewWidth × viewHeight. */
export function fitLayout(
  width: number,
  height: number,
  viewWidth: number,
  viewHeight: number,
): Base {
  const plotWidth = Math.max(1, viewWidth - 2 * MARGIN);
  const plotHeight = Math.max(1, viewHeight - HEADER_HEIGHT - 2 * MARGIN);
  const scale = width <= 0 || height <= 0 ? 1 : Math.min(plotWidth / width, plotHeight / height);
  return { scale, x: (viewWidth - width * scale) / 2, y: HEADER_HEIGHT + MARGIN };
}

export function pxPerUnit(base: Base, transform: Transform): number {
  return base.scale * transform.k;
}

export function toScreen(base: Base, t: Transform, x: number, y: number): [number, number] {
  return [t.x + t.k * (base.x + base.scale * x), t.y + t.k * (base.y + base.scale * y)];
}

export function toWorld(base: Base, t: Transform, x: number, y: number): [number, number] {
  return [((x - t.x) / t.k - base.x) / base.scale, ((y - t.y) / t.k - base.y) / base.scale];
}

/** The world rectangle visible in the plot (the view below the header band). */
export function visibleWorld(
  base: Base,
  t: Transform,
  viewWidth: number,
  viewHeight: number,
): WorldRect {
  const [x0, y0] = toWorld(base, t, 0, HEADER_HEIGHT);
  const [x1, y1] = toWorld(base, t, viewWidth, viewHeight);
  return { x0, y0, x1, y1 };
}

export function intersects(
  rect: WorldRect,
  x: number,
  y: number,
  width: number,
  height: number,
): boolean {
  return x <= rect.x1 && y <= rect.y1 && x + width >= rect.x0 && y + height >= rect.y0;
}

/**
 * Semantic zoom: individual endpoints once a cell is ENDPOINT_CELL_PX wide, node boxes once a
 * typical box is NODE_BOX_PX wide, per-zone aggregates below that.
 */
export function zoomLevel(pixelsPerUnit: number, typicalBox: number): ZoomLevel {
  if (CELL * pixelsPerUnit >= ENDPOINT_CELL_PX) return 'endpoint';
  if (typicalBox * pixelsPerUnit >= NODE_BOX_PX) return 'node';
  return 'zone';
}

/** Whether addresses are written beside the endpoints at this scale. */
export function showsAddresses(pixelsPerUnit: number): boolean {
  return CELL * pixelsPerUnit >= LABEL_CELL_PX;
}

/** The largest zoom factor: far enough to read addresses, at least 8×. */
export function maxZoom(base: Base): number {
  return Math.max(8, (LABEL_CELL_PX * 1.5) / (CELL * base.scale));
}
