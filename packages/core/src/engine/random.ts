/**
 * Seeded randomness and the names Kubernetes generates, so that the same seed gives the same
 * cluster history. `createRandom` is mulberry32: small, fast, and good enough for simulation.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (bound) => Math.floor(next() * bound) };
}

/** The alphabet of generateName suffixes (apimachinery util/rand: no vowels, no look-alikes). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters as the API server appends to `generateName`. */
export function nameSuffix(random: Random, length = 5): string {
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += SUFFIX_ALPHABET[random.below(SUFFIX_ALPHABET.length)];
  return suffix;
}

/** The two hex digits of each byte value. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** 32 random bits, as a uid takes them. */
function word(random: Random): number {
  return Math.floor(random.next() * 4294967296);
}

const HEX_DIGITS = '0123456789abcdef';

/** The hex digits of one byte of a word (byte 3 is the most significant). */
function hexByte(bits: number, byte: number): string {
  return HEX_BYTES[(bits >>> (8 * byte)) & 255] as string;
}

/**
 * A version-4 UUID, as the API server gives every object. Its parts are joined in one go: V8
 * keeps a concatenation as a tree of its pieces until something flattens it, and nothing reads a
 * uid often enough to, so every object would keep the tree for good.
 */
export function uid(random: Random): string {
  const a = word(random);
  const b = word(random);
  const c = word(random);
  const d = word(random);
  return [
    hexByte(a, 3),
    hexByte(a, 2),
    hexByte(a, 1),
    hexByte(a, 0),
    '-',
    hexByte(b, 3),
    hexByte(b, 2),
    // The version digit, then the second word's last three (its fifth makes way).
    '-4',
    HEX_DIGITS[(b >>> 8) & 15],
    hexByte(b, 0),
    '-',
    // The variant: 10 in the top bits of the digit.
    HEX_DIGITS[8 + ((c >>> 28) & 3)],
    HEX_DIGITS[(c >>> 24) & 15],
    hexByte(c, 2),
    '-',
    hexByte(c, 1),
    hexByte(c, 0),
    hexByte(d, 3),
    hexByte(d, 2),
    hexByte(d, 1),
    hexByte(d, 0),
  ].join('');
}
