import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { importsOutside } from '../../../scripts/testing/importBoundaries.ts';

/** core for types and constants, zod and yaml: all three run in browsers and workers too. */
const ALLOWED = ['@slicescope/core', 'zod', 'yaml'];

describe('packages/contract boundaries', () => {
  test('src imports only itself, core, zod and yaml, so the web app can import it', () => {
    expect(importsOutside(fileURLToPath(new URL('../src', import.meta.url)), ALLOWED)).toEqual([]);
  });
});
