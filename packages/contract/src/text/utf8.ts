/**
 * Bytes as UTF-8 text, or where they stop being UTF-8. A decoder that replaced bad bytes with
 * U+FFFD would read a scenario in Latin-1 or UTF-16 as one with odd names, and say nothing.
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (error) {
    const offset = firstBadByte(bytes);
    // Valid UTF-8 that still does not decode: more text than a string holds, say.
    if (offset === undefined) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { ok: false, error: `cannot be read as text (${reason})` };
    }
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const hex = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      ok: false,
      error: `line ${line}: not UTF-8 text (byte 0x${hex} at offset ${offset}); save it as UTF-8`,
    };
  }
}

/**
 * The offset of the first byte that is no part of a UTF-8 character, by the Encoding standard's
 * decoder, or undefined if all are: of a sequence cut short (`é` in Latin-1 before `c`, or at the
 * end), its first byte.
 */
function firstBadByte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence, and the range of its second byte (no overlong forms, no
    // surrogates, nothing past U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < low || next > high) return i;
      low = 0x80;
      high = 0xbf;
    }
    i += length;
  }
  return undefined;
}
