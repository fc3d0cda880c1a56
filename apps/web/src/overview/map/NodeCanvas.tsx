import { useEffect, useRef } from 'react';
import { drawNodes } from './drawNodes.ts';
import type { MapLayout } from './layout.ts';
import { useColourScheme, usePixelRatio } from './useMeasure.ts';

/**
 * The node boxes on one canvas, sharp on high-density screens. Redrawn in an animation frame when
 * the layout (nodes, size), the pixel ratio or the theme changes, never on hover or focus moves
 * (those markers live in the SVG above).
 */
export function NodeCanvas({ layout }: { layout: MapLayout }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const ratio = usePixelRatio();
  const scheme = useColourScheme();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return undefined;
    const frame = requestAnimationFrame(() => {
      const width = Math.ceil(layout.width * ratio);
      const height = Math.ceil(layout.height * ratio);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) return;
      const background = getComputedStyle(canvas).getPropertyValue('--bg').trim() || '#ffffff';
      drawNodes(context, layout, ratio, background);
    });
    return () => cancelAnimationFrame(frame);
  }, [layout, ratio, scheme]);
  return (
    <canvas
      ref={ref}
      className="node-map-canvas"
      aria-hidden="true"
      style={{ width: layout.width, height: layout.height }}
    />
  );
}
