import { useId } from 'react';
import { HEADER_HEIGHT } from './view.ts';
import {
  compactHeaderLines,
  headerLines,
  headerWidth,
  OVERLOAD_THRESHOLD,
  type ZoneHeader,
} from './zoneHeaders.ts';

/**
 * The zone headers in the SVG layer: text written here, moved over their columns (and clipped to
 * them) by the renderer as the view pans and zooms. Each header has its full lines and compact
 * ones; the renderer shows the compact ones where the column is narrower than the full lines
 * (`data-full-width`).
 */
export function ZoneHeaders({ headers }: { headers: readonly ZoneHeader[] }) {
  const id = useId().replace(/[^A-Za-z0-9]/g, '');
  return (
    <g className="zone-headers">
      {headers.map((header) => {
        const lines = headerLines(header);
        const overloaded = (header.expectedOverload ?? 0) > OVERLOAD_THRESHOLD;
        const clip = `zone-clip-${id}-${header.column}`;
        const text = (shown: string[], variant: 'full' | 'compact') => (
          <g className={`zone-${variant}`}>
            {shown.map((line, index) => (
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
        );
        return (
          <g
            key={`${header.column}-${header.label}`}
            className="zone-header"
            data-column={header.column}
            data-full-width={headerWidth(lines)}
          >
            <clipPath id={clip}>
              <rect className="clip" x="0" y="0" width="0" height={HEADER_HEIGHT} />
            </clipPath>
            <g clipPath={`url(#${clip})`}>
              {text(lines, 'full')}
              {text(compactHeaderLines(header), 'compact')}
            </g>
          </g>
        );
      })}
    </g>
  );
}
