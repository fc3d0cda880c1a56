import { describe, expect, it } from 'vitest';
import {
  compareResourceVersions,
  laterResourceVersion,
} from '../../src/informer/resourceVersion.ts';
import { parseWatchLine } from '../../src/informer/watchEvent.ts';

describe('parseWatchLine', () => {
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'a', namespace: 'default', resourceVersion: '7' },
  };

  it('reads object events and bookmarks', () => {
    expect(parseWatchLine(JSON.stringify({ type: 'MODIFIED', object: pod }))).toEqual({
      type: 'MODIFIED',
      object: pod,
      resourceVersion: '7',
    });
    const bookmark = { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '9' } };
    expect(parseWatchLine(JSON.stringify({ type: 'BOOKMARK', object: bookmark }))).toEqual({
      type: 'BOOKMARK',
      resourceVersion: '9',
    });
  });

  it('reads only the machine fields of an ERROR Status, never its message', () => {
    const status = {
      kind: 'Status',
      code: 429,
      reason: 'TooManyRequests',
      message: 'secret upstream text',
      details: { retryAfterSeconds: 3 },
    };
    expect(parseWatchLine(JSON.stringify({ type: 'ERROR', object: status }))).toEqual({
      type: 'ERROR',
      status: { code: 429, reason: 'TooManyRequests', retryAfterSeconds: 3 },
    });
  });

  it.each([
    ['not JSON', '{"type":"MODIFIED","object":{"kind":"Pod","metadata":'],
    ['not an envelope', '[1,2]'],
    ['no object', '{"type":"ADDED"}'],
    ['unknown type', JSON.stringify({ type: 'CHANGED', object: pod })],
    ['no resourceVersion', JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })],
    ['bookmark without resourceVersion', JSON.stringify({ type: 'BOOKMARK', object: {} })],
  ])('marks %s as MALFORMED', (_, line) => {
    expect(parseWatchLine(line).type).toBe('MALFORMED');
  });
});

describe('resourceVersion comparison', () => {
  it('compares decimals of any length, and nothing else', () => {
    expect(compareResourceVersions('9', '10')).toBe(-1);
    expect(compareResourceVersions('123456789012345678901', '123456789012345678900')).toBe(1);
    expect(compareResourceVersions('5', '5')).toBe(0);
    expect(compareResourceVersions('abc', '5')).toBeUndefined();
    expect(compareResourceVersions('', '5')).toBeUndefined();
  });

  it('never moves a decimal resourceVersion backwards; opaque ones follow the stream', () => {
    expect(laterResourceVersion('10', '9')).toBe('10');
    expect(laterResourceVersion('10', '11')).toBe('11');
    expect(laterResourceVersion('', '3')).toBe('3');
    expect(laterResourceVersion('x1', 'x0')).toBe('x0');
  });
});
