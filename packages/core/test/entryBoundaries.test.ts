import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { importsOutside } from '../../../scripts/testing/importBoundaries.ts';

describe('packages/core boundaries', () => {
  test('imports nothing but its own files, so it runs in Node, browsers and workers alike', () => {
    expect(importsOutside(fileURLToPath(new URL('../src', import.meta.url)))).toEqual([]);
  });
});
