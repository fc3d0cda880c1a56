import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUtf8 } from '../src/text/utf8.ts';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('decodeUtf8', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads any text encoded as UTF-8 back as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeUtf8(new TextEncoder().encode(text))).toEqual({ ok: true, text });
      }),
    );
  });

  it.each([
    [bytes(0x61, 0x0a, 0x62, 0xe9, 0x63), 'line 2: not UTF-8 text (byte 0xe9 at offset 3)'],
    [bytes(0x61, 0xc3, 0xa9, 0xff), 'line 1: not UTF-8 text (byte 0xff at offset 3)'],
    [bytes(0x61, 0x80), 'line 1: not UTF-8 text (byte 0x80 at offset 1)'],
    [bytes(0x61, 0xe2, 0x82), 'line 1: not UTF-8 text (byte 0xe2 at offset 1)'],
    [bytes(0xff, 0xfe, 0x61, 0x00), 'line 1: not UTF-8 text (byte 0xff at offset 0)'],
  ])('names the first byte that is no UTF-8 (%#)', (input, error) => {
    expect(decodeUtf8(input)).toEqual({ ok: false, error: `${error}; save it as UTF-8` });
  });

  it('refuses exactly what a strict decoder refuses, at a byte before which all is text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        let strict = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(input);
        } catch {
          strict = false;
        }
        const result = decodeUtf8(input);
        expect(result.ok).toBe(strict);
        if (result.ok) return;
        const offset = Number(/at offset (\d+)/.exec(result.error)?.[1]);
        expect(offset).toBeLessThan(input.length);
        // Everything before the named byte decodes (a character may be left open at its end).
        expect(() =>
          new TextDecoder('utf-8', { fatal: true }).decode(input.subarray(0, offset), {
            stream: true,
          }),
        ).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('does not call valid UTF-8 bad when decoding fails for another reason', () => {
    // As V8 fails past its longest string (512 MiB): the bytes are text, just too many.
    class TooLong {
      decode(): string {
        throw new Error('Cannot create a string longer than 0x1fffffe8 characters');
      }
    }
    vi.stubGlobal('TextDecoder', TooLong);
    expect(decodeUtf8(new Uint8Array(1000))).toEqual({
      ok: false,
      error: 'cannot be read as text (Cannot create a string longer than 0x1fffffe8 characters)',
    });
  });
});
