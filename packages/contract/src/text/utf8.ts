/**
 * Bytes as UTF-8 text, or where they stop being UTF-8. A decoder that replaced bad bytes with
 * U+FFFD would read a scenario in Latin-1 or UTF-16 as one with odd names, and say nothing.
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstBadByte(bytes);
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
 * The offset of the first byte that is no part of a UTF-8 character: a streaming decode of a
 * prefix fails exactly when the prefix holds a bad sequence, so the shortest failing prefix ends
 * at it (found by halving; only run once the whole text failed).
 */
function firstBadByte(bytes: Uint8Array): number {
  const fails = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 0;
  let high = bytes.length;
  // A truncated last character only fails when the stream ends: then it is the bad one.
  if (!fails(high)) {
    let start = high - 1;
    while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
    return start;
  }
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (fails(middle)) high = middle;
    else low = middle;
  }
  // The byte the decoder stopped at may end a character begun before it (Latin-1 "é" then "c"):
  // the character's first byte is the one to show.
  const stop = high - 1;
  let start = stop - 1;
  while (start >= 0 && stop - start < 4 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  const lead = bytes[start] ?? 0;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start >= 0 && stop - start < length ? start : stop;
}
