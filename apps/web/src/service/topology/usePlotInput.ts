import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useKeys } from '../../ui/shortcuts.ts';
import { indexOfKey, stepEndpoint } from './focus.ts';
import { hitTest } from './hitTest.ts';
import { CELL } from './layout.ts';
import { keyAt } from './model.ts';
import type { Scene, Selection, TopologyRenderer } from './renderer.ts';
import { useZoom } from './useZoom.ts';
import {
  ENDPOINT_CELL_PX,
  HEADER_HEIGHT,
  intersects,
  toScreen,
  toWorld,
  visibleWorld,
} from './view.ts';

/** What the tooltip describes: an endpoint (or -1) in a box, under the pointer at x, y or not. */
export interface Pointed {
  endpoint: number;
  box: number;
  /** Position in the plot, px; -1 for a keyboard focus out of view (details shown pinned). */
  x: number;
  y: number;
}

const PAN: Record<string, [number, number]> = {
  ArrowLeft: [60, 0],
  ArrowRight: [-60, 0],
  ArrowUp: [0, 60],
  ArrowDown: [0, -60],
};

interface Options {
  scene: Scene | undefined;
  renderer: TopologyRenderer | undefined;
  plot: HTMLDivElement | null;
  /** Changes whenever the renderer's base fit may have changed (scene, size). */
  fit: unknown;
  selection: Selection;
  selectedSlice?: string;
  selectedNode?: string;
  onSelectSlice: (slice: string | undefined) => void;
  onSelectNode: (node: string | undefined) => void;
}

/**
 * Pointer and keyboard on the plot: zoom and pan (d3-zoom), hover, click to select a slice or node, arrows to pan,
 * n / p to move the keyboard focus between endpoints, Enter to select its slice, + − 0 to zoom.
 */
export function usePlotInput(options: Options) {
  const { scene, renderer, plot, selection, selectedSlice, selectedNode } = options;
  const { onSelectSlice, onSelectNode } = options;
  const [hover, setHover] = useState<Pointed>();
  const [focusKey, setFocusKey] = useState<string>();
  const [keyboard, setKeyboard] = useState(false);
  // The keyboard focus's details follow it while the view pans and zooms: a zoom re-renders.
  const [, setViewChanges] = useState(0);
  const followsView = useRef(false);
  useEffect(() => {
    followsView.current = keyboard;
  }, [keyboard]);
  const zoomer = useZoom(plot, renderer, options.fit, () => {
    setHover(undefined);
    if (followsView.current) setViewChanges((count) => count + 1);
  });

  const focusIndex = useMemo(
    () => (scene ? indexOfKey(scene.model, focusKey) : -1),
    [scene, focusKey],
  );
  const active = hover ? hover.endpoint : keyboard ? focusIndex : -1;
  useEffect(() => renderer?.setActive(active), [renderer, active]);

  // With an endpoint in keyboard focus, + and − zoom around it, so that it stays in view.
  const focusPoint = useRef<[number, number]>(undefined);
  useKeys(
    useMemo(
      () => ({
        '+': () => zoomer.zoomBy(1.5, focusPoint.current),
        '=': () => zoomer.zoomBy(1.5, focusPoint.current),
        '-': () => zoomer.zoomBy(1 / 1.5, focusPoint.current),
        '0': () => zoomer.reset(),
      }),
      [zoomer],
    ),
  );

  // Bring a node chosen elsewhere (the Node list, the URL) into view.
  const centred = useRef<string>(undefined);
  useEffect(() => {
    if (!renderer || !scene || selection.box < 0 || centred.current === selectedNode) return;
    centred.current = selectedNode;
    const [x = 0, y = 0, w = 0, h = 0] = scene.layout.boxes.subarray(
      selection.box * 4,
      selection.box * 4 + 4,
    );
    const view = visibleWorld(renderer.base, renderer.transform, renderer.width, renderer.height);
    const inside = x >= view.x0 && y >= view.y0 && x + w <= view.x1 && y + h <= view.y1;
    if (inside && renderer.level() !== 'zone') return;
    const k =
      (Math.min(renderer.width, renderer.height) * 0.3) / (Math.max(w, h) * renderer.base.scale);
    zoomer.centreOn(x + w / 2, y + h / 2, Math.max(renderer.transform.k, k));
  }, [renderer, scene, selection.box, selectedNode, zoomer]);

  const reveal = (endpoint: number, current: Scene) => {
    if (!renderer) return;
    const x = current.layout.positions[endpoint * 2] ?? 0;
    const y = current.layout.positions[endpoint * 2 + 1] ?? 0;
    const view = visibleWorld(renderer.base, renderer.transform, renderer.width, renderer.height);
    const seen = intersects(view, x - CELL, y - CELL, 2 * CELL, 2 * CELL);
    if (renderer.level() === 'endpoint' && seen) return;
    const k = (ENDPOINT_CELL_PX * 2) / (CELL * renderer.base.scale);
    zoomer.centreOn(x, y, Math.max(renderer.transform.k, k));
  };

  const pick = (event: MouseEvent<HTMLDivElement>): Pointed | undefined => {
    if (!renderer || !scene || !plot) return undefined;
    const bounds = plot.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    const level = renderer.level();
    if (y < HEADER_HEIGHT || level === 'zone') return undefined;
    const [wx, wy] = toWorld(renderer.base, renderer.transform, x, y);
    const hit = hitTest(scene.index, scene.layout, wx, wy);
    if (hit.box < 0) return undefined;
    return { box: hit.box, endpoint: level === 'endpoint' ? hit.endpoint : -1, x, y };
  };

  const toggleSlice = (endpoint: number) => {
    const name = scene?.model.slices[scene.model.sliceOf[endpoint] ?? -1]?.name;
    if (name !== undefined) onSelectSlice(name === selectedSlice ? undefined : name);
  };
  const accept = (current: Scene, byNode: boolean) =>
    selection.slice >= 0
      ? (i: number) => current.model.sliceOf[i] === selection.slice
      : byNode && selection.box >= 0
        ? (i: number) => current.model.endpointBox[i] === selection.box
        : undefined;

  const handlers = {
    onPointerMove: (event: MouseEvent<HTMLDivElement>) => setHover(pick(event)),
    onPointerLeave: () => setHover(undefined),
    onClick: (event: MouseEvent<HTMLDivElement>) => {
      const hit = pick(event);
      if (!hit || !scene) return;
      if (hit.endpoint >= 0) {
        setFocusKey(keyAt(scene.model, hit.endpoint));
        toggleSlice(hit.endpoint);
        return;
      }
      const node = scene.model.boxes[hit.box]?.node;
      if (node !== undefined) onSelectNode(node === selectedNode ? undefined : node);
    },
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      if (!scene) return;
      const move = PAN[event.key];
      if (move) {
        event.preventDefault();
        zoomer.panBy(move[0], move[1]);
      } else if (event.key === 'n' || event.key === 'p') {
        const step = event.key === 'n' ? 1 : -1;
        const next = stepEndpoint(scene.layout, focusIndex, step, accept(scene, false));
        if (next < 0) return;
        setFocusKey(keyAt(scene.model, next));
        reveal(next, scene);
      } else if ((event.key === 'Enter' || event.key === ' ') && focusIndex >= 0) {
        event.preventDefault();
        toggleSlice(focusIndex);
      }
    },
    onFocus: (event: { target: EventTarget; currentTarget: EventTarget }) => {
      if (event.target !== event.currentTarget) return;
      setKeyboard(true);
      if (!scene || focusIndex >= 0) return;
      const first = stepEndpoint(scene.layout, -1, 1, accept(scene, true));
      if (first >= 0) setFocusKey(keyAt(scene.model, first));
    },
    onBlur: () => setKeyboard(false),
  };

  const focused = (current: Scene): Pointed => {
    const box = current.model.endpointBox[focusIndex] ?? -1;
    if (!renderer) return { endpoint: focusIndex, box, x: -1, y: -1 };
    const [x, y] = toScreen(
      renderer.base,
      renderer.transform,
      current.layout.positions[focusIndex * 2] ?? 0,
      current.layout.positions[focusIndex * 2 + 1] ?? 0,
    );
    const inView = x >= 0 && x <= renderer.width && y >= HEADER_HEIGHT && y <= renderer.height;
    return inView
      ? { endpoint: focusIndex, box, x, y }
      : { endpoint: focusIndex, box, x: -1, y: -1 };
  };
  const keyboardFocus = keyboard && focusIndex >= 0 && scene ? focused(scene) : undefined;
  useEffect(() => {
    focusPoint.current =
      keyboardFocus && keyboardFocus.x >= 0 ? [keyboardFocus.x, keyboardFocus.y] : undefined;
  });
  const pointed: Pointed | undefined = hover ?? keyboardFocus;
  return { pointed, handlers, zoomer };
}
