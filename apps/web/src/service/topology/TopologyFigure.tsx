import type { HintsExplanationView, ServiceSummary } from '@slicescope/contract';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { sliceBoxCounts } from './aggregates.ts';
import { EndpointDetails, NodeDetails } from './Details.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { CONDITION_COUNT, endpointAt, type TopologyModel } from './model.ts';
import type { Scene, Selection } from './renderer.ts';
import { usePlotInput, type Pointed } from './usePlotInput.ts';
import { useRenderer } from './useRenderer.ts';
import { aspectStep, useScene } from './useScene.ts';
import { HEADER_HEIGHT } from './view.ts';
import { ZoneHeaders } from './ZoneHeaders.tsx';
import { zoneHeaders } from './zoneHeaders.ts';

interface Props {
  service: ServiceSummary;
  model: TopologyModel;
  hints: readonly HintsExplanationView[] | undefined;
  selectedSlice?: string;
  onSelectSlice: (slice: string | undefined) => void;
  selectedNode?: string;
  onSelectNode: (node: string | undefined) => void;
}

/** The drawing: canvas marks under an SVG layer, with zoom, hit-testing, tooltip and exports. */
export function TopologyFigure(props: Props) {
  const { service, model, hints, selectedSlice, selectedNode } = props;
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const labels = useRef<SVGGElement>(null);
  const targets = useMemo(() => ({ figure, canvas, svg, labels }), []);
  const [plot, setPlot] = useState<HTMLDivElement | null>(null);
  const id = useId().replace(/[^A-Za-z0-9]/g, '');

  const { renderer, size } = useRenderer(targets, plot);
  const scene = useScene(model, aspectStep(size.width / Math.max(1, size.height - HEADER_HEIGHT)));
  useEffect(() => {
    if (renderer && scene) renderer.setScene(scene);
  }, [renderer, scene]);

  const selection = useMemo((): Selection => {
    if (!scene) return { slice: -1, perBox: undefined, box: -1 };
    const { slices, boxes } = scene.model;
    const slice = slices.findIndex((range) => range.name === selectedSlice);
    const box = boxes.findIndex((entry) => entry.node !== undefined && entry.node === selectedNode);
    return { slice, perBox: slice >= 0 ? sliceBoxCounts(scene.model, slice) : undefined, box };
  }, [scene, selectedSlice, selectedNode]);
  useEffect(() => renderer?.setSelection(selection), [renderer, selection]);

  const fit = useMemo(() => [scene, size], [scene, size]);
  const { pointed, handlers, zoomer } = usePlotInput({
    ...props,
    scene,
    renderer,
    plot,
    fit,
    selection,
  });
  const headers = useMemo(
    () => (scene ? zoneHeaders(scene.model, scene.columnCounts, hints) : []),
    [scene, hints],
  );
  const tooltip = scene && pointed ? describe(scene, pointed) : undefined;
  const tooltipId = `${id}-tooltip`;

  return (
    <figure
      ref={figure}
      className="topology-figure"
      data-testid="topology"
      data-zones={model.zones}
      data-nodes={model.nodes}
      data-endpoints={model.count}
      aria-labelledby={`${id}-caption`}
    >
      <div className="toolbar topology-zoom">
        <button type="button" onClick={() => zoomer.zoomBy(1.5)} title="Zoom in (+)">
          Zoom in
        </button>
        <button type="button" onClick={() => zoomer.zoomBy(1 / 1.5)} title="Zoom out (−)">
          Zoom out
        </button>
        <button type="button" onClick={() => zoomer.reset()} title="Reset zoom (0)">
          Reset zoom
        </button>
        <ExportButtons service={service} renderer={renderer} canvas={canvas} svg={svg} />
      </div>
      <div
        ref={setPlot}
        className="topology-plot"
        tabIndex={0}
        aria-label={`Endpoints of ${service.namespace}/${service.name} by zone and node`}
        aria-describedby={tooltip ? tooltipId : undefined}
        {...handlers}
      >
        <canvas ref={canvas} className="topology-canvas" />
        <svg
          ref={svg}
          className="topology-overlay"
          width={size.width}
          height={size.height}
          role="group"
          aria-label="Zones"
        >
          <clipPath id={`${id}-plot`}>
            <rect x="0" y={HEADER_HEIGHT} width={size.width} height={size.height - HEADER_HEIGHT} />
          </clipPath>
          <ZoneHeaders headers={headers} />
          <g clipPath={`url(#${id}-plot)`}>
            <g ref={labels} className="topology-labels" aria-hidden="true" />
          </g>
        </svg>
        {tooltip && pointed && (
          <div
            id={tooltipId}
            role="tooltip"
            className={`topology-tooltip${pointed.x < 0 ? ' topology-tooltip-fixed' : ''}`}
            style={pointed.x >= 0 ? tooltipPlace(pointed, size) : undefined}
          >
            {tooltip}
          </div>
        )}
      </div>
      <figcaption id={`${id}-caption`} className="muted">
        Endpoints of {service.namespace}/{service.name}: zones as columns, nodes as boxes. Scroll or
        + / − to zoom, drag or arrow keys to pan, n / p to move between endpoints, Enter to select
        an endpoint&apos;s slice, Esc to clear.
      </figcaption>
    </figure>
  );
}

/** Beside the point, inside the plot: below it in the upper half, above it in the lower half. */
function tooltipPlace(pointed: Pointed, size: { width: number; height: number }) {
  const left = Math.max(0, Math.min(pointed.x + 14, size.width - 320));
  return pointed.y < size.height / 2
    ? { left, top: pointed.y + 14 }
    : { left, top: pointed.y - 14, transform: 'translateY(-100%)' };
}

function describe(scene: Scene, pointed: Pointed) {
  const { model } = scene;
  if (pointed.endpoint >= 0) {
    const endpoint = endpointAt(model, pointed.endpoint);
    const slice = model.slices[model.sliceOf[pointed.endpoint] ?? -1]?.name ?? '';
    return endpoint ? <EndpointDetails endpoint={endpoint} slice={slice} /> : undefined;
  }
  const box = model.boxes[pointed.box];
  if (!box) return undefined;
  const start = pointed.box * CONDITION_COUNT;
  return (
    <NodeDetails
      node={box.node}
      zone={model.columns[box.column]?.zone}
      summary={box.summary}
      counts={Array.from(model.boxCounts.subarray(start, start + CONDITION_COUNT))}
    />
  );
}
