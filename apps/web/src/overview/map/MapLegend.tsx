import type { EndpointBins } from './bins.ts';
import { HEALTH_STYLE, HEALTHS } from './health.ts';
import { boxFraction, type NodeHealth } from './layout.ts';

const SWATCH = 14;

/** The canvas marks as SVG, for the legend. */
export function HealthMark({ health, size = SWATCH }: { health: NodeHealth; size?: number }) {
  const { colour } = HEALTH_STYLE[health];
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
      {health === 'unschedulable' ? (
        <>
          <rect
            x={1}
            y={1}
            width={size - 2}
            height={size - 2}
            fill="none"
            stroke={colour}
            strokeWidth={2}
          />
          <line x1={0} y1={size} x2={size} y2={0} stroke={colour} strokeWidth={2} />
        </>
      ) : (
        <>
          <rect width={size} height={size} fill={colour} />
          {health === 'not-ready' && (
            <path
              d={`M2 2L${size - 2} ${size - 2}M${size - 2} 2L2 ${size - 2}`}
              className="node-map-cross"
              strokeWidth={2}
            />
          )}
        </>
      )}
    </svg>
  );
}

export function MapLegend({ bins }: { bins: EndpointBins }) {
  const last = bins.ranges.length - 1;
  return (
    <div className="node-map-legend">
      <ul className="legend" aria-label="Node condition">
        {HEALTHS.map((health) => (
          <li key={health}>
            <HealthMark health={health} />
            {HEALTH_STYLE[health].label}
          </li>
        ))}
      </ul>
      <ul className="legend" aria-label="Endpoints per node (box size)">
        <li className="muted">Endpoints per node:</li>
        {bins.ranges.map((range, bin) => {
          const side = Math.round(SWATCH * boxFraction(bin, last));
          const offset = (SWATCH - side) / 2;
          return (
            <li key={range.label}>
              <svg width={SWATCH} height={SWATCH} aria-hidden="true">
                <rect className="node-map-size" x={offset} y={offset} width={side} height={side} />
              </svg>
              {range.label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
