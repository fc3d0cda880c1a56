import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/**
 * Every import of a package's sources that leaves the package and is not in `allowed`, as
 * `file: specifier` — the check behind each package's boundary test.
 */
export function importsOutside(srcDir: string, allowed: readonly string[] = []): string[] {
  const offenders: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/gm,
    )) {
      const specifier = match[1] ?? match[2] ?? '';
      if (!specifier.startsWith('.') && !allowed.includes(specifier)) {
        offenders.push(`${file.slice(srcDir.length + 1)}: ${specifier}`);
      }
    }
  }
  return offenders;
}
