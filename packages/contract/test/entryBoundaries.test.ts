import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));
/** core for types and constants, zod and yaml: all three run in browsers and workers too. */
const ALLOWED = ['@slicescope/core', 'zod', 'yaml'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('packages/contract boundaries', () => {
  test('src imports only itself, core, zod and yaml, so the web app can import it', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/gm,
      )) {
        const specifier = match[1] ?? match[2] ?? '';
        if (!specifier.startsWith('.') && !ALLOWED.includes(specifier)) {
          offenders.push(`${file.slice(srcDir.length + 1)}: ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
