import { useEffect, useState, type RefObject } from 'react';
import { TopologyRenderer } from './renderer.ts';

export interface RendererTargets {
  figure: RefObject<HTMLElement | null>;
  canvas: RefObject<HTMLCanvasElement | null>;
  svg: RefObject<SVGSVGElement | null>;
  labels: RefObject<SVGGElement | null>;
}

/**
 * Creates the renderer once its canvas and SVG exist, follows the plot's size and the colour
 * scheme, and records each paint on the figure (data-painted-endpoints, the first-paint mark).
 */
export function useRenderer(
  targets: RendererTargets,
  plot: HTMLDivElement | null,
): { renderer: TopologyRenderer | undefined; size: { width: number; height: number } } {
  const [renderer, setRenderer] = useState<TopologyRenderer>();
  const [size, setSize] = useState({ width: 960, height: 540 });
  const { figure, canvas, svg, labels } = targets;

  useEffect(() => {
    if (!canvas.current || !svg.current || !labels.current) return undefined;
    const created = new TopologyRenderer(
      canvas.current,
      svg.current,
      labels.current,
      (drawn, first) => {
        figure.current?.setAttribute('data-painted-endpoints', String(drawn.model.count));
        if (first) performance.mark('slicescope:topology-paint');
      },
    );
    setRenderer(created);
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const retheme = () => created.refreshTheme();
    scheme?.addEventListener?.('change', retheme);
    return () => {
      scheme?.removeEventListener?.('change', retheme);
      created.destroy();
    };
  }, [figure, canvas, svg, labels]);

  useEffect(() => {
    if (!plot || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      const height = Math.round(entry?.contentRect.height ?? 0);
      if (width > 0 && height > 0) setSize({ width, height });
    });
    observer.observe(plot);
    return () => observer.disconnect();
  }, [plot]);
  useEffect(() => renderer?.setSize(size.width, size.height), [renderer, size]);

  return { renderer, size };
}
