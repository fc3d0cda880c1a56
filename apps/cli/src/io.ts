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

/** Writes and waits until the stream took it, so large outputs are not cut at exit. */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
