/**
 * The bytes of a stream (a file's, standard input), or undefined once they pass `limit`: the
 * rest is not read, so a huge file, a pipe or a device that never ends (/dev/zero) is refused
 * at once. A failed read throws, as the stream's error.
 */
export async function readAtMost(
  stream: AsyncIterable<unknown>,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buffer.length;
    if (total > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
