/**
 * Where a JSON text first breaks the grammar (RFC 8259), and why, in the same words in every
 * JavaScript engine: `JSON.parse` messages differ between V8, SpiderMonkey and JavaScriptCore,
 * and some name no position at all. Only called after `JSON.parse` failed. Iterative, so deep
 * nesting cannot overflow the stack.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';
const HEX4 = /[0-9a-fA-F]{4}/y;

export interface JsonSyntaxError {
  /** Offset in the text, in UTF-16 code units. */
  offset: number;
  message: string;
}

function describeChar(char: string | undefined): string {
  if (char === undefined) return 'end of text';
  if (char === '\n' || char === '\r') return 'end of line';
  return JSON.stringify(char);
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const stack: string[] = [];
  const fail = (message: string): JsonSyntaxError => ({ offset: i, message });
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  /** Reads a string at i; an error, or undefined when it is well formed. */
  const readString = (): JsonSyntaxError | undefined => {
    i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) return fail('unterminated string');
      if (char === '"') {
        i++;
        return undefined;
      }
      if (char.charCodeAt(0) < 0x20) return fail(`${describeChar(char)} inside a string`);
      if (char === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return fail('bad \\u escape: it needs four hex digits');
          i += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.includes(next)) {
          return fail(`bad escape \\${next ?? ''} in a string`);
        }
        i += 2;
        continue;
      }
      i++;
    }
  };

  let mode: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipSpace();
    const char = text[i];
    if (mode === 'value') {
      if (char === '{' || char === '[') {
        i++;
        skipSpace();
        const close = char === '{' ? '}' : ']';
        if (text[i] === close) {
          i++;
          mode = 'after';
        } else {
          stack.push(close);
          mode = char === '{' ? 'key' : 'value';
        }
      } else if (char === '"') {
        const error = readString();
        if (error) return error;
        mode = 'after';
      } else if (char !== undefined && '-0123456789'.includes(char)) {
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text);
        if (!match) return fail(`bad number`);
        i += match[0].length;
        mode = 'after';
      } else {
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        if (!literal) {
          return fail(
            char === undefined ? 'unexpected end of text' : `unexpected ${describeChar(char)}`,
          );
        }
        i += literal.length;
        mode = 'after';
      }
    } else if (mode === 'key') {
      if (char !== '"') return fail(`expected a key in double quotes, found ${describeChar(char)}`);
      const error = readString();
      if (error) return error;
      skipSpace();
      if (text[i] !== ':')
        return fail(`expected ":" after the key, found ${describeChar(text[i])}`);
      i++;
      mode = 'value';
    } else {
      const close = stack[stack.length - 1];
      if (close === undefined) {
        return char === undefined
          ? undefined
          : fail(`unexpected ${describeChar(char)} after the end of the document`);
      }
      if (char === ',') {
        i++;
        mode = close === '}' ? 'key' : 'value';
      } else if (char === close) {
        i++;
        stack.pop();
      } else {
        return fail(`expected "," or "${close}", found ${describeChar(char)}`);
      }
    }
  }
}
