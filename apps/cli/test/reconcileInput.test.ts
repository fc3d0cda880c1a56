import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { binPath, runInProcess, runProcess, sampleInput } from './run.ts';

/** How `slicescope reconcile` reads what kubectl prints, and the errors for what it cannot read. */

const json = (value: unknown): string => JSON.stringify(value);

type KubeObject = Record<string, unknown> & { metadata: Record<string, unknown> };
type Input = ReturnType<typeof sampleInput> & {
  service: KubeObject & { spec: { ports: Record<string, unknown>[] } };
  pods: (KubeObject & { spec: Record<string, unknown> })[];
  nodes: KubeObject[];
};

/** sampleInput with its objects typed for editing. */
function input(count: number, options: Record<string, unknown> = {}): Input {
  return sampleInput(count, options) as Input;
}

/** The same input as `kubectl get … -o json` prints it: every object with its kind. */
function kubectlInput(count: number): Input {
  const base = input(count);
  return {
    ...base,
    service: { apiVersion: 'v1', kind: 'Service', ...base.service },
    pods: base.pods.map((pod) => ({ apiVersion: 'v1', kind: 'Pod', ...pod })),
    nodes: base.nodes.map((node) => ({ apiVersion: 'v1', kind: 'Node', ...node })),
  };
}

/** A List as kubectl prints it (kind "List" for `kubectl get pods,nodes`, or "PodList"). */
function list(items: unknown[], kind = 'List'): Record<string, unknown> {
  return { apiVersion: 'v1', kind, metadata: { resourceVersion: '' }, items };
}

/** A slice the controller wrote for `web`, as `kubectl get endpointslices -o json` prints it. */
function managedSlice(apiVersion = 'discovery.k8s.io/v1'): Record<string, unknown> {
  return {
    apiVersion,
    kind: 'EndpointSlice',
    metadata: {
      name: 'web-abc',
      namespace: 'default',
      labels: {
        'kubernetes.io/service-name': 'web',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-1' }],
    },
    addressType: 'IPv4',
    endpoints: [],
  };
}

/** Runs reconcile on one document; the result with its JSON output read. */
async function reconcile(document: unknown, args: string[] = []) {
  const text = typeof document === 'string' ? document : json(document);
  const result = await runInProcess(['reconcile', ...args], text);
  return { ...result, output: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

/** Expects exit code 2 and exactly `message` as the one line on standard error. */
async function expectRefused(document: unknown, message: string, args: string[] = []) {
  const result = await reconcile(document, args);
  expect([result.code, result.stdout, result.stderr]).toEqual([
    2,
    '',
    `slicescope reconcile: ${message}\n`,
  ]);
}

/** --ndjson's answers, one per non-blank line. */
async function ndjson(lines: string[], args: string[] = []): Promise<unknown[]> {
  const { code, stdout } = await runInProcess(['reconcile', '--ndjson', ...args], lines.join('\n'));
  expect(code).toBe(0);
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('a "__proto__" key in labels, annotations or a selector', () => {
  // JSON text, as kubectl would print it: JSON.parse keeps the key as an own field. The key
  // goes into the first object of that name in the text.
  const withKey = (path: string): string => {
    const plain = kubectlInput(1);
    const text = json(plain);
    const at = text.indexOf(`"${path}":{`) + path.length + 4;
    return `${text.slice(0, at)}"__proto__":"x",${text.slice(at)}`;
  };

  test('is refused, naming where it is, instead of dropped', async () => {
    await expectRefused(
      withKey('selector'),
      'service.spec.selector.__proto__: key must be a qualified name (the API server refuses "__proto__")',
    );
    await expectRefused(
      withKey('labels'),
      'pods[0].metadata.labels.__proto__: key must be a qualified name (the API server refuses "__proto__")',
    );
  });
});

describe('reconcile reads Lists as kubectl prints them', () => {
  test('pods, nodes and existingSlices as Lists give what arrays give', async () => {
    const plain = kubectlInput(3);
    const expected = (await reconcile({ ...plain, existingSlices: [managedSlice()] })).output;
    expect(expected.actions.map((a: { verb: string }) => a.verb)).toEqual(['update']);
    const listed = await reconcile({
      ...plain,
      pods: list(plain.pods, 'PodList'),
      nodes: list(plain.nodes),
      existingSlices: list([managedSlice()], 'EndpointSliceList'),
    });
    expect([listed.code, listed.stderr]).toEqual([0, '']);
    expect(listed.output).toEqual(expected);
  });

  test('an empty List, with items [] or null, is no objects', async () => {
    const plain = kubectlInput(1);
    const empty = { ...list([]), items: null };
    const { code, output } = await reconcile({ ...plain, nodes: list([]), existingSlices: empty });
    expect(code).toBe(0);
    expect(output.actions.map((a: { verb: string }) => a.verb)).toEqual(['create']);
  });

  test('a List of another kind is refused, naming it', async () => {
    const plain = kubectlInput(1);
    await expectRefused(
      { ...plain, pods: list(plain.nodes, 'NodeList') },
      'pods.kind: expected PodList or List, got NodeList',
    );
    await expectRefused(
      { ...plain, nodes: { ...list([]), items: {} } },
      'nodes.items: must be an array',
    );
  });

  test('a Service List of exactly one is that Service; of several, a clear error', async () => {
    const plain = kubectlInput(2);
    const expected = (await reconcile(plain)).output;
    const one = await reconcile({ ...plain, service: list([plain.service], 'ServiceList') });
    expect(one.output).toEqual(expected);
    const other = { ...plain.service, metadata: { ...plain.service.metadata, name: 'api' } };
    await expectRefused(
      { ...plain, service: list([plain.service, other], 'ServiceList') },
      'service: got a ServiceList of 2 items; pass one Service (one of its items, or kubectl get svc NAME -o json)',
    );
    await expectRefused(
      { ...plain, service: list([]) },
      'service: got a List of 0 items; pass one Service (one of its items, or kubectl get svc NAME -o json)',
    );
  });

  test('an error inside a List names the field as the document has it (items[i])', async () => {
    const plain = kubectlInput(2);
    const badPod = { ...plain.pods[1], metadata: { ...plain.pods[1]?.metadata, name: '' } };
    await expectRefused(
      { ...plain, pods: list([plain.pods[0], badPod], 'PodList') },
      'pods.items[1].metadata.name: must be a non-empty name',
    );
    await expectRefused(
      { ...plain, pods: [plain.pods[0], badPod] },
      'pods[1].metadata.name: must be a non-empty name',
    );
    const badService = { ...plain.service, kind: 'Pod' };
    await expectRefused(
      { ...plain, service: list([badService], 'ServiceList') },
      'service.items[0].kind: expected Service, got Pod',
    );
    await expectRefused(
      { ...plain, endpoints: list([{}, {}], 'EndpointsList') },
      'endpoints: got an EndpointsList of 2 items; pass one Endpoints (kubectl get endpoints NAME -o json)',
    );
  });

  test('--ndjson reads Lists on every line too', async () => {
    const plain = kubectlInput(2);
    const [result] = (await ndjson([json({ ...plain, pods: list(plain.pods) })])) as {
      metrics: { desiredEndpoints: number };
    }[];
    expect(result!.metrics.desiredEndpoints).toBe(2);
  });
});

describe('reconcile refuses objects of the wrong kind', () => {
  const plain = kubectlInput(2);
  const pod = plain.pods[0]!;
  const node = plain.nodes[0]!;
  test.each([
    ['a Pod as the Service', { ...plain, service: pod }, 'service.kind: expected Service, got Pod'],
    [
      'a Deployment as the Service',
      { ...plain, service: { ...plain.service, kind: 'Deployment' } },
      'service.kind: expected Service, got Deployment',
    ],
    [
      'a Node among the Pods',
      { ...plain, pods: [pod, node] },
      'pods[1].kind: expected Pod, got Node',
    ],
    ['a Pod among the Nodes', { ...plain, nodes: [pod] }, 'nodes[0].kind: expected Node, got Pod'],
    [
      'a Service among the slices',
      { ...plain, existingSlices: [{ ...plain.service, addressType: 'IPv4' }] },
      'existingSlices[0].kind: expected EndpointSlice, got Service',
    ],
    [
      'a Service as the Endpoints',
      { ...plain, endpoints: plain.service },
      'endpoints.kind: expected Endpoints, got Service',
    ],
    [
      'a kind that is not text',
      { ...plain, service: { ...plain.service, kind: 7 } },
      'service.kind: expected Service, got 7',
    ],
  ])('%s', async (_name, document, message) => {
    await expectRefused(document, message);
  });

  test('objects without kind, and slices of discovery.k8s.io/v1beta1, are read', async () => {
    const bare = await reconcile({ ...input(1), existingSlices: [managedSlice()] });
    const beta = await reconcile({
      ...kubectlInput(1),
      existingSlices: [managedSlice('discovery.k8s.io/v1beta1')],
    });
    expect([bare.code, beta.code]).toEqual([0, 0]);
    expect(beta.output).toEqual(bare.output);
  });

  test('--ndjson answers a line of the wrong kind with its error, and goes on', async () => {
    const plain = kubectlInput(1);
    const results = await ndjson([json({ ...plain, service: plain.pods[0] }), json(plain)]);
    expect(results[0]).toEqual({ error: 'service.kind: expected Service, got Pod', input: 1 });
    expect(results[1]).toMatchObject({ metrics: { desiredEndpoints: 1 } });
  });
});

describe('reconcile takes a missing namespace as "default"', () => {
  test('for the Service, its Pods and its slices', async () => {
    const document = input(2);
    delete document.service.metadata.namespace;
    for (const pod of document.pods) delete pod.metadata.namespace;
    const slice = managedSlice();
    delete (slice.metadata as Record<string, unknown>).namespace;
    const { code, output } = await reconcile({ ...document, existingSlices: [slice] });
    expect(code).toBe(0);
    // The slice without a namespace is the Service's, so it is updated, in "default".
    const [action] = output.actions;
    expect([action.verb, action.slice.metadata.namespace]).toEqual(['update', 'default']);
    expect(action.slice.endpoints).toHaveLength(2);
  });

  test('the slices written for a Service without one name "default", with --endpoints too', async () => {
    const document = input(1);
    delete document.service.metadata.namespace;
    const { output } = await reconcile(document, ['--endpoints']);
    expect(output.actions[0].slice.metadata.namespace).toBe('default');
    expect(output.endpoints.metadata.namespace).toBe('default');
  });

  test('Pods of another namespace are still not the Service’s', async () => {
    const document = input(2);
    delete document.service.metadata.namespace;
    document.pods[1]!.metadata.namespace = 'other';
    const { output } = await reconcile(document);
    expect(output.metrics.desiredEndpoints).toBe(1);
  });
});

describe('reconcile --max-endpoints-per-slice', () => {
  test('is the controller setting, and wins over the input’s option', async () => {
    const sizes = (output: { actions: { slice: { endpoints: unknown[] } }[] }) =>
      output.actions.map((action) => action.slice.endpoints.length);
    const plain = await reconcile(input(5), ['--max-endpoints-per-slice', '2']);
    expect(sizes(plain.output)).toEqual([2, 2, 1]);
    const both = await reconcile(input(5, { maxEndpointsPerSlice: 4 }), [
      '--max-endpoints-per-slice=3',
    ]);
    expect(sizes(both.output)).toEqual([3, 2]);
    const lines = (await ndjson(
      [json(input(3)), json(input(3, { maxEndpointsPerSlice: 1 }))],
      ['--max-endpoints-per-slice', '2'],
    )) as { actions: { slice: { endpoints: unknown[] } }[] }[];
    expect(lines.map(sizes)).toEqual([
      [2, 1],
      [2, 1],
    ]);
  });

  test.each([
    ['0', 'must be at least 1 (got 0)'],
    ['1001', 'must be at most 1000 (got 1001)'],
    ['1.5', 'must be a whole number (got 1.5)'],
    ['many', 'must be a number (got many)'],
  ])('refuses %s as serve does', async (value, message) => {
    await expectRefused(json(input(1)), `--max-endpoints-per-slice: ${message}`, [
      '--max-endpoints-per-slice',
      value,
    ]);
  });

  test('is what --help says', async () => {
    const { stdout } = await runInProcess(['reconcile', '--help']);
    expect(stdout).toMatch(
      /^ {2}--max-endpoints-per-slice N +the controller's flag of that name, 1-1000/m,
    );
  });
});

describe('reconcile says in one line what is wrong with standard input', () => {
  test('YAML is named as such', async () => {
    const yaml = 'service:\n  metadata:\n    name: web\npods: []\n';
    await expectRefused(yaml, 'input must be JSON (YAML is not read)');
    await expectRefused(`# saved\n---\n${yaml}`, 'input must be JSON (YAML is not read)');
    await expectRefused(`- kind: Pod\n`, 'input must be JSON (YAML is not read)');
  });

  test('a JSON error quoting text across lines stays on one line', async () => {
    const { code, stderr } = await reconcile('{"service":\n  nope,\n "pods": []}');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^slicescope reconcile: input is not JSON: .*\\n.*\n$/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test.each([
    ['empty', ''],
    ['blank', ' \n\t\r\n'],
  ])('%s standard input is no input', async (_name, text) => {
    await expectRefused(text, 'no input on standard input');
  });

  test(
    'a directory as standard input cannot be read, also with --ndjson',
    { timeout: 60_000 },
    async () => {
      const directory = mkdtempSync(join(tmpdir(), 'slicescope-stdin-'));
      try {
        for (const args of [['reconcile'], ['reconcile', '--ndjson']]) {
          const result = await runProcess(process.execPath, [binPath, ...args], {
            path: directory,
          });
          expect(result).toEqual({
            code: 2,
            stdout: '',
            stderr:
              'slicescope reconcile: cannot read standard input: it is a directory (EISDIR); redirect a file, e.g. < input.json\n',
          });
        }
      } finally {
        rmSync(directory, { recursive: true });
      }
    },
  );

  test('a failed read is one line and exit code 1, also with --ndjson', async () => {
    function* failing(): Generator<Buffer> {
      yield Buffer.from('{"serv');
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    for (const args of [['reconcile'], ['reconcile', '--ndjson']]) {
      const result = await runInProcess(args, failing());
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'slicescope reconcile: cannot read standard input (EIO: i/o error, read)\n',
      });
    }
  });
});

describe('reconcile reads ports as Kubernetes validates them: 1 to 65535', () => {
  const range = 'must be a port number from 1 to 65535';
  const withServicePort = (port: unknown, field = 'port') => {
    const document = input(1);
    document.service.spec.ports = [{ name: 'http', port: 80, [field]: port }];
    return document;
  };
  const withContainerPort = (containerPort: unknown) => {
    const document = input(1);
    document.pods[0]!.spec.containers = [{ name: 'app', ports: [{ containerPort }] }];
    return document;
  };
  test.each([0, -1, 70000, 1e308, 80.5])('service port %s', async (port) => {
    await expectRefused(withServicePort(port), `service.spec.ports[0].port: ${range}`);
  });
  test.each([0, 70000, 1e20])('containerPort %s', async (port) => {
    await expectRefused(
      withContainerPort(port),
      `pods[0].spec.containers[0].ports[0].containerPort: ${range}`,
    );
  });
  test.each([0, 1e308])('numeric targetPort %s', async (port) => {
    await expectRefused(
      withServicePort(port, 'targetPort'),
      `service.spec.ports[0].targetPort: ${range}`,
    );
  });

  test('1 and 65535 are ports, and --ndjson names a bad one on its line', async () => {
    expect((await reconcile(withServicePort(1))).code).toBe(0);
    expect((await reconcile(withServicePort(65535))).code).toBe(0);
    expect((await reconcile(withContainerPort(65535))).code).toBe(0);
    const results = await ndjson([json(withServicePort(0)), json(withServicePort(80))]);
    expect(results[0]).toEqual({ error: `service.spec.ports[0].port: ${range}`, input: 1 });
    expect(results[1]).toMatchObject({ metrics: { desiredEndpoints: 1 } });
  });
});
