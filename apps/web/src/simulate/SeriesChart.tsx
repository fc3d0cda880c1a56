import { useId, useMemo, useRef, useState } from 'react';
import { download } from '../export/download.ts';
import { pictureToPng } from '../export/picture.ts';
import { ChartTable } from './ChartTable.tsx';
import {
  CHART_FRAME,
  chartScales,
  linePath,
  logTickLabels,
  logTicks,
  stemsOutlinePath,
} from './chartScales.ts';
import type { ChartData, LineId } from './chartSeries.ts';
import { formatInstant, formatSeconds } from './format.ts';

/** Colour (a CSS class), dashes and marker of each line: never colour alone. */
export const LINE_STYLE: Record<LineId, { dash?: string; marker?: 'square' | 'circle' }> = {
  endpoints: { dash: '7 4', marker: 'square' },
  endpointSlices: { marker: 'circle' },
  endpointsProtobuf: { dash: '2 3' },
  endpointSlicesProtobuf: { dash: '9 3 2 3' },
};

/**
 * Solid lines first, dashed ones over them: where Endpoints and EndpointSlices are equal (a
 * write of each per sync), the dashes still show the line beneath is there too.
 */
function drawOrder<T extends { id: LineId }>(lines: readonly T[]): T[] {
  const dashed = (line: T): number => (LINE_STYLE[line.id].dash ? 1 : 0);
  return [...lines].sort((a, b) => dashed(a) - dashed(b));
}

/** Pixels a point's marker needs to itself: markers are drawn when every point has as many. */
const MARKER_SPACING = 8;
/** Pixels between the stems of neighbouring lines at one step, so that equal ones show both. */
const STEM_GAP = 3;
/**
 * Pixels of a column of the outline drawn instead of stems when each step has less room than
 * its stems side by side take: thousands of stems would merge into a block, one line hiding
 * the other.
 */
const OUTLINE_COLUMN = 2;
/** The step marker's label: its text size and the backdrop's padding, in pixels. */
const MARKER_FONT = 11;
const MARKER_PAD = 3;

function Marker({ kind, x, y }: { kind: 'square' | 'circle'; x: number; y: number }) {
  return kind === 'square' ? (
    <rect x={x - 3} y={y - 3} width={6} height={6} />
  ) : (
    <circle cx={x} cy={y} r={3.2} />
  );
}

/**
 * The step marker's label on a backdrop of the page's colour: no line beneath strikes it
 * through. Its width is estimated from the text (about 0.6 em a character), so it holds
 * without measuring the text, in a PNG export too.
 */
function MarkerLabel({
  text,
  x,
  y,
  anchor,
}: {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
}) {
  const width = Math.ceil(text.length * MARKER_FONT * 0.6) + 2 * MARKER_PAD;
  const left = anchor === 'start' ? x - MARKER_PAD : x + MARKER_PAD - width;
  return (
    <>
      <rect x={left} y={y - MARKER_FONT} width={width} height={MARKER_FONT + MARKER_PAD} />
      <text x={x} y={y} textAnchor={anchor}>
        {text}
      </text>
    </>
  );
}

/**
 * One chart of a run's time series: Endpoints vs EndpointSlices on a log scale, with axes, a
 * legend, a title and description for screen readers, a data table and a PNG export.
 */
export function SeriesChart({
  chart,
  run,
  pngName,
  selected,
}: {
  chart: ChartData;
  /** The run's name in titles ("Run A"). */
  run: string;
  /** The file name of the chart's PNG export. */
  pngName: string;
  /** The step to mark (an index of the series). */
  selected?: number;
}) {
  const id = useId();
  const svg = useRef<SVGSVGElement>(null);
  const [table, setTable] = useState(false);
  const [problem, setProblem] = useState<string>();
  const { width, height, margin } = CHART_FRAME;
  const scales = useMemo(
    () =>
      chartScales(
        CHART_FRAME,
        chart.times,
        chart.lines.flatMap((line) => line.values),
      ),
    [chart],
  );
  const { x, y, yOf, baseline: bottom } = scales;
  const yTicks = logTicks(y.domain() as [number, number]);
  const yLabels = logTickLabels(yTicks, chart.unit);
  const xTicks = x.ticks(6);
  const room = (width - margin.left - margin.right) / Math.max(1, chart.times.length);
  const marked = room >= MARKER_SPACING;
  const stemsApart = room >= STEM_GAP * chart.lines.length;
  const selectedT = selected === undefined ? undefined : chart.times[selected];
  const markerX = selectedT === undefined ? undefined : x(selectedT);
  const markerOnRight = markerX !== undefined && markerX > (margin.left + width - margin.right) / 2;

  const exportPng = async () => {
    setProblem(undefined);
    if (!svg.current) return;
    const background =
      getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
    try {
      const blob = await pictureToPng({
        width,
        height,
        canvases: [],
        svg: svg.current,
        background,
      });
      download(blob, pngName);
    } catch (error) {
      setProblem(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <figure
      className="sim-chart"
      data-testid={`chart-${chart.id}`}
      data-points={chart.times.length}
      data-lines={chart.lines.length}
    >
      <svg
        ref={svg}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
      >
        <title id={`${id}-title`}>{`${run}: ${chart.title}`}</title>
        <desc id={`${id}-desc`}>
          {chart.description}
          {selectedT === undefined
            ? ''
            : ` The step at ${formatSeconds(selectedT)}, whose slices are listed below, is marked.`}
        </desc>
        <text className="sim-chart-title" x={margin.left} y={16}>
          {chart.title}
        </text>
        <g className="sim-legend" transform={`translate(${margin.left}, 32)`}>
          {chart.lines.map((line, index) => {
            const style = LINE_STYLE[line.id];
            const left = (index % 2) * 240;
            return (
              <g
                key={line.id}
                className={`sim-series-${line.id}`}
                transform={`translate(0, ${Math.floor(index / 2) * 15})`}
              >
                <line
                  className="sim-line"
                  x1={left}
                  x2={left + 26}
                  y1={0}
                  y2={0}
                  strokeDasharray={style.dash}
                />
                {style.marker && <Marker kind={style.marker} x={left + 13} y={0} />}
                <text x={left + 32} y={4}>
                  {line.sameAs ? `${line.label}, same as ${line.sameAs}` : line.label}
                </text>
              </g>
            );
          })}
        </g>
        <g className="sim-axis">
          {yTicks.map((tick, index) => (
            <g key={tick}>
              <line
                className="sim-grid-line"
                x1={margin.left}
                x2={width - margin.right}
                y1={y(tick)}
                y2={y(tick)}
              />
              <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end">
                {yLabels[index]}
              </text>
            </g>
          ))}
          <line x1={margin.left} x2={width - margin.right} y1={bottom} y2={bottom} />
          <text x={margin.left - 6} y={bottom + 4} textAnchor="end">
            0
          </text>
          {xTicks.map((tick) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={bottom} y2={bottom + 4} />
              <text x={x(tick)} y={bottom + 16} textAnchor="middle">
                {formatInstant(tick)}
              </text>
            </g>
          ))}
          <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle">
            Simulated time (s)
          </text>
        </g>
        {drawOrder(chart.lines).map((line) => {
          const style = LINE_STYLE[line.id];
          const stems = chart.shape === 'stems';
          // Stems of one step side by side, centred on it, in the legend's order.
          const dx =
            stems && stemsApart
              ? STEM_GAP * (chart.lines.indexOf(line) - (chart.lines.length - 1) / 2)
              : 0;
          const points = line.values.map(
            (value, index) => [x(chart.times[index] ?? 0) + dx, yOf(value)] as const,
          );
          return (
            <g key={line.id} className={`sim-series-${line.id}`}>
              <path
                className="sim-line"
                d={
                  stems && !stemsApart
                    ? stemsOutlinePath(points, bottom, OUTLINE_COLUMN)
                    : linePath(points, chart.shape, bottom)
                }
                strokeDasharray={style.dash}
              />
              {marked &&
                style.marker &&
                points.map(([px, py], index) =>
                  chart.shape === 'stems' && py >= bottom ? null : (
                    <Marker key={index} kind={style.marker!} x={px} y={py} />
                  ),
                )}
            </g>
          );
        })}
        {markerX !== undefined && selectedT !== undefined && (
          // Over the lines, named at its top on the side towards the middle (it reads at either
          // edge, and in an exported PNG without the page around it).
          <g className="sim-step-marker" data-testid="step-marker">
            <line x1={markerX} x2={markerX} y1={margin.top} y2={bottom} />
            <MarkerLabel
              text={`step at ${formatSeconds(selectedT)}`}
              x={markerX + (markerOnRight ? -4 : 4)}
              y={margin.top + MARKER_FONT}
              anchor={markerOnRight ? 'end' : 'start'}
            />
          </g>
        )}
      </svg>
      <figcaption className="toolbar">
        <button
          type="button"
          aria-expanded={table}
          aria-controls={`${id}-table`}
          aria-label={`${table ? 'Hide' : 'Show'} data table of ${chart.title}`}
          onClick={() => setTable((open) => !open)}
        >
          {table ? 'Hide' : 'Show'} data table
        </button>
        <button
          type="button"
          aria-label={`Export PNG of ${chart.title}`}
          onClick={() => void exportPng()}
        >
          Export PNG
        </button>
        {problem && (
          <span role="alert" className="state-error">
            {problem}
          </span>
        )}
      </figcaption>
      <div id={`${id}-table`} hidden={!table}>
        {table && <ChartTable chart={chart} run={run} />}
      </div>
    </figure>
  );
}
