import { useId } from 'react';
import { HEADER_HEIGHT } from './view.ts';
import { headerLines, OVERLOAD_THRESHOLD, type ZoneHeader } from './zoneHeaders.ts';

/**
 * The zone headers in the SVG layer: text written here, moved over their columns (and clipped to
 * them) by the renderer as the view pans and zooms.
 */
export function ZoneHeaders({ headers }: { headers: readonly ZoneHeader[] }) {
  const id = useId().replace(/[^A-Za-z0-9]/g, '');
  return (
    <g className="zone-headers">
      {headers.map((header) => {
        const lines = headerLines(header);
        const overloaded = (header.expectedOverload ?? 0) > OVERLOAD_THRESHOLD;
        const clip = `zone-clip-${id}-${header.column}`;
        return (
          <g
            key={`${header.column}-${header.label}`}
            className="zone-header"
            data-column={header.column}
          >
            <clipPath id={clip}>
              <rect className="clip" x="0" y="0" width="0" height={HEADER_HEIGHT} />
            </clipPath>
            <g clipPath={`url(#${clip})`}>
              {lines.map((line, index) => (
                <text
                  key={index}
                  x="6"
                  y={15 + index * 15}
                  className={
                    index === 0
                      ? 'zone-name'
                      : index === 3 && overloaded
                        ? 'zone-overload'
                        : 'zone-line'
                  }
                >
                  {line}
                </text>
              ))}
            </g>
          </g>
        );
      })}
    </g>
  );
}
