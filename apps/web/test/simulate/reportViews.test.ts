import { reportToCsv } from '@slicescope/core';
import { describe, expect, it } from 'vitest';
import { chartsOf } from '../../src/simulate/chartSeries.ts';
import { importService } from '../../src/simulate/importService.ts';
import { reportCsv, reportFileName } from '../../src/simulate/reportExport.ts';
import { comparisonRows, totalsRows } from '../../src/simulate/totalsRows.ts';
import { nodeSummary, serviceSummary } from '../support/render.tsx';
import { kepRollout, modelRollout } from './reports.ts';

describe('the totals side by side', () => {
  it('are the published figures of KEP-0752 Sample Case 1 (rolling update), with their assumptions', () => {
    const report = kepRollout();
    const rows = Object.fromEntries(totalsRows(report).map((row) => [row.metric, row]));
    expect(rows.writes).toMatchObject({ endpoints: 20_000, endpointSlices: 20_000, ratio: 1 });
    expect(rows.watchEvents).toMatchObject({ endpoints: 1e8, endpointSlices: 1e8 });
    // 2.0 MB × 5000 × 20k = 200 TB; 10 KB × 5000 × 20k = 1 TB.
    expect(rows.bytes).toMatchObject({ endpoints: 2e14, endpointSlices: 1e12, ratio: 200 });
    expect(rows.objects).toMatchObject({ endpoints: 1, endpointSlices: 200 });
    expect(rows.bytes!.assumption).toBe(report.assumptions.bytes);
    expect(rows.writes!.assumption).toBe(report.assumptions.writes);
    expect(rows).not.toHaveProperty('bytesProtobuf');
  });

  it('add protobuf bytes in model mode', () => {
    const report = modelRollout();
    const row = totalsRows(report).find((candidate) => candidate.metric === 'bytesProtobuf');
    expect(row).toMatchObject({
      endpoints: report.totals.endpoints.bytesProtobuf,
      endpointSlices: report.totals.endpointSlices.bytesProtobuf,
      assumption: report.assumptions.bytesProtobuf,
    });
  });

  it('compare two runs figure by figure', () => {
    const rows = comparisonRows(kepRollout(), modelRollout());
    const writes = rows.find((row) => row.metric === 'writes' && row.kind === 'endpoints')!;
    expect(writes.a).toBe(20_000);
    expect(writes.b).toBe(modelRollout().totals.endpoints.writes);
    expect(writes.change).toBeCloseTo(writes.b / 20_000);
    // Only the figures both runs have: paper mode has no protobuf bytes.
    expect(rows.some((row) => row.metric === 'bytesProtobuf')).toBe(false);
  });
});

describe('the charts of the time series', () => {
  it('draw objects, writes and bytes of both kinds for every point', () => {
    const report = modelRollout();
    const charts = chartsOf(report);
    expect(charts.map((chart) => chart.id)).toEqual(['objects', 'writes', 'bytes']);
    const [objects, writes, bytes] = charts;
    expect(objects!.times).toEqual(report.series.map((point) => point.t));
    expect(objects!.lines.find((line) => line.id === 'endpointSlices')!.values).toEqual(
      report.series.map((point) => point.endpointSlices.objects),
    );
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(writes!.lines.find((line) => line.id === 'endpoints')!.values)).toBe(
      report.totals.endpoints.writes,
    );
    expect(bytes!.lines.map((line) => line.id)).toEqual([
      'endpoints',
      'endpointSlices',
      'endpointsProtobuf',
      'endpointSlicesProtobuf',
    ]);
    expect(sum(bytes!.lines[3]!.values)).toBe(report.totals.endpointSlices.bytesProtobuf);
  });

  it('say "per point" once the series merges steps', () => {
    const report = modelRollout();
    expect(chartsOf(report).map((chart) => chart.title)).toEqual([
      'Objects: Endpoints vs EndpointSlices',
      'API writes per step',
      'Bytes sent per step',
    ]);
    const thinned = {
      ...report,
      series: report.series.map((point, index) => ({ ...point, steps: index === 1 ? 8 : 1 })),
    };
    expect(
      chartsOf(thinned)
        .map((chart) => chart.title)
        .slice(1),
    ).toEqual([
      'API writes per point (each sums up to 8 steps)',
      'Bytes sent per point (each sums up to 8 steps)',
    ]);
    expect(chartsOf(kepRollout())[2]!.title).toBe('Bytes sent per step (paper sizes)');
    // Objects hold until the next point; writes and bytes happen at theirs.
    expect(chartsOf(report).map((chart) => chart.shape)).toEqual(['steps', 'stems', 'stems']);
  });

  it('say which objects line another one hides, where they are equal throughout', () => {
    const report = modelRollout();
    expect(chartsOf(report)[0]!.lines.map((line) => line.sameAs)).toEqual([undefined, undefined]);
    // A Service of one slice: one Endpoints object and one EndpointSlice at every point.
    const oneSlice = {
      ...report,
      series: report.series.map((point) => ({
        ...point,
        endpointSlices: { ...point.endpointSlices, objects: point.endpoints.objects },
      })),
    };
    expect(chartsOf(oneSlice)[0]!.lines.map((line) => line.sameAs)).toEqual([
      undefined,
      'Endpoints',
    ]);
  });

  it('describe themselves in words', () => {
    const [, writes] = chartsOf(kepRollout());
    expect(writes!.description).toContain('log scale');
    expect(writes!.description).toContain('Endpoints peaks at 20,000 at 1 s');
  });
});

describe('the exports', () => {
  it('write the CSV of `slicescope simulate --csv`', async () => {
    for (const report of [kepRollout(), modelRollout()]) {
      const text = await reportCsv(report).text();
      expect(text).toBe(reportToCsv(report));
      const lines = text.trimEnd().split('\n');
      expect(lines[0]?.split(',').slice(0, 4)).toEqual([
        't',
        'steps',
        'watchers',
        'endpointSlices.objects',
      ]);
      expect(lines.at(-1)?.startsWith('total,')).toBe(true);
    }
  });

  it('name files after the run and when it started, so that two runs’ files differ', () => {
    const first = { label: 'A', startedAt: Date.UTC(2026, 10, 5, 10, 11, 12, 345) };
    const second = { label: 'A', startedAt: Date.UTC(2026, 10, 5, 10, 13, 0) };
    expect(reportFileName(kepRollout(), first, 'json')).toBe(
      'simulation-A-quick-rollout-paper-20261105T101112Z.json',
    );
    expect(reportFileName(kepRollout(), second, 'json')).toBe(
      'simulation-A-quick-rollout-paper-20261105T101300Z.json',
    );
    expect(reportFileName(kepRollout(), { ...first, label: 'B' }, 'png', 'writes')).toBe(
      'simulation-B-quick-rollout-paper-20261105T101112Z-writes.png',
    );
    // A scenario's long name is cut, not the start time and the chart that tell files apart.
    const long = { ...kepRollout(), scenario: `${'x'.repeat(99)}:` };
    expect(reportFileName(long, first, 'png', 'writes')).toBe(
      `simulation-A-${'x'.repeat(48)}-paper-20261105T101112Z-writes.png`,
    );
  });
});

describe('importing a live Service', () => {
  it('takes its Pods and the cluster’s Nodes and zones', () => {
    const service = serviceSummary('shop', 'web', { endpoints: 150, topologyMode: 'Auto' });
    const nodes = ['a', 'b', 'c'].flatMap((zone) =>
      [1, 2].map((index) => nodeSummary(`${zone}-${index}`, `zone-${zone}`)),
    );
    const { spec, notes } = importService(service, nodes);
    expect(spec.mode).toBe('model');
    expect(spec.input.kind).toBe('service');
    expect(JSON.parse(spec.input.kind === 'service' ? spec.input.text : '')).toEqual({
      name: 'web',
      pods: 150,
      nodes: 6,
      zones: 3,
      topologyAwareHints: true,
      events: [{ at: 10, type: 'rollingUpdate' }],
    });
    expect(notes).toEqual([]);
  });

  it('says what it had to assume', () => {
    const service = serviceSummary('shop', 'mirror', {
      endpoints: 4,
      selector: false,
      trafficDistribution: 'SomethingNew',
    });
    const { spec, notes } = importService(service, []);
    const shortcut = JSON.parse(spec.input.kind === 'service' ? spec.input.text : '') as object;
    expect(shortcut).toMatchObject({ pods: 4, nodes: 1, zones: 1 });
    expect(shortcut).not.toHaveProperty('trafficDistribution');
    expect(notes).toHaveLength(3);
  });

  it('counts a dual-stack Service’s Pods once and leaves the terminating ones out', () => {
    // 60 Pods with an IPv4 and an IPv6 endpoint each, 15 of them terminating.
    const service = serviceSummary('shop', 'frontend', {
      clusterIPs: ['10.96.0.10', 'fd00::10'],
      endpoints: 120,
      terminating: 30,
      pods: 45,
    });
    const { spec, notes } = importService(service, [nodeSummary('a-1', 'zone-a')]);
    const shortcut = JSON.parse(spec.input.kind === 'service' ? spec.input.text : '') as object;
    expect(shortcut).toMatchObject({ pods: 45 });
    expect(notes).toEqual([
      '30 terminating endpoints left out: the simulation starts with the Pods that stay.',
      'The Service is dual-stack; the simulation has one address family (IPv4), so one slice set where the cluster has two.',
    ]);
  });
});
