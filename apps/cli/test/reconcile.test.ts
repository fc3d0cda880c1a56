import { describe, expect, test, vi } from 'vitest';
import { parseReconcileInput } from '../src/reconcile/inputSchema.ts';
import { podSchema } from '../src/reconcile/kubernetesSchemas.ts';
import { binPath, runInProcess, runProcess, sampleInput } from './run.ts';

const json = (value: unknown): string => JSON.stringify(value);

describe('slicescope reconcile', () => {
  test('prints the creates for a new Service with its metrics', async () => {
    const { code, stdout, stderr } = await runInProcess(['reconcile'], json(sampleInput(250)));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['actions', 'error', 'metrics']);
    expect(result.actions.map((a: { verb: string }) => a.verb)).toEqual([
      'create',
      'create',
      'create',
    ]);
    expect(
      result.actions.map((a: { slice: { endpoints: unknown[] } }) => a.slice.endpoints.length),
    ).toEqual([100, 100, 50]);
    const [first] = result.actions;
    expect(first.slice.metadata.generateName).toBe('web-');
    expect(first.slice.metadata.name).toBeUndefined();
    expect(first.slice.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(result.error).toBe(false);
    expect(result.metrics).toEqual({
      desiredSlices: 3,
      actualSlices: 3,
      desiredEndpoints: 250,
      addedPerSync: 250,
      removedPerSync: 0,
      numCreated: 3,
      numUpdated: 0,
      numDeleted: 0,
      slicesChangedPerSync: 3,
      slicesChangedPerSyncTopology: 0,
      slicesChangedPerSyncTrafficDist: 0,
      servicesCountByTrafficDistribution: {},
    });
  });

  test('a second run on its own output makes no calls', async () => {
    const first = JSON.parse((await runInProcess(['reconcile'], json(sampleInput(150)))).stdout);
    const existingSlices = first.actions.map(
      (action: { slice: { metadata: object } }, i: number) => ({
        ...action.slice,
        metadata: { ...action.slice.metadata, name: `web-${i}`, generateName: undefined },
      }),
    );
    const second = await runInProcess(['reconcile'], json({ ...sampleInput(150), existingSlices }));
    expect(JSON.parse(second.stdout).actions).toEqual([]);
  });

  test('writes the trigger time exactly as given, and reports a sync error for a missing Node', async () => {
    const input = sampleInput(2, { triggerTime: '2024-05-06T07:08:09.100Z' });
    (input.pods as { spec: { nodeName: string } }[])[1]!.spec.nodeName = 'node-gone';
    const { code, stdout, stderr } = await runInProcess(['reconcile'], json(input));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.error).toBe(true);
    expect(stderr).toContain('Node node-gone Not Found');
    expect(result.actions[0].slice.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-06T07:08:09.100Z',
    });
    expect(result.actions[0].slice.endpoints).toHaveLength(1);
  });

  test.each([
    ['not JSON', '{"service":', /^slicescope reconcile: input is not JSON: /],
    ['not an object', '[1,2]', /input must be a JSON object/],
    [
      'maxEndpointsPerSlice 0',
      json(sampleInput(1, { maxEndpointsPerSlice: 0 })),
      /^slicescope reconcile: options\.maxEndpointsPerSlice: must be at least 1$/,
    ],
    [
      'maxEndpointsPerSlice 1001',
      json(sampleInput(1, { maxEndpointsPerSlice: 1001 })),
      /options\.maxEndpointsPerSlice: must be at most 1000$/,
    ],
    [
      'maxEndpointsPerSlice 1.5',
      json(sampleInput(1, { maxEndpointsPerSlice: 1.5 })),
      /options\.maxEndpointsPerSlice: must be an integer/,
    ],
    [
      'a bad trigger time',
      json(sampleInput(1, { triggerTime: 'yesterday' })),
      /options\.triggerTime: must be an RFC 3339 time/,
    ],
    [
      'an unknown option',
      json(sampleInput(1, { maxEndpoints: 5 })),
      /options: unknown field "maxEndpoints"/,
    ],
    ['a missing service', json({ pods: [] }), /^slicescope reconcile: service: /],
    [
      'a Pod IP that is not text',
      json({
        ...sampleInput(1),
        pods: [{ metadata: { name: 'p' }, status: { podIPs: [{ ip: 7 }] } }],
      }),
      /pods\[0\]\.status\.podIPs\[0\]\.ip: /,
    ],
    ['pods not a list', json({ ...sampleInput(1), pods: {} }), /^slicescope reconcile: pods: /],
    [
      'a slice without addressType',
      json({ ...sampleInput(1), existingSlices: [{ metadata: { name: 's' }, endpoints: [] }] }),
      /existingSlices\[0\]\.addressType: /,
    ],
  ])('rejects %s with exit code 2 and one line naming the field', async (_name, input, message) => {
    const { code, stdout, stderr } = await runInProcess(['reconcile'], input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  test('publishes a Pod IP that does not parse as <nil> in the IPv4 slice, as upstream does', async () => {
    const input = sampleInput(1);
    (input.pods as { status: { podIPs: { ip: string }[] } }[])[0]!.status.podIPs = [
      { ip: '1.2.3.304' },
    ];
    const [action] = JSON.parse((await runInProcess(['reconcile'], json(input))).stdout).actions;
    expect(action.slice.endpoints[0].addresses).toEqual(['<nil>']);
  });

  test('a list of millions of bad entries is one error, the first', async () => {
    // 2,000,000 empty Pods and no Service: the Service is named, and nothing runs out of memory.
    const many = `{"pods":[${'{},'.repeat(2_000_000)}{}]}`;
    const missing = await runInProcess(['reconcile'], many);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^slicescope reconcile: service: /);
    const input = sampleInput(3);
    (input.pods as unknown[]).splice(2, 0, ...Array.from({ length: 100_000 }, () => ({})));
    const bad = await runInProcess(['reconcile'], json(input));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^slicescope reconcile: pods\[2\]\.metadata: /);
    // Read up to the first bad entry, not past it (each would be an issue held in memory).
    const reads = vi.spyOn(podSchema, 'safeParse');
    try {
      expect(parseReconcileInput(json(input))).toMatchObject({ ok: false });
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
  });

  test('standard input that is not UTF-8 is refused, naming the byte', async () => {
    const input = Buffer.from('{"service": "caf\xe9"}', 'latin1');
    const { code, stderr } = await runInProcess(['reconcile'], [input]);
    expect([code, stderr]).toEqual([
      2,
      'slicescope reconcile: input: line 1: not UTF-8 text (byte 0xe9 at offset 16); save it as UTF-8\n',
    ]);
  });

  test('standard input over 256 MiB is refused, not read to the end', async () => {
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    function* input(): Generator<Buffer> {
      for (let i = 0; i < 300; i++) yield mib;
    }
    const result = await runInProcess(['reconcile'], input());
    expect(result).toMatchObject({
      code: 2,
      stderr: 'slicescope reconcile: input is over 256 MiB\n',
    });
  });

  test('deeply nested input is a clear error, also in --ndjson where the rest go on', async () => {
    const deep = `{"service":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const single = await runInProcess(['reconcile'], deep);
    expect(single.code).toBe(2);
    expect(single.stderr).toBe('slicescope reconcile: input is nested too deeply\n');
    const lines = await runInProcess(
      ['reconcile', '--ndjson'],
      `${deep}\n${json(sampleInput(1))}\n`,
    );
    const results = lines.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results[0]).toEqual({ error: 'input is nested too deeply', input: 1 });
    expect(results[1].actions).toHaveLength(1);
  });

  test('a "__proto__" member is refused, polluting no prototype', async () => {
    const input = JSON.parse(json(sampleInput(1)));
    input.service.metadata.labels = JSON.parse('{"__proto__": {"polluted": "yes"}, "team": "a"}');
    const { code, stdout, stderr } = await runInProcess(['reconcile'], JSON.stringify(input));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^slicescope reconcile: service\.metadata\.labels\.__proto__: /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('accepts Kubernetes JSON with nulls, as kubectl prints it', async () => {
    const input = sampleInput(1);
    const slice = {
      metadata: {
        name: 'web-abc',
        namespace: 'default',
        creationTimestamp: null,
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-1' }],
      },
      addressType: 'IPv4',
      endpoints: null,
      ports: null,
    };
    const { code, stdout } = await runInProcess(
      ['reconcile'],
      json({ ...input, existingSlices: [slice] }),
    );
    expect(code).toBe(0);
    const [action] = JSON.parse(stdout).actions;
    expect(action.verb).toBe('update');
    expect(action.slice.metadata.name).toBe('web-abc');
  });

  test('--ndjson answers every line in order, a bad line with its number', async () => {
    const lines = [
      json(sampleInput(1)),
      '',
      'nope',
      json(sampleInput(3, { maxEndpointsPerSlice: 2 })),
    ];
    const { code, stdout } = await runInProcess(['reconcile', '--ndjson'], lines.join('\n'));
    expect(code).toBe(0);
    const results = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(3);
    expect(results[0].actions).toHaveLength(1);
    expect(results[1]).toEqual({ error: expect.stringMatching(/^input is not JSON/), input: 3 });
    expect(
      results[2].actions.map((a: { slice: { endpoints: unknown[] } }) => a.slice.endpoints.length),
    ).toEqual([2, 1]);
  });

  test('--help documents the input, the output, the options and the exit codes', async () => {
    const { code, stdout } = await runInProcess(['reconcile', '--help']);
    expect(code).toBe(0);
    for (const word of [
      'existingSlices',
      'maxEndpointsPerSlice',
      'triggerTime',
      'topologyCache',
      'preferSameTrafficDistribution',
      '--ndjson',
      'generateName',
      'slicesChangedPerSyncTrafficDist',
      'Exit codes',
    ]) {
      expect(stdout).toContain(word);
    }
  });

  test('rejects unknown flags and commands with exit code 2', async () => {
    expect((await runInProcess(['reconcile', '--fast'])).code).toBe(2);
    expect((await runInProcess(['reconsile'])).code).toBe(2);
  });

  test(
    'the installed command handles a thousand inputs in one --ndjson call',
    { timeout: 60_000 },
    async () => {
      const lines = Array.from({ length: 1000 }, (_, i) => json(sampleInput((i % 7) + 1)));
      const { code, stdout, stderr } = await runProcess(
        process.execPath,
        [binPath, 'reconcile', '--ndjson'],
        `${lines.join('\n')}\n`,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const results = stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(results).toHaveLength(1000);
      results.forEach((result, i) => expect(result.metrics.desiredEndpoints).toBe((i % 7) + 1));
    },
  );

  test(
    'runs from the repo root as `pnpm --silent slicescope reconcile`',
    { timeout: 60_000 },
    async () => {
      const { code, stdout } = await runProcess(
        'pnpm',
        ['--silent', 'slicescope', 'reconcile'],
        json(sampleInput(1)),
      );
      expect(code).toBe(0);
      expect(JSON.parse(stdout).actions[0].verb).toBe('create');
    },
  );
});
