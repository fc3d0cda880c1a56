import { StringDecoder } from 'node:string_decoder';

/**
 * Longest line kept while waiting for its newline. etcd refuses objects above 1.5 MiB, so a
 * longer line is garbage (or a server that never sends a newline) and must not grow memory.
 */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

interface LineSplitter {
  /**
   * Feeds one chunk of the body; returns the lines it completed, without their `\n` (and a
   * trailing `\r`). A multi-byte character or a line split across chunks is joined first.
   */
  push(chunk: Buffer): string[];
  /** Whether the unterminated rest exceeded the line limit (the stream is then broken). */
  readonly overflowed: boolean;
}

/**
 * Splits a watch body into lines. The apiserver writes one JSON document per line (Go's encoder
 * appends `\n`) but the chunks on the wire do not follow lines, and a cut connection leaves a
 * partial line behind: that rest is simply never returned, so it is discarded at the end.
 */
export function createLineSplitter(): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let overflowed = false;
  return {
    push(chunk) {
      if (overflowed) return [];
      const text = rest + decoder.write(chunk);
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      if (rest.length > MAX_LINE_CHARS) {
        overflowed = true;
        rest = '';
      }
      return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    },
    get overflowed() {
      return overflowed;
    },
  };
}
