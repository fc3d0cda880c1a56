import { CONDITION_STYLE, CONDITIONS } from '../../ui/conditions.ts';
import { shapePath } from './marks.ts';

/** Shapes and colours of the conditions, the selected slice's outline and the kinds of boxes. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {CONDITIONS.map((condition) => {
        const style = CONDITION_STYLE[condition];
        const cross = style.shape === 'cross';
        return (
          <li key={condition}>
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path
                d={shapePath(style.shape, 7, 7, 5)}
                fill={cross ? 'none' : style.colour}
                stroke={cross ? style.colour : 'none'}
                strokeWidth={cross ? 2.5 : 0}
              />
            </svg>
            {style.label}
          </li>
        );
      })}
      <li>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="1.5" y="1.5" width="11" height="11" className="legend-selected" />
        </svg>
        Selected slice
      </li>
      <li>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="1.5" y="1.5" width="11" height="11" className="legend-faint" />
        </svg>
        Node without endpoints of this Service
      </li>
      <li>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="1.5" y="1.5" width="11" height="11" className="legend-unknown" />
        </svg>
        Endpoints without a node
      </li>
    </ul>
  );
}
