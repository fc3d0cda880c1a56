import { CAPTION_LINE, captionChars, type MapLayout } from './layout.ts';

interface Markers {
  hovered?: number | undefined;
  focused?: number | undefined;
  selected?: number | undefined;
}

const truncate = (text: string, width: number) => {
  const chars = captionChars(width);
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
};

/** Zone headers, column rules and the hover, focus and selection markers over the canvas. */
export function MapOverlay({ layout, markers }: { layout: MapLayout; markers: Markers }) {
  const marker = (index: number | undefined, className: string) => {
    const node = index === undefined ? undefined : layout.nodes[index];
    if (!node) return null;
    return (
      <rect
        className={className}
        x={node.x - 1.5}
        y={node.y - 1.5}
        width={layout.cell + 3}
        height={layout.cell + 3}
      />
    );
  };
  return (
    <svg
      className="node-map-overlay"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      aria-hidden="true"
    >
      {layout.zones.map((zone, index) => (
        <g key={zone.zone} className="node-map-zone">
          {index > 0 && (
            <line
              className="node-map-rule"
              x1={zone.x - 8}
              x2={zone.x - 8}
              y1={0}
              y2={layout.height}
            />
          )}
          <text className="node-map-zone-name" x={zone.x} y={14}>
            {truncate(zone.label, zone.width)}
          </text>
          <text className="node-map-zone-counts" x={zone.x} y={30}>
            {zone.caption.map((line, row) => (
              <tspan key={row} x={zone.x} dy={row === 0 ? 0 : CAPTION_LINE}>
                {truncate(line, zone.width)}
              </tspan>
            ))}
          </text>
        </g>
      ))}
      {marker(markers.selected, 'node-map-selected')}
      {marker(markers.hovered, 'node-map-hovered')}
      {marker(markers.focused, 'node-map-focused')}
    </svg>
  );
}
