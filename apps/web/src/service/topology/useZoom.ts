import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { TopologyRenderer } from './renderer.ts';
import { HEADER_HEIGHT, maxZoom } from './view.ts';

/** Zooming and panning the plot with d3-zoom (wheel, drag, pinch), and from buttons and keys. */
export interface ZoomControls {
  /** Zooms by `factor` around screen point `at` (the plot's centre if undefined). */
  zoomBy(factor: number, at?: [number, number]): void;
  reset(): void;
  /** Moves the content by (dx, dy) screen pixels. */
  panBy(dx: number, dy: number): void;
  /** Centres world point (x, y) in the plot at zoom factor k (the current one if undefined). */
  centreOn(x: number, y: number, k?: number): void;
}

export function useZoom(
  element: HTMLDivElement | null,
  renderer: TopologyRenderer | undefined,
  /** Changes whenever the renderer's base fit may have changed (scene, size). */
  fit: unknown,
  onZoom: () => void,
): ZoomControls {
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown>>(undefined);
  const onZoomRef = useRef(onZoom);
  useEffect(() => {
    onZoomRef.current = onZoom;
  }, [onZoom]);

  useEffect(() => {
    if (!element || !renderer) return undefined;
    const created = zoom<HTMLDivElement, unknown>().on(
      'zoom',
      (event: { transform: { k: number; x: number; y: number } }) => {
        const { k, x, y } = event.transform;
        renderer.setTransform({ k, x, y });
        onZoomRef.current();
      },
    );
    behaviour.current = created;
    // Double clicks are two clicks (select, unselect), not a zoom.
    select(element).call(created).on('dblclick.zoom', null);
    return () => {
      select(element).on('.zoom', null);
      behaviour.current = undefined;
    };
  }, [element, renderer]);

  useEffect(() => {
    if (!renderer || !behaviour.current) return;
    const { width, height } = renderer;
    behaviour.current
      .extent([
        [0, 0],
        [width, height],
      ])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .scaleExtent([1, maxZoom(renderer.base)]);
  }, [renderer, fit]);

  const apply = useCallback(
    (
      act: (
        zoomer: ZoomBehavior<HTMLDivElement, unknown>,
        target: ReturnType<typeof select<HTMLDivElement, unknown>>,
      ) => void,
    ) => {
      if (element && behaviour.current) act(behaviour.current, select(element));
    },
    [element],
  );

  return useMemo(
    () => ({
      zoomBy: (factor, at) => apply((zoomer, target) => zoomer.scaleBy(target, factor, at)),
      reset: () => apply((zoomer, target) => zoomer.transform(target, zoomIdentity)),
      panBy: (dx, dy) =>
        apply((zoomer, target) => {
          const k = renderer?.transform.k ?? 1;
          zoomer.translateBy(target, dx / k, dy / k);
        }),
      centreOn: (x, y, k) =>
        apply((zoomer, target) => {
          if (!renderer) return;
          const { base, width, height } = renderer;
          const scale = Math.min(maxZoom(base), Math.max(1, k ?? renderer.transform.k));
          const px = base.x + base.scale * x;
          const py = base.y + base.scale * y;
          const centred = zoomIdentity
            .translate(width / 2, (height + HEADER_HEIGHT) / 2)
            .scale(scale)
            .translate(-px, -py);
          // Within the pan limits, as a drag or a wheel would be: a point near an edge is not
          // centred if that would show an empty band beside the plot.
          const bounds: [[number, number], [number, number]] = [
            [0, 0],
            [width, height],
          ];
          zoomer.transform(target, zoomer.constrain()(centred, bounds, bounds));
        }),
    }),
    [apply, renderer],
  );
}
