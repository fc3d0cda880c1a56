/**
 * Protobuf base-128 varints of JavaScript integers. Negative values are written as Go writes an
 * int32 or int64 cast to uint64: sign-extended to 64 bits, so always 10 bytes.
 */

/** Bytes of the varint of an integer (non-negative up to 2^53, or negative). */
export function varintSize(value: number): number {
  if (value < 0) return 10;
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  if (value < 0x800000000) return 5;
  if (value < 0x40000000000) return 6;
  if (value < 0x2000000000000) return 7;
  if (value < 0x100000000000000) return 8;
  return 9;
}

/** Writes the varint of `value` into `out` from `at`; returns the end offset. */
export function writeVarint(out: Uint8Array, at: number, value: number): number {
  let p = at;
  if (value < 0) {
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest >= 0x80n) {
      out[p++] = Number(rest & 0x7fn) | 0x80;
      rest >>= 7n;
    }
    out[p++] = Number(rest);
    return p;
  }
  let rest = value;
  while (rest >= 0x80) {
    out[p++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  out[p++] = rest;
  return p;
}
