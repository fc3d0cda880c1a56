import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../src/informer/lineSplitter.ts';

describe('createLineSplitter', () => {
  it('joins lines split across chunks and keeps the unterminated rest back', () => {
    const splitter = createLineSplitter();
    expect(splitter.push(Buffer.from('{"a":1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(splitter.push(Buffer.from(':2}\n\n{"c":'))).toEqual(['{"b":2}', '']);
    expect(splitter.push(Buffer.from('3}\r\n'))).toEqual(['{"c":3}']);
  });

  it('never returns a final partial line (it is discarded at the end of the stream)', () => {
    const splitter = createLineSplitter();
    expect(splitter.push(Buffer.from('{"type":"MODIFIED","object":{"kind":'))).toEqual([]);
    expect(splitter.overflowed).toBe(false);
  });

  it('joins a multi-byte character split between chunks', () => {
    const bytes = Buffer.from('{"zone":"zürich"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of ü
    const splitter = createLineSplitter();
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual(['{"zone":"zürich"}']);
  });

  it('gives up on a line that never ends instead of growing without bound', () => {
    const splitter = createLineSplitter();
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 17 && !splitter.overflowed; i++) splitter.push(chunk);
    expect(splitter.overflowed).toBe(true);
    expect(splitter.push(Buffer.from('x\n'))).toEqual([]);
  });
});
