/**
 * A server-sent events parser for a response body read with fetch (EventSource cannot POST), as
 * the HTML standard's "event stream interpretation": lines end in CRLF, LF or CR; `event:` names
 * the event, `data:` lines are joined with line feeds, a blank line dispatches, lines starting
 * with `:` are comments; one space after the colon is dropped. Chunks may split anywhere.
 */

export interface ServerSentEvent {
  /** The event's type: `message` unless an `event:` line named it. */
  event: string;
  data: string;
  /** The last `id:` seen, if any. */
  id?: string;
}

export interface SseParser {
  /** Feeds decoded text; calls the listener for each event it completes. */
  push(text: string): void;
  /** The end of the stream: an event not ended by a blank line is dropped, as the standard says. */
  end(): void;
}

const LF = 10;
const CR = 13;

export function createSseParser(onEvent: (event: ServerSentEvent) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  // A CR ended the last chunk: an LF starting the next one belongs to it.
  let skipLineFeed = false;

  const dispatch = () => {
    if (data.length > 0) {
      const dispatched: ServerSentEvent = { event: event || 'message', data: data.join('\n') };
      if (id !== undefined) dispatched.id = id;
      onEvent(dispatched);
    }
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };

  return {
    push(text) {
      let chunk = text;
      if (skipLineFeed && chunk.startsWith('\n')) chunk = chunk.slice(1);
      skipLineFeed = false;
      // Only the new text is scanned: a large event arriving in many chunks costs linear time.
      let at = buffer.length;
      buffer += chunk;
      let start = 0;
      for (; at < buffer.length; at++) {
        const code = buffer.charCodeAt(at);
        if (code !== LF && code !== CR) continue;
        line(buffer.slice(start, at));
        if (code === CR) {
          if (at + 1 === buffer.length) skipLineFeed = true;
          else if (buffer.charCodeAt(at + 1) === LF) at += 1;
        }
        start = at + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      event = '';
      data = [];
    },
  };
}

/** One event as a server writes it (the parser's inverse, for tests and fakes). */
export function formatSse(event: string, data: string): string {
  return `event: ${event}\n${data
    .split(/\r\n|\r|\n/)
    .map((part) => `data: ${part}`)
    .join('\n')}\n\n`;
}
