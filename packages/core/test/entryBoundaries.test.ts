import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('packages/core boundaries', () => {
  test('imports nothing but its own files, so it runs in Node, browsers and workers alike', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g,
      )) {
        const specifier = match[1] ?? match[2] ?? '';
        if (!specifier.startsWith('.'))
          offenders.push(`${file.slice(srcDir.length + 1)}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
