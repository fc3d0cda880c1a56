import type { ServiceSummary } from '@slicescope/contract';
import { useState, type RefObject } from 'react';
import { download, fileName } from '../../export/download.ts';
import { pictureToPng, pictureToSvg, type Picture } from '../../export/picture.ts';
import type { TopologyRenderer } from './renderer.ts';

/** "Export PNG" and "Export SVG" of what the figure shows now (canvas marks + SVG layer). */
export function ExportButtons({
  service,
  renderer,
  canvas,
  svg,
}: {
  service: ServiceSummary;
  renderer: TopologyRenderer | undefined;
  canvas: RefObject<HTMLCanvasElement | null>;
  svg: RefObject<SVGSVGElement | null>;
}) {
  const [problem, setProblem] = useState<string>();
  const name = (extension: string) =>
    fileName([service.namespace, service.name, 'topology'], extension);

  const picture = (): Picture | undefined => {
    if (!renderer || !canvas.current) return undefined;
    renderer.draw();
    const background =
      getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
    return {
      width: renderer.width,
      height: renderer.height,
      canvases: [canvas.current],
      svg: svg.current ?? undefined,
      background,
    };
  };
  const run = async (save: (current: Picture) => Promise<void> | void) => {
    setProblem(undefined);
    const current = picture();
    if (!current) return;
    try {
      await save(current);
    } catch (error) {
      setProblem(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() =>
          void run(async (current) => download(await pictureToPng(current), name('png')))
        }
      >
        Export PNG
      </button>
      <button
        type="button"
        onClick={() =>
          void run((current) =>
            download(new Blob([pictureToSvg(current)], { type: 'image/svg+xml' }), name('svg')),
          )
        }
      >
        Export SVG
      </button>
      {problem && (
        <span role="alert" className="state-error">
          {problem}
        </span>
      )}
    </>
  );
}
