import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, formatSse, type ServerSentEvent } from '../../src/simulate/sse.ts';

function parseChunks(chunks: readonly string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

/** The text cut at the given offsets. */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort(
    (a, b) => a - b,
  );
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const eventName = fc.constantFrom('progress', 'report', 'error', 'message');
const payload = fc.string({ unit: 'grapheme', maxLength: 60 });

describe('the server-sent events parser', () => {
  it('reads events as the simulate route writes them', () => {
    const text =
      'event: progress\ndata: {"simulatedSeconds":11,"steps":3}\n\n' +
      'event: report\ndata: {"mode":"paper"}\n\n';
    expect(parseChunks([text])).toEqual([
      { event: 'progress', data: '{"simulatedSeconds":11,"steps":3}' },
      { event: 'report', data: '{"mode":"paper"}' },
    ]);
  });

  it('joins data lines, skips comments, keeps ids and accepts every line ending', () => {
    const text = ': hello\r\nid: 7\r\ndata:first\rdata:  second\n\ndata\n\nevent: x\n\n';
    expect(parseChunks([text])).toEqual([
      { event: 'message', data: 'first\n second', id: '7' },
      { event: 'message', data: '', id: '7' },
    ]);
  });

  it('drops an event the stream ends in the middle of', () => {
    expect(parseChunks(['event: report\ndata: {"half":'])).toEqual([]);
    expect(parseChunks(['data: a\n'])).toEqual([]);
  });

  it('reads back whatever it is given, however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventName, payload), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (sent, offsets, newline) => {
          const text = sent
            .map(([event, data]) => formatSse(event, data))
            .join('')
            .replace(/\n/g, newline);
          const expected = sent.map(([event, data]) => ({
            event,
            data: data.split(/\r\n|\r|\n/).join('\n'),
          }));
          expect(parseChunks(cut(text, offsets))).toEqual(expected);
          expect(parseChunks([...text])).toEqual(expected);
        },
      ),
    );
  });

  it('reads a large event in many chunks in linear time', () => {
    const data = JSON.stringify({ series: Array.from({ length: 20_000 }, (_, t) => ({ t })) });
    const text = formatSse('report', data);
    const chunks = cut(
      text,
      Array.from({ length: 2000 }, (_, i) => i * 211),
    );
    const started = performance.now();
    const events = parseChunks(chunks);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(events).toEqual([{ event: 'report', data }]);
  });
});
