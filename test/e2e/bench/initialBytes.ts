import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialBytes {
  files: { path: string; raw: number; gzip: number }[];
  jsGzip: number;
  cssGzip: number;
}

/**
 * What index.html makes the browser load before the app runs: its module scripts, modulepreloads
 * and stylesheets, each gzipped (level 9, as a server or CDN would serve them).
 */
export async function initialBytes(webRoot: string): Promise<InitialBytes> {
  const html = await readFile(join(webRoot, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) paths.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="(stylesheet|modulepreload)"/.test(tag)) paths.add(href);
  }
  const files = await Promise.all(
    [...paths]
      .filter((path) => !/^(data:|https?:)/.test(path))
      .map(async (path) => {
        const bytes = await readFile(join(webRoot, path.replace(/^\.?\//, '')));
        return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      }),
  );
  const sum = (ext: RegExp) =>
    files.filter((file) => ext.test(file.path)).reduce((total, file) => total + file.gzip, 0);
  return { files, jsGzip: sum(/\.m?js$/), cssGzip: sum(/\.css$/) };
}
