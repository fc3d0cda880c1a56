import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SeriesBuilder, emptyKindCost } from '../src/simulate/series.ts';
import { reportToCsv, simulateQuick, type SeriesPoint } from '../src/index.ts';

function point(t: number, writes: number, objects: number): SeriesPoint {
  const cost = {
    ...emptyKindCost(true),
    objects,
    writes,
    watchEvents: writes * 3,
    bytes: writes * 7,
  };
  cost.writesByVerb.update = writes;
  return {
    t,
    steps: 1,
    watchers: 3,
    endpointSlices: cost,
    endpoints: { ...emptyKindCost(true), objects: 1 },
    state: {
      slices: objects,
      endpoints: 0,
      fill: 0,
      byCondition: { ready: 0, servingTerminating: 0, terminating: 0, notReady: 0 },
      servicesWithHints: 0,
      zones: [],
    },
  };
}

describe('SeriesBuilder', () => {
  test('thins a long series to at most its bound, keeping sums, steps, the last level and time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 20 }),
        (writes, max) => {
          const builder = new SeriesBuilder(max);
          writes.forEach((w, i) => builder.add(point(i, w, i % 7)));
          const series = builder.finish();
          expect(series.length).toBeLessThanOrEqual(max);
          const sum = (pick: (p: SeriesPoint) => number) =>
            series.reduce((total, p) => total + pick(p), 0);
          expect(sum((p) => p.endpointSlices.writes)).toBe(writes.reduce((a, b) => a + b, 0));
          expect(sum((p) => p.endpointSlices.writesByVerb.update)).toBe(
            writes.reduce((a, b) => a + b, 0),
          );
          expect(sum((p) => p.steps)).toBe(writes.length);
          const last = series.at(-1)!;
          expect(last.t).toBe(writes.length - 1);
          expect(last.endpointSlices.objects).toBe((writes.length - 1) % 7);
          // Times stay in order.
          for (let i = 1; i < series.length; i++)
            expect(series[i]!.t).toBeGreaterThan(series[i - 1]!.t);
        },
      ),
    );
  });
});

describe('reportToCsv', () => {
  test('one row per point and a total row that carries the totals', () => {
    const report = simulateQuick({ pods: 120, nodes: 6, operation: 'rollout' });
    const rows = reportToCsv(report)
      .trimEnd()
      .split('\n')
      .map((row) => row.split(','));
    const [header, ...body] = rows;
    expect(body).toHaveLength(report.series.length + 1);
    for (const row of body) expect(row).toHaveLength(header!.length);
    const total = Object.fromEntries(header!.map((name, i) => [name, body.at(-1)![i]]));
    expect(total.t).toBe('total');
    expect(Number(total['endpointSlices.writes'])).toBe(report.totals.endpointSlices.writes);
    expect(Number(total['endpoints.bytesProtobuf'])).toBe(report.totals.endpoints.bytesProtobuf);
    expect(header).toContain('zone-a.hinted');
    const paper = reportToCsv(
      simulateQuick({ pods: 10, nodes: 2, operation: 'create' }, { mode: 'paper' }),
    );
    expect(paper.split('\n')[0]).not.toContain('bytesProtobuf');
  });

  test('writes counts of 10²¹ bytes and more in full, not as 2.26e+21', () => {
    const report = simulateQuick(
      { pods: 150_000, nodes: 5_000, operation: 'rollout' },
      {
        mode: 'paper',
        extraWatchers: 1_000_000,
        paperBytesPerEndpoint: 100_000,
        paperMinObjectBytes: 100_000_000,
      },
    );
    expect(report.totals.endpoints.bytes).toBe(2.26125e21);
    const rows = reportToCsv(report).trimEnd().split('\n');
    const header = rows[0]!.split(',');
    const total = rows.at(-1)!.split(',');
    expect(total[header.indexOf('endpoints.bytes')]).toBe('2261250000000000000000');
    expect(rows.join('\n')).not.toMatch(/e\+/);
  });
});
