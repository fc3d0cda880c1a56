import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulationReportSchema } from '@slicescope/contract';
import { resolveSimulationOptions } from '@slicescope/core';
import { loadScenario } from '../src/scenarioFile.ts';
import { binPath, runInProcess, runProcess, writeRolloutScenario } from './run.ts';

/** `slicescope simulate`: the quick form's contract, scenarios, outputs and bad input. */

const TB = 1e12;

async function simulateJson(args: string[]) {
  const result = await runInProcess(['simulate', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return simulationReportSchema.parse(JSON.parse(result.stdout));
}

const within1Percent = (actual: number, published: number): void => {
  expect(Math.abs(actual / published - 1)).toBeLessThanOrEqual(0.01);
};

describe('slicescope simulate, the quick form', () => {
  test("--paper reproduces KEP-0752's rolling update of 20,000 Pods on 5,000 nodes", async () => {
    const report = await simulateJson([
      '--pods',
      '20000',
      '--nodes',
      '5000',
      '--operation',
      'rollout',
      '--paper',
    ]);
    expect(report.mode).toBe('paper');
    const { endpoints, endpointSlices } = report.totals;
    expect([endpoints.objects, endpointSlices.objects]).toEqual([1, 200]);
    expect([endpoints.writes, endpointSlices.writes]).toEqual([20_000, 20_000]);
    expect([endpoints.watchEvents, endpointSlices.watchEvents]).toEqual([1e8, 1e8]);
    within1Percent(endpoints.bytes, 200 * TB);
    within1Percent(endpointSlices.bytes, 1 * TB);
    expect(endpoints.bytesProtobuf).toBeUndefined();
    expect(report.assumptions.writes).toMatch(/one per replaced Pod/);
  });

  test('--paper-bytes-per-endpoint 300 and --paper-min-object-bytes 0 reproduce the 2020 blog', async () => {
    const report = await simulateJson([
      '--pods',
      '5000',
      '--nodes',
      '3000',
      '--operation',
      'rollout',
      '--paper',
      '--paper-bytes-per-endpoint',
      '300',
      '--paper-min-object-bytes',
      '0',
    ]);
    within1Percent(report.totals.endpoints.bytes, 22.5 * TB);
    expect(report.options).toMatchObject({ paperBytesPerEndpoint: 300, paperMinObjectBytes: 0 });
  });

  test("model mode (the default) counts the engine's writes in JSON and protobuf bytes", async () => {
    const report = await simulateJson([
      '--pods',
      '300',
      '--nodes',
      '30',
      '--zones',
      '2',
      '--max-endpoints-per-slice',
      '50',
      '--operation',
      'create',
    ]);
    expect(report.mode).toBe('model');
    expect(report.quick).toEqual({ pods: 300, nodes: 30, zones: 2, operation: 'create' });
    const { endpointSlices, endpoints } = report.totals;
    expect(endpointSlices.writes).toBe(6);
    expect(endpointSlices.objects).toBe(6);
    expect(endpoints.writes).toBe(1);
    expect(endpointSlices.watchEvents).toBe(6 * 30);
    expect(endpointSlices.bytesProtobuf).toBeGreaterThan(0);
    expect(endpointSlices.bytes).toBeGreaterThan(endpointSlices.bytesProtobuf!);
    expect(report.series.at(-1)!.state.zones.map((zone) => zone.zone)).toEqual([
      'zone-a',
      'zone-b',
    ]);
  });

  test('the same flags give the same report, byte for byte; another seed is still valid', async () => {
    const args = ['simulate', '--pods', '200', '--nodes', '20', '--operation', 'rollout', '--json'];
    const [first, second] = [await runInProcess(args), await runInProcess(args)];
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const other = await simulateJson([
      '--pods',
      '200',
      '--nodes',
      '20',
      '--operation',
      'rollout',
      '--seed',
      '9',
    ]);
    expect(other.options.seed).toBe(9);
  });
});

describe('the table summary', () => {
  test('groups every count, and names sizes up to zettabytes', async () => {
    const { code, stdout } = await runInProcess([
      'simulate',
      ...['--pods', '150000', '--nodes', '5000', '--operation', 'rollout', '--paper'],
      ...['--extra-watchers', '1000000', '--paper-bytes-per-endpoint', '100000'],
      ...['--paper-min-object-bytes', '100000000'],
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}create\/update\/delete +0\/150,000\/0 +0\/150,000\/0$/m);
    expect(stdout).toMatch(/^bytes \(paper sizes\) +15\.1 EB +2\.26 ZB +150×$/m);
    const oneStep = await runInProcess(['simulate', 'small', '--until', '0']);
    expect(oneStep.stdout.split('\n')[1]).toMatch(/^0 s simulated in 1 step;/);
  });
});

describe('slicescope simulate SCENARIO', () => {
  test('a shipped scenario: a table by default, JSON with --json, CSV with --csv', async () => {
    const table = await runInProcess(['simulate', 'small']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/EndpointSlices +Endpoints +Endpoints ÷ slices/);
    expect(table.stdout).toMatch(/^assumptions:$/m);
    // Not a terminal: no progress bar.
    expect(table.stderr).toBe('');
    const report = await simulateJson(['small']);
    expect(report.scenario).toBe('small');
    const csv = await runInProcess(['simulate', 'small', '--csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^t,steps,watchers,endpointSlices\.objects,/);
    expect(lines).toHaveLength(report.series.length + 2);
    expect(lines.at(-1)).toMatch(/^total,/);
  });

  test('the reference workload by name rolls out at 120 s and every 10 minutes: simulate runs one cycle', async () => {
    const loaded = await loadScenario('reference-workload');
    if (!loaded.ok) throw new Error(loaded.error);
    const { events = [], repeatEverySeconds } = loaded.scenario;
    expect(new Set(events.map((event) => `${event.type} at ${event.at}`))).toEqual(
      new Set(['rollout at 120']),
    );
    expect(repeatEverySeconds).toBe(600);
    expect(resolveSimulationOptions(loaded.scenario, {}).untilSeconds).toBe(600);
  });

  test('the reference workload of the scalability thresholds, built by name', async () => {
    // Settled and run until before its rollout wave at 120 s: 150,000 Pods on 5,000 Nodes,
    // 8,100 Services (the big ones in three slices).
    const report = await simulateJson(['reference-workload', '--until', '9']);
    expect(report.scenario).toBe('reference-workload');
    expect(report.totals.endpointSlices.objects).toBe(8_200);
    expect(report.totals.endpoints.objects).toBe(8_100);
    expect(report.series.at(-1)?.watchers).toBe(5_000);
  }, 60_000);

  test('a scenario file, in paper mode, until a given second', async () => {
    const file = await writeRolloutScenario('web');
    const report = await simulateJson([file, '--paper', '--until', '300']);
    expect(report.mode).toBe('paper');
    // Creation at second 0 (1 + 1 writes), then one write per replaced Pod.
    expect(report.totals.endpoints.writes).toBe(1 + 30);
    expect(report.totals.endpointSlices.writes).toBe(1 + 30);
    expect(report.simulatedSeconds).toBeLessThanOrEqual(300);
  });
});

describe('slicescope simulate, bad input', () => {
  test.each([
    [
      ['--pods', 'abc', '--nodes', '3', '--operation', 'create'],
      '--pods',
      /integer from 0 to 150000/,
    ],
    [['--pods=-1', '--nodes', '3', '--operation', 'create'], '--pods', /integer/],
    // A negative number after a flag is its value, refused by the flag's range.
    [
      ['--pods', '-1', '--nodes', '3', '--operation', 'create'],
      '--pods',
      /from 0 to 150000 \(got -1\)/,
    ],
    [['--pods', '--nodes', '3', '--operation', 'create'], '--pods', /needs a value/],
    [['--pods', '200000', '--nodes', '3', '--operation', 'create'], '--pods', /150000/],
    [['--pods', '10', '--nodes', '0', '--operation', 'create'], '--nodes', /1 to 5000/],
    [['--pods', '10', '--nodes', '6000', '--operation', 'create'], '--nodes', /1 to 5000/],
    [
      ['--pods', '10', '--nodes', '3', '--zones', '5', '--operation', 'create'],
      '--zones',
      /at most/,
    ],
    [
      ['--pods', '10', '--nodes', '3', '--operation', 'scale'],
      '--operation',
      /create, update-one, rollout/,
    ],
    [['--pods', '10', '--nodes', '3'], '--operation', /is required/],
    [['--nodes', '3', '--operation', 'create'], '--pods', /is required/],
    [['--pods', '2000', '--nodes', '3', '--operation', 'create'], '--pods', /200 per Node/],
    [
      [
        '--pods',
        '10',
        '--nodes',
        '3',
        '--operation',
        'create',
        '--max-endpoints-per-slice',
        '1001',
      ],
      '--max-endpoints-per-slice',
      /1 to 1000/,
    ],
    [
      [
        '--pods',
        '10',
        '--nodes',
        '3',
        '--operation',
        'create',
        '--paper-bytes-per-endpoint',
        '300',
      ],
      '--paper-bytes-per-endpoint',
      /needs --paper/,
    ],
    [
      [
        '--pods',
        '10',
        '--nodes',
        '3',
        '--operation',
        'create',
        '--paper',
        '--paper-min-object-bytes',
        'x',
      ],
      '--paper-min-object-bytes',
      /integer/,
    ],
    [
      ['--pods', '10', '--nodes', '3', '--operation', 'create', '--consumers', 'kube-proxy'],
      '--consumers',
      /both, endpoints, endpointSlices/,
    ],
    [
      ['--pods', '10', '--nodes', '3', '--operation', 'create', '--until', '1e9'],
      '--until',
      /seconds from 0 to 604800/,
    ],
    [
      ['--pods', '10', '--nodes', '3', '--operation', 'rollout', '--until', '5'],
      '--until',
      /not with the quick form/,
    ],
    [
      ['--pods', '10', '--nodes', '3', '--operation', 'create', '--seed', '1.5'],
      '--seed',
      /integer/,
    ],
    [['small', '--pods', '3'], '--pods', /not with a scenario/],
    [['small', '--heap-mib', '16'], '--heap-mib', /must be at least 64 \(MiB\) \(got 16\)/],
    [['small', '--heap-mib', '1.5'], '--heap-mib', /whole number of MiB/],
    [['small', '--heap-mib', '6x'], '--heap-mib', /must be a whole number of MiB.* \(got 6x\)/],
    // Decimal digits only, up to the machine's memory (not 64 read from hex, nor 1 TiB).
    [['small', '--heap-mib', '0x40'], '--heap-mib', /in decimal digits \(got 0x40\)$/m],
    [['small', '--heap-mib', '1e3'], '--heap-mib', /in decimal digits \(got 1e3\)$/m],
    [
      ['small', '--heap-mib', '1048576'],
      '--heap-mib',
      /must be at most \d+ \(MiB\), this machine's memory \(got 1048576\)$/m,
    ],
    [['small', '--timeout', '0'], '--timeout', /above 0 and at most 604800 \(got 0\)$/m],
    [['small', '--timeout', '-5'], '--timeout', /above 0 and at most 604800 \(got -5\)$/m],
    [['small', '--timeout', 'soon'], '--timeout', /must be a number of seconds .* \(got soon\)$/m],
    [['small', '--timeout', '1e3'], '--timeout', /must be a number of seconds .* \(got 1e3\)$/m],
    [['small', '--timeout', '604801'], '--timeout', /at most 604800 \(got 604801\)$/m],
    // A flag given twice is refused, not read as its last value.
    [
      ['--pods', '5', '--nodes', '3', '--operation', 'create', '--pods', '6'],
      '--pods',
      /given more than once \(got 5, then 6\); see --help$/m,
    ],
    [['small', '--paper', '--json', '--paper'], '--paper', /given more than once; see --help$/m],
    // A number is quoted as written, not as JavaScript prints it (1e+23).
    [
      ['--pods', '1e23', '--nodes', '3', '--operation', 'create'],
      '--pods',
      /must be an integer from 0 to 150000 \(got 1e23\)$/m,
    ],
  ])('%j names %s', async (args, flag, message) => {
    const { code, stdout, stderr } = await runInProcess(['simulate', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr.startsWith(`slicescope simulate: ${flag}: `)).toBe(true);
    expect(stderr).toMatch(message);
  });

  test.each([
    [['--json', '--csv', 'small'], /--json and --csv/],
    [['--colour'], /^slicescope simulate: --colour: not an option of this command; see --help$/m],
    [['--json=yes', 'small'], /--json: takes no value/],
    [['small', 'demo'], /one scenario at a time/],
    [['no-such-scenario'], /no-such-scenario: no such file, and no shipped scenario/],
  ])('%j is refused in one line', async (args, message) => {
    const { code, stderr } = await runInProcess(['simulate', ...args]);
    expect(code).toBe(2);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  test('a scenario file that is not UTF-8 is refused, naming the line and byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-simulate-'));
    const file = join(dir, 'latin1.yaml');
    await writeFile(file, Buffer.from('name: caf\xe9\ncluster: {}\n', 'latin1'));
    const { code, stderr } = await runInProcess(['simulate', file]);
    expect([code, stderr]).toEqual([
      2,
      `slicescope simulate: ${file}: line 1: not UTF-8 text (byte 0xe9 at offset 9); save it as UTF-8\n`,
    ]);
  });

  test('a scenario file over the size limit is refused without reading it all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-simulate-'));
    const file = join(dir, 'huge.json');
    await writeFile(file, '');
    // Sparse: NUL bytes, which are UTF-8 (no "not UTF-8 text" from a decoder given too much).
    await truncate(file, 600 * 1024 * 1024);
    try {
      const { code, stderr } = await runInProcess(['simulate', file]);
      expect([code, stderr]).toEqual([
        2,
        `slicescope simulate: ${file}: over the limit of 16 MiB (16,777,216 bytes) for scenario text\n`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.runIf(existsSync('/dev/zero'))(
    'a source that never ends is refused at the limit',
    async () => {
      const { code, stderr } = await runInProcess(['simulate', '/dev/zero']);
      expect([code, stderr]).toEqual([
        2,
        `slicescope simulate: /dev/zero: over the limit of 16 MiB (16,777,216 bytes) for scenario text\n`,
      ]);
    },
    10_000,
  );

  test('a directory is not a scenario file, said in words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-simulate-'));
    const { code, stderr } = await runInProcess(['simulate', dir]);
    expect([code, stderr]).toEqual([
      2,
      `slicescope simulate: ${dir}: a directory, not a scenario file\n`,
    ]);
  });

  test('a bad scenario file names the file, the line and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-simulate-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\ncluster:\n  zones:\n    - name: zone-a\n      nodes: 0\n');
    const { code, stderr } = await runInProcess(['simulate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^slicescope simulate: ${file}: line 5: cluster\\.zones\\[0\\]\\.nodes: must be an integer`,
      ),
    );
  });

  test('a "__proto__" key in a YAML scenario file is refused, naming the file, line and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-simulate-'));
    const file = join(dir, 'proto.yaml');
    await writeFile(
      file,
      [
        'name: proto',
        'cluster:',
        '  zones: [{ name: zone-a, nodes: 1 }]',
        '  workloads:',
        '    - name: web',
        '      replicas: 1',
        '      labels: { app: web, __proto__: { polluted: "yes" } }',
      ].join('\n'),
    );
    const { code, stderr } = await runInProcess(['simulate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^slicescope simulate: ${file}: line 7: cluster\\.workloads\\[0\\]\\.labels\\.__proto__: key must be a qualified name`,
      ),
    );
  });
});

describe('slicescope simulate, bounded by memory', () => {
  test('a run that outgrows --heap-mib stops with a clear error; a small one fits', async () => {
    const big = await runInProcess(
      ['simulate', '--pods', '20000', '--nodes', '5000', '--operation', 'rollout'].concat([
        '--heap-mib',
        '64',
      ]),
    );
    expect(big.code).toBe(1);
    expect(big.stdout).toBe('');
    expect(big.stderr).toBe(
      'slicescope simulate: the simulation needed more than 64 MiB of memory (--heap-mib); simulate fewer Pods or a shorter run, or give it more\n',
    );
    const small = await simulateJson(['small', '--heap-mib', '64']);
    expect(small.scenario).toBe('small');
  });

  test('the installed command exits with that error, not V8 out of memory', async () => {
    const result = await runProcess(
      process.execPath,
      [binPath, 'simulate', '--pods', '20000', '--nodes', '5000', '--operation', 'rollout'].concat([
        '--heap-mib',
        '64',
      ]),
      '',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^slicescope simulate: the simulation needed more than 64 MiB/);
    expect(result.stderr).not.toMatch(/heap out of memory|FATAL/);
  });
});

describe('slicescope simulate --help', () => {
  test('documents the quick form, both modes and the limits', async () => {
    const { code, stdout } = await runInProcess(['simulate', '--help']);
    expect(code).toBe(0);
    for (const text of [
      '--pods P',
      '--operation',
      'create',
      'update-one',
      'rollout',
      '--paper',
      '--csv',
      'Limits:',
      '150,000 Pods',
      '5,000 Nodes',
      '604,800',
      '--heap-mib N',
      '--timeout S',
      'reference-workload',
    ]) {
      expect(stdout).toContain(text);
    }
    const main = await runInProcess(['--help']);
    expect(main.stdout).toMatch(/^ {2}simulate {4}/m);
  });
});
