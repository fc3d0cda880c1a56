/**
 * Exports of a drawn picture: an SVG document (the view's SVG layer with its canvas marks embedded
 * as an image, and the colours the theme gave it resolved), and a PNG at the screen's resolution.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Copies computed fill/stroke/font and display onto a clone, so the file looks the same outside
 * the page (the zone headers' full or compact lines are shown by the page's style).
 */
function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = (target as SVGElement).style;
  for (const property of [
    'display',
    'fill',
    'stroke',
    'stroke-width',
    'opacity',
    'font-size',
    'font-family',
    'font-weight',
  ]) {
    const value = computed.getPropertyValue(property);
    if (value) style.setProperty(property, value);
  }
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let index = 0; index < sourceChildren.length; index++) {
    const from = sourceChildren[index];
    const to = targetChildren[index];
    if (from && to) inlineStyles(from, to);
  }
}

export interface Picture {
  width: number;
  height: number;
  /** Canvas layers drawn under the SVG, in order. */
  canvases: readonly HTMLCanvasElement[];
  /** The SVG layer on top (labels, axes), if any. */
  svg?: SVGSVGElement;
  /** Background colour (the theme's). */
  background: string;
}

/** The picture as a standalone SVG document. */
export function pictureToSvg(picture: Picture): string {
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(picture.width));
  root.setAttribute('height', String(picture.height));
  root.setAttribute('viewBox', `0 0 ${picture.width} ${picture.height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', picture.background);
  root.append(background);
  for (const canvas of picture.canvases) {
    const image = document.createElementNS(SVG_NS, 'image');
    image.setAttribute('width', String(picture.width));
    image.setAttribute('height', String(picture.height));
    image.setAttribute('href', canvas.toDataURL('image/png'));
    root.append(image);
  }
  if (picture.svg) {
    const clone = picture.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(picture.svg, clone);
    const group = document.createElementNS(SVG_NS, 'g');
    group.append(...Array.from(clone.childNodes));
    root.append(group);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
}

/** The picture as a PNG, composed at the device pixel ratio. */
export async function pictureToPng(picture: Picture): Promise<Blob> {
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(picture.width * ratio);
  canvas.height = Math.round(picture.height * ratio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw a PNG (no 2D canvas).');
  context.fillStyle = picture.background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  for (const layer of picture.canvases) context.drawImage(layer, 0, 0, canvas.width, canvas.height);
  if (picture.svg) {
    const clone = picture.svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(picture.svg, clone);
    clone.setAttribute('xmlns', SVG_NS);
    clone.setAttribute('width', String(picture.width));
    clone.setAttribute('height', String(picture.height));
    const url = URL.createObjectURL(
      new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }),
    );
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
      'image/png',
    ),
  );
}
