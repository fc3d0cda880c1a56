import type { Readable, Writable } from 'node:stream';

/** The streams a command reads and writes; tests pass their own. */
export interface CommandIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

export const processIO: CommandIO = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
};

/** Exit codes: 0 done, 1 failed, 2 bad usage or bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Standard output or error failed (a full disk, a closed terminal): the command cannot report. */
export class OutputError extends Error {
  constructor(cause: Error) {
    super(`cannot write the output (${cause.message})`, { cause });
    this.name = 'OutputError';
  }
}

/** Streams whose 'error' events the write callbacks already report. */
const guarded = new WeakSet<Writable>();

/**
 * Writes and waits until the stream took it, so large outputs are not cut at exit. A failed
 * write rejects with an OutputError; the stream's 'error' event, which follows it, is handled
 * here, not left to crash the process with a stack trace.
 */
export function write(stream: Writable, text: string): Promise<void> {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', () => undefined);
  }
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(new OutputError(error)) : resolve()));
  });
}
