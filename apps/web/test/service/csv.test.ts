import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyCsv } from '../../src/service/history/historyModel.ts';
import { slicesCsv, SLICE_CSV_HEADER } from '../../src/service/slices/sliceCsv.ts';
import { groupSlices } from '../../src/service/slices/sliceGroups.ts';
import { sliceOf } from '../support/render.tsx';
import { change, endpoint, endpoints, entry } from './builders.ts';
import { parseCsv } from './csvReader.ts';

describe('the slice table as CSV', () => {
  it('has one row per slice with its counts, tags and times', () => {
    const slices = [
      sliceOf(
        'shop',
        'web',
        'web-a',
        [...endpoints(1, 3), endpoint('10.0.9.9', { ready: false, serving: false })],
        { triggerTime: '2026-01-02T03:04:05Z' },
      ),
      sliceOf('shop', 'web', 'web-m', endpoints(2, 2), {
        managedBy: 'endpointslicemirroring-controller.k8s.io',
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'grpc', port: 9000, protocol: 'TCP' },
        ],
      }),
    ];
    const rows = parseCsv(slicesCsv(groupSlices(slices, 100), 100));
    expect(rows[0]).toEqual([...SLICE_CSV_HEADER]);
    // Groups in the controller's key order: the grpc+http port set sorts before http alone.
    expect(rows.slice(1)).toEqual([
      [
        'IPv4',
        'grpc 9000/TCP, http 8080/TCP',
        'web-m',
        'endpointslicemirroring-controller.k8s.io',
        'mirrored',
        '2',
        '2',
        '0',
        '0',
        '0',
        '0.02',
        '',
        '',
      ],
      [
        'IPv4',
        'http 8080/TCP',
        'web-a',
        'endpointslice-controller.k8s.io',
        '',
        '4',
        '3',
        '0',
        '0',
        '1',
        '0.04',
        '2026-01-02T03:04:05Z',
        '',
      ],
    ]);
  });

  it('reads back to the same slices and counts, whatever the names (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 8 }),
        fc.nat(20),
        (names, count) => {
          const slices = names.map((name, index) =>
            sliceOf('shop', 'web', name, endpoints(index, count)),
          );
          const groups = groupSlices(slices, 100);
          const rows = parseCsv(slicesCsv(groups, 100)).slice(1);
          const listed = groups.flatMap((g) => g.slices.map((s) => s.name));
          // Names a spreadsheet would run as a formula are written with a leading quote.
          expect(rows.map((row) => row[2])).toEqual(
            listed.map((name) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name)),
          );
          expect(rows.every((row) => row[5] === String(count))).toBe(true);
        },
      ),
    );
  });
});

describe('the history diff list as CSV', () => {
  it('has one row per slice write with counts and address lists', () => {
    const text = historyCsv([
      entry(
        3,
        [
          change('web-a', 'updated', { added: ['10.0.0.4', '10.0.0.5'], conditions: ['10.0.0.1'] }),
          change('web-b', 'deleted', { removed: ['10.0.0.3'] }),
        ],
        { triggerTime: '2026-01-02T03:04:00Z' },
      ),
    ]);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      '3',
      '2026-01-02T03:04:03.000Z',
      '2026-01-02T03:04:00Z',
      'web-a',
      'updated',
      '2',
      '0',
      '1',
      '0',
      '10.0.0.4 10.0.0.5',
      '',
      '10.0.0.1',
      '',
    ]);
    expect(rows[2]?.slice(3, 7)).toEqual(['web-b', 'deleted', '0', '1']);
  });
});
