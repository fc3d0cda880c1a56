import { CONDITION_STYLE, CONDITIONS } from '../../ui/conditions.ts';

/** The endpoint marks: one shape per condition, added to a path so a condition draws at once. */

export type Shape = (typeof CONDITION_STYLE)[keyof typeof CONDITION_STYLE]['shape'];

export const SHAPE_OF: readonly Shape[] = CONDITIONS.map(
  (condition) => CONDITION_STYLE[condition].shape,
);
export const COLOUR_OF: readonly string[] = CONDITIONS.map(
  (condition) => CONDITION_STYLE[condition].colour,
);

/** Opacity of what is not in the selected slice. */
export const DIM = 0.22;

/** Anything with moveTo/lineTo/arc/closePath: a Path2D or a 2D context. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, start: number, end: number): void;
  closePath(): void;
}

/** Adds a shape of "radius" r centred on (x, y). Crosses are meant to be stroked, others filled. */
export function addShape(path: PathSink, shape: Shape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'circle':
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, Math.PI * 2);
      return;
    case 'diamond':
      path.moveTo(x, y - r * 1.15);
      path.lineTo(x + r * 1.15, y);
      path.lineTo(x, y + r * 1.15);
      path.lineTo(x - r * 1.15, y);
      path.closePath();
      return;
    case 'triangle':
      path.moveTo(x, y - r * 1.1);
      path.lineTo(x + r * 1.05, y + r * 0.8);
      path.lineTo(x - r * 1.05, y + r * 0.8);
      path.closePath();
      return;
    case 'cross': {
      const d = r * 0.85;
      path.moveTo(x - d, y - d);
      path.lineTo(x + d, y + d);
      path.moveTo(x + d, y - d);
      path.lineTo(x - d, y + d);
      return;
    }
  }
}

/** An SVG path `d` for a shape (the legend). */
export function shapePath(shape: Shape, x: number, y: number, r: number): string {
  const parts: string[] = [];
  const sink: PathSink = {
    moveTo: (px, py) => parts.push(`M${px.toFixed(2)} ${py.toFixed(2)}`),
    lineTo: (px, py) => parts.push(`L${px.toFixed(2)} ${py.toFixed(2)}`),
    arc: (cx, cy, radius) =>
      parts.push(
        `M${(cx + radius).toFixed(2)} ${cy.toFixed(2)}A${radius} ${radius} 0 1 1 ${(cx - radius).toFixed(2)} ${cy.toFixed(2)}A${radius} ${radius} 0 1 1 ${(cx + radius).toFixed(2)} ${cy.toFixed(2)}`,
      ),
    closePath: () => parts.push('Z'),
  };
  addShape(sink, shape, x, y, r);
  return parts.join('');
}
