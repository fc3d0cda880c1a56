import { isDeepStrictEqual } from 'node:util';
import { waitFor } from '@slicescope/cluster/testing';
import type { RunningServer } from '../../src/server.ts';
import type { SseReader } from './sseReader.ts';

/** P2: waits until every tab's folded state equals what the hub would snapshot for it now. */
export async function waitTabsConverge(
  api: RunningServer,
  readers: readonly { reader: SseReader; services: string[] }[],
  timeoutMs = 8000,
): Promise<void> {
  await waitFor(
    () => {
      api.hub.flush();
      return readers.every(({ reader, services }) =>
        isDeepStrictEqual(reader.state, JSON.parse(JSON.stringify(api.hub.state(services)))),
      );
    },
    'every tab to hold the model',
    { timeoutMs, intervalMs: 50 },
  );
}
