import { diffSlices } from './diff.ts';
import { drawFrame, type Fade, type Frame, type Theme } from './draw.ts';
import type { GridIndex } from './hitTest.ts';
import type { Layout } from './layout.ts';
import type { TopologyModel } from './model.ts';
import { labelsOf, placeHeaders, writeLabels } from './overlay.ts';
import { fitLayout, IDENTITY, pxPerUnit, zoomLevel, type Base, type Transform } from './view.ts';

/**
 * Owns the canvas and the SVG overlay's moving parts: holds what to draw (scene, zoom, selection,
 * the endpoint under the pointer or keyboard focus) and redraws in one requestAnimationFrame
 * callback only when one of them changed, or while marks fade in and out.
 */

/** A drawn state of the data: a model with its layout and what is derived from both. */
export interface Scene {
  model: TopologyModel;
  layout: Layout;
  index: GridIndex;
  columnCounts: Uint32Array;
}

export const FADE_MS = 250;
/** Above this many appearing + disappearing marks the change is not animated. */
export const FADE_LIMIT = 20_000;

const FALLBACK_THEME: Theme = {
  fg: '#1b1d22',
  muted: '#5b6170',
  sunken: '#eceef2',
  box: '#e3e7ee',
  boxBorder: '#b9c0cc',
  highlight: '#c2185b',
  focus: '#0b5cad',
};

export function readTheme(element: Element): Theme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: read('--fg', FALLBACK_THEME.fg),
    muted: read('--fg-muted', FALLBACK_THEME.muted),
    sunken: read('--bg-sunken', FALLBACK_THEME.sunken),
    box: read('--node-box', FALLBACK_THEME.box),
    boxBorder: read('--node-box-border', FALLBACK_THEME.boxBorder),
    highlight: read('--highlight', FALLBACK_THEME.highlight),
    focus: read('--focus', FALLBACK_THEME.focus),
  };
}

const now = () => performance.now();
const frameLater = (callback: (time: number) => void): number =>
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(callback)
    : (setTimeout(() => callback(now()), 16) as unknown as number);
const cancelFrame = (handle: number) =>
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(handle) : clearTimeout(handle);

export interface Selection {
  slice: number;
  perBox: Uint32Array | undefined;
  box: number;
}

export class TopologyRenderer {
  width = 960;
  height = 540;
  base: Base = { scale: 1, x: 0, y: 0 };
  transform: Transform = IDENTITY;
  scene: Scene | undefined;
  private theme: Theme;
  private selection: Selection = { slice: -1, perBox: undefined, box: -1 };
  private active = -1;
  private fade: (Fade & { start: number }) | undefined;
  private pending = 0;
  private painted = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
    private readonly labels: SVGGElement,
    private readonly onPaint: (scene: Scene, first: boolean) => void,
  ) {
    this.theme = readTheme(canvas);
  }

  setSize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    if (width === this.width && height === this.height && this.canvas.width > 0) return;
    this.width = width;
    this.height = height;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.refit();
  }

  setScene(scene: Scene): void {
    const previous = this.scene;
    this.scene = scene;
    this.fade = undefined;
    if (previous && previous.model !== scene.model) {
      const diff = diffSlices(previous.model.slices, scene.model.slices, FADE_LIMIT);
      if (diff && diff.appeared.length + diff.disappeared.length > 0) {
        const fresh = new Uint8Array(scene.model.count);
        for (const i of diff.appeared) fresh[i] = 1;
        this.fade = {
          start: now(),
          progress: 0,
          fresh,
          gone: {
            layout: previous.layout,
            conditions: previous.model.conditions,
            indices: diff.disappeared,
          },
        };
      }
    }
    this.refit();
  }

  setTransform(transform: Transform): void {
    this.transform = transform;
    this.request();
  }

  setSelection(selection: Selection): void {
    this.selection = selection;
    this.request();
  }

  setActive(endpoint: number): void {
    if (endpoint === this.active) return;
    this.active = endpoint;
    this.request();
  }

  refreshTheme(): void {
    this.theme = readTheme(this.canvas);
    this.request();
  }

  level() {
    return zoomLevel(pxPerUnit(this.base, this.transform), this.scene?.layout.typicalBox ?? 0);
  }

  private refit(): void {
    const layout = this.scene?.layout;
    if (layout) this.base = fitLayout(layout.width, layout.height, this.width, this.height);
    this.request();
  }

  request(): void {
    if (this.pending !== 0) return;
    this.pending = frameLater((time) => {
      this.pending = 0;
      this.draw(time);
    });
  }

  /** Draws now (also used before exporting, so the picture is current). */
  draw(time = now()): void {
    const scene = this.scene;
    if (!scene) return;
    let fade: Fade | undefined;
    if (this.fade) {
      const progress = Math.min(1, (time - this.fade.start) / FADE_MS);
      if (progress >= 1) this.fade = undefined;
      else fade = { ...this.fade, progress: Math.max(0, progress) };
    }
    const frame: Frame = {
      width: this.width,
      height: this.height,
      base: this.base,
      transform: this.transform,
      level: this.level(),
      model: scene.model,
      layout: scene.layout,
      columnCounts: scene.columnCounts,
      theme: this.theme,
      selectedSlice: this.selection.slice,
      selectedPerBox: this.selection.perBox,
      selectedBox: this.selection.box,
      activeEndpoint: this.active,
      fade,
    };
    const context = this.canvas.getContext('2d');
    if (context) drawFrame(context, frame, window.devicePixelRatio || 1);
    placeHeaders(this.svg, frame);
    writeLabels(this.labels, labelsOf(frame));
    const first = !this.painted && scene.model.count > 0;
    if (first) this.painted = true;
    this.onPaint(scene, first);
    if (fade) this.request();
  }

  destroy(): void {
    if (this.pending !== 0) cancelFrame(this.pending);
    this.pending = 0;
  }
}
