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

/** 32 random bits as 8 hex digits (by byte: a Pod's uid is made of four). */
function word(random: Random): string {
  const bits = Math.floor(random.next() * 4294967296);
  return (
    (HEX_BYTES[bits >>> 24] as string) +
    (HEX_BYTES[(bits >>> 16) & 255] as string) +
    (HEX_BYTES[(bits >>> 8) & 255] as string) +
    (HEX_BYTES[bits & 255] as string)
  );
}

/** A version-4 UUID, as the API server gives every object. */
export function uid(random: Random): string {
  const a = word(random);
  const b = word(random);
  const c = word(random);
  const d = word(random);
  const variant = (8 + (parseInt(c[0] as string, 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
