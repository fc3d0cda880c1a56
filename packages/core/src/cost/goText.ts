/**
 * Strings as Go writes them: JSON text in encoding/json's escaping (the API server's encoder keeps
 * `escapeHTML` on), and UTF-8 bytes for protobuf. Both measured without building the text.
 *
 * Go's escaping of a string value, as opposed to JSON.stringify's:
 * - `<`, `>`, `&` become `\u003c`, `\u003e`, `\u0026` (6 bytes each);
 * - U+2028 and U+2029 become `\u2028` and `\u2029` (6 bytes; 3 raw);
 * - `"` and `\` get a backslash; \b \f \n \r \t their short escapes; other bytes below 0x20
 *   `\u00XX` (Go 1.22+; every supported Kubernetes release is built with a newer Go);
 * - DEL (0x7f) and all other characters are written raw, in UTF-8;
 * - a lone UTF-16 surrogate cannot reach Go: its JSON decoder turns `\udXXX` without a partner
 *   into U+FFFD, which is then written raw (3 bytes). TextEncoder does the same substitution.
 */

/** Anything but the printable ASCII Go writes as itself (0x20–0x7f except `"`, `\`, `<`, `>`, `&`). */
const NEEDS_CARE = /[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7f]/;

/** The JSON length of the string last measured by {@link measureString}, quotes included. */
export const measured = { json: 0 };

/**
 * UTF-8 length of `s` (its protobuf bytes); also sets `measured.json` to the length of the Go JSON
 * string literal. One regular-expression test for the usual plain-ASCII string.
 */
export function measureString(s: string): number {
  if (!NEEDS_CARE.test(s)) {
    measured.json = s.length + 2;
    return s.length;
  }
  let utf8 = 0;
  let json = 2;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      utf8 += 1;
      if (c >= 0x20) {
        json += c === 0x22 || c === 0x5c ? 2 : c === 0x3c || c === 0x3e || c === 0x26 ? 6 : 1;
      } else {
        json += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
      }
    } else if (c < 0x800) {
      utf8 += 2;
      json += 2;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        utf8 += 4;
        json += 4;
        i++;
      } else {
        utf8 += 3;
        json += 3;
      }
    } else {
      utf8 += 3;
      json += c === 0x2028 || c === 0x2029 ? 6 : 3;
    }
  }
  measured.json = json;
  return utf8;
}

const HEX = '0123456789abcdef';
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
};

function unicodeEscape(c: number): string {
  return `\\u${HEX[(c >> 12) & 15]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
}

/** `s` as a Go JSON string literal, quotes included; lone surrogates become U+FFFD. */
export function goQuote(s: string): string {
  if (!NEEDS_CARE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | undefined;
    if (c < 0x80) {
      if (c === 0x22) replacement = '\\"';
      else if (c === 0x5c) replacement = '\\\\';
      else if (c < 0x20) replacement = SHORT_ESCAPES[c] ?? unicodeEscape(c);
      else if (c === 0x3c || c === 0x3e || c === 0x26) replacement = unicodeEscape(c);
    } else if (c === 0x2028 || c === 0x2029) {
      replacement = unicodeEscape(c);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else replacement = '\ufffd';
    }
    if (replacement !== undefined) {
      out += s.slice(start, i) + replacement;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

/** Writes `s` as UTF-8 (lone surrogates as U+FFFD) into `out` from `at`; returns the end offset. */
export function writeUtf8(s: string, out: Uint8Array, at: number): number {
  let p = at;
  const length = s.length;
  for (let i = 0; i < length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
      continue;
    }
    if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
        const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[p++] = 0xf0 | (point >> 18);
        out[p++] = 0x80 | ((point >> 12) & 63);
        out[p++] = 0x80 | ((point >> 6) & 63);
        out[p++] = 0x80 | (point & 63);
        i++;
        continue;
      }
      c = 0xfffd;
    }
    out[p++] = 0xe0 | (c >> 12);
    out[p++] = 0x80 | ((c >> 6) & 63);
    out[p++] = 0x80 | (c & 63);
  }
  return p;
}

/** Characters of the decimal text of an integer, as Go's strconv writes it. */
export function decimalLength(value: number): number {
  if (value < 0) return 1 + decimalLength(-value);
  if (value < 10) return 1;
  if (value < 100) return 2;
  if (value < 1000) return 3;
  if (value < 10000) return 4;
  if (value < 100000) return 5;
  if (value < 1000000) return 6;
  if (value < 10000000) return 7;
  if (value < 100000000) return 8;
  if (value < 1000000000) return 9;
  return String(value).length;
}

/** The code point at `i`; a lone surrogate reads as U+FFFD, as Go's decoder turns it into one. */
function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return c;
  const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  if (c <= 0xdbff && (next & 0xfc00) === 0xdc00)
    return 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
  return 0xfffd;
}

/**
 * Orders strings as Go's sort.Strings orders their UTF-8 bytes, that is by code point: how Go
 * sorts map keys for JSON and the generated protobuf code. compareStrings (UTF-16 units) agrees
 * except where a surrogate pair meets a character in U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    if (x === b.charCodeAt(j) && (x < 0xd800 || x > 0xdfff)) {
      i++;
      j++;
      continue;
    }
    const cx = codePointAt(a, i);
    const cy = codePointAt(b, j);
    if (cx !== cy) return cx < cy ? -1 : 1;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}
