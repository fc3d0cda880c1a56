import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { apiErrorSchema, loadShippedScenario, SCENARIO_EVENT_TYPES } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, modelContent, SERVICES, type TestDeps } from '../support/appDeps.ts';

/**
 * Random requests against two running apps (one open with a web root, one behind a token and a
 * base path): no answer is a 5xx, every 4xx is the one error shape with a message, nothing crashes,
 * the model keeps what it held and no prototype is polluted. Seeded: FUZZ_SEED=n picks another run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const TOKEN = 'fuzz-token';
const BASE = '/slicescope';
/** Requests sent at once over a keep-alive pool. */
const CONCURRENCY = 16;
const MIN_REQUESTS = 10_000;
const MAX_URL = 12_000;

// ---- request generation ------------------------------------------------------------------------

/** Percent-encodes every byte of the UTF-8 form except unreserved characters. */
function encodeAll(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Leaves printable ASCII (and so `/`, `%`, `..`) raw; encodes spaces, `?`, `#` and the rest. */
function encodeLoose(text: string): string {
  let out = '';
  for (const char of text) {
    out += /^[\x21-\x7e]$/.test(char) && char !== '?' && char !== '#' ? char : encodeAll(char);
  }
  return out;
}

const NAMES = [
  'shop',
  'data',
  'web',
  'api',
  'db',
  'empty',
  'node-a1',
  'node-b2',
  'v1',
  'services',
  'assets',
  'app-abc.js',
  'index.html',
  'analysis',
  'history',
  'proxy',
  'stream',
];
const NASTY = [
  '..',
  '.',
  '',
  '%2e%2e',
  '%2E%2E%2F',
  '%2F',
  'a%2Fb',
  '%5C',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%EF%BF%BD',
  '~',
  '*',
  ';x=1',
  ',',
  '%20',
  '+',
  '@',
  ':',
  '$',
  '(',
  ')',
  "'",
  '!',
  '__proto__',
  'constructor',
];

const longSegment = fc
  .tuple(
    fc.constantFrom('a', 'A-', '%F0%9F%98%80', '..%2F', '%'),
    fc.integer({ min: 50, max: 6000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }).map(encodeAll) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map(encodeAll) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }).map(encodeLoose) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', maxLength: 8 })
      .map((s) => s.toUpperCase())
      .map(encodeAll),
  },
  { weight: 1, arbitrary: longSegment },
);

const SEG = Symbol('segment');
const TEMPLATES: (string | typeof SEG)[][] = [
  ['healthz'],
  ['readyz'],
  ['metrics'],
  ['api', 'v1', 'overview'],
  ['api', 'v1', 'services'],
  ['api', 'v1', 'services', SEG, SEG],
  ['api', 'v1', 'services', SEG, SEG, 'analysis'],
  ['api', 'v1', 'services', SEG, SEG, 'proxy', SEG],
  ['api', 'v1', 'services', SEG, SEG, 'history'],
  ['api', 'v1', 'nodes'],
  ['api', 'v1', 'zones'],
  ['api', 'v1', 'pods', SEG, SEG],
  ['api', 'v1', 'simulate'],
  ['api', 'v1', 'session'],
  ['api', 'v1', 'stream'],
  ['api', 'v1', SEG],
  ['api', SEG],
  ['assets', SEG],
  [SEG],
  [SEG, SEG, SEG],
  [],
];

/** A known service's parts, so the deeper routes are reached with real names too. */
const serviceParts = fc.constantFrom(...SERVICES.map((key) => key.split('/')));

const pathArb: fc.Arbitrary<string> = fc
  .record({
    template: fc.constantFrom(...TEMPLATES),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
    known: fc.option(serviceParts, { freq: 2 }),
    mutation: fc.constantFrom(
      'none',
      'none',
      'none',
      'trailing',
      'double',
      'upper',
      'extra',
      'dot',
    ),
    extra: segment,
  })
  .map(({ template, segments, known, mutation, extra }) => {
    let next = 0;
    const parts = template.map((part) => {
      if (part !== SEG) return part;
      const index = next++;
      return known && index < 2 ? (known[index] as string) : (segments[index] ?? '');
    });
    if (mutation === 'upper') return `/${parts.join('/').toUpperCase()}`;
    if (mutation === 'trailing') return `/${parts.join('/')}/`;
    if (mutation === 'double') return `//${parts.join('//')}`;
    if (mutation === 'extra') return `/${[...parts, extra].join('/')}`;
    if (mutation === 'dot') return `/${['.', ...parts, '..', ...parts].join('/')}`;
    return `/${parts.join('/')}`;
  });

const QUERY_KEYS = [
  'namespace',
  'q',
  'flag',
  'sort',
  'order',
  'limit',
  'offset',
  'version',
  'service',
  'lastEventId',
  'format',
  'seed',
  'token',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
];
const QUERY_VALUES = [
  '1',
  '0',
  '-1',
  '50',
  '500',
  '501',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  'asc',
  'desc',
  'name',
  'endpoints',
  'slices',
  'churn',
  'fragmentation',
  'truncated',
  'hints',
  'shop',
  'shop/web',
  'data/db',
  'shop%2Fweb',
  '1.30',
  '1.20',
  '1.9999',
  'test-1',
  'test-0',
  'true',
  '',
  '%',
  '%00',
];

const queryKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map(encodeAll) },
);
const queryKeyForm = fc
  .tuple(
    queryKey,
    fc.constantFrom(
      '',
      '',
      '',
      '[]',
      '[a]',
      '[a][b]',
      '[0]',
      '[99999]',
      '[__proto__]',
      '.a',
      '[a][b][c][d][e][f][g]',
    ),
  )
  .map(([key, suffix]) => `${key}${suffix}`);
const queryValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_VALUES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeAll) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encodeLoose) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => 'x'.repeat(n)) },
);
const queryPair = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(queryKeyForm, queryValue).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: queryKeyForm },
  { weight: 1, arbitrary: queryValue.map((v) => `=${v}`) },
  { weight: 1, arbitrary: fc.constant('') },
);
const queryArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc
      .array(queryPair, { minLength: 1, maxLength: 10 })
      .map((pairs) => `?${pairs.join('&')}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 1200 }).map((n) => `?${'a=1&'.repeat(n)}`) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...SERVICES, 'shop/s1', 'a/b', 'x'), { minLength: 1, maxLength: 12 })
      .map((services) => `?${services.map((s) => `service=${s}`).join('&')}`),
  },
);

// Scenario-shaped objects: mostly near the format, with wrong types, huge numbers, unknown keys.
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 2 ** 64, 5e-324, -0, 1e21);
const smallName = fc.oneof(
  fc.constantFrom('a', 'zone-a', 'web', 'default', 'shop', 'w', 'x1'),
  fc.string({ maxLength: 12 }),
);
const someValue = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);
const zoneArb = fc.record(
  {
    name: smallName,
    nodes: fc.oneof(fc.integer({ min: 0, max: 3 }), hugeNumber, fc.constant('2')),
    cpu: fc.oneof(fc.constantFrom('4', '3500m', 'abc', '0'), fc.integer({ min: -1, max: 8 })),
    maxPods: fc.integer({ min: 0, max: 20 }),
    bogus: someValue,
  },
  { requiredKeys: ['name', 'nodes'] },
);
const workloadArb = fc.record(
  {
    name: smallName,
    namespace: smallName,
    replicas: fc.oneof(fc.integer({ min: 0, max: 6 }), hugeNumber, fc.constant(-1)),
    labels: fc.oneof(
      fc.constant({ app: 'w' }),
      fc.dictionary(smallName, smallName, { maxKeys: 2 }),
    ),
    ports: fc.array(
      fc.record(
        { name: smallName, containerPort: fc.integer({ min: -1, max: 70_000 }) },
        { requiredKeys: ['containerPort'] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['name', 'replicas', 'labels'] },
);
const serviceArb = fc.record(
  {
    name: smallName,
    namespace: smallName,
    selector: fc.oneof(
      fc.constant({ app: 'w' }),
      fc.dictionary(smallName, smallName, { maxKeys: 2 }),
    ),
    ports: fc.array(
      fc.record(
        {
          port: fc.integer({ min: 0, max: 70_000 }),
          targetPort: fc.oneof(fc.integer(), smallName),
        },
        { requiredKeys: ['port'] },
      ),
      { maxLength: 2 },
    ),
    type: fc.constantFrom('ClusterIP', 'NodePort', 'ExternalName', 'Bogus'),
    clusterIP: fc.constantFrom('None', '10.0.0.1'),
  },
  { requiredKeys: ['name'] },
);
const eventArb = fc.record(
  {
    at: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double(), hugeNumber),
    type: fc.constantFrom(...SCENARIO_EVENT_TYPES, 'explode'),
    workload: fc.constantFrom('w', 'nope'),
    namespace: fc.constantFrom('default', 'shop'),
    replicas: fc.oneof(fc.integer({ min: 0, max: 10 }), hugeNumber),
    node: fc.constantFrom('zone-a-node-1', 'a-node-1', 'nope'),
    zone: fc.constantFrom('zone-a', 'a'),
    forSeconds: fc.integer({ min: 0, max: 60 }),
    service: fc.constantFrom('w', 'web'),
  },
  { requiredKeys: ['at', 'type'] },
);
const scenarioArb = fc.record(
  {
    name: smallName,
    description: fc.oneof(fc.string({ maxLength: 40 }), fc.anything({ maxDepth: 2 })),
    cluster: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record(
          {
            zones: fc.array(zoneArb, { maxLength: 3 }),
            workloads: fc.array(workloadArb, { maxLength: 2 }),
            services: fc.array(serviceArb, { maxLength: 2 }),
          },
          { requiredKeys: ['zones'] },
        ),
      },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
    ),
    events: fc.array(eventArb, { maxLength: 3 }),
    repeatEverySeconds: fc.oneof(fc.integer({ min: 0, max: 200 }), hugeNumber),
    colour: someValue,
  },
  { requiredKeys: ['name', 'cluster'] },
);

/** A shipped scenario with one field replaced by something random. */
const mutatedShipped = fc
  .tuple(
    fc.constantFrom('name', 'cluster', 'events', 'description', 'repeatEverySeconds'),
    fc.anything({ maxDepth: 3 }),
  )
  .map(([field, value]) => ({ ...loadShippedScenario('small'), [field]: value }));

const simulateBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        scenario: scenarioArb,
        seed: fc.option(fc.oneof(fc.integer({ min: -2, max: 2 ** 31 }), hugeNumber), {
          nil: undefined,
        }),
      },
      { requiredKeys: ['scenario'] },
    ),
  },
  { weight: 1, arbitrary: mutatedShipped.map((scenario) => ({ scenario })) },
  { weight: 1, arbitrary: fc.constant({ scenario: loadShippedScenario('small') }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(scenarioArb, fc.constantFrom('yaml', 'json', undefined), fc.boolean())
      .map(([scenario, format, asYaml]) => ({
        scenario: asYaml ? toYaml(scenario) : JSON.stringify(scenario),
        ...(format ? { format } : {}),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      scenario: fc.string({ unit: 'grapheme', maxLength: 200 }),
      format: fc.constantFrom('yaml', 'json', 'xml'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      token: fc.oneof(
        fc.constant(TOKEN),
        fc.string({ maxLength: 20 }),
        fc.anything({ maxDepth: 2 }),
      ),
    }),
  },
);

const nested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const bodyText: fc.Arbitrary<string | Buffer> = fc.oneof(
  { weight: 8, arbitrary: simulateBody.map((body) => JSON.stringify(body)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 10, max: 20_000 }),
        fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
      )
      .map(([depth, kind]) => nested(depth, kind)),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 10, max: 5000 })
      .map((depth) => `{"scenario":${nested(depth, 'object')}}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e400',
      `1${'0'.repeat(400)}`,
      '{"scenario":{},"seed":1e400}',
      '{"scenario":{"name":"x"},"seed":123456789012345678901234567890}',
      'null',
      'true',
      '""',
      '[]',
      '{}',
      '{"__proto__":{"polluted":1},"scenario":{}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 70 * 1024, max: 200 * 1024 })
      .map((n) => JSON.stringify({ scenario: { name: 'x'.repeat(n) } })),
  },
);

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/yaml',
  'application/json; boundary="',
  ';;;',
];

const headerValue = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

const headersArb = fc.record(
  {
    authorization: fc.oneof(
      fc.constant(`Bearer ${TOKEN}`),
      fc.constant(`Bearer ${TOKEN}x`),
      fc.constant('Bearer '),
      headerValue.map((s) => `Bearer ${s}`),
      headerValue,
    ),
    cookie: fc.oneof(
      fc.constant(`slicescope_token=${TOKEN}`),
      fc.constant('slicescope_token=%E0%A4%A'),
      headerValue.map((s) => `slicescope_token=${s}; a=b`),
      headerValue,
    ),
    'last-event-id': fc.oneof(
      fc.constantFrom('test-1', 'test-0', 'test-99999999', 'other-1', ''),
      headerValue,
    ),
    origin: fc.constantFrom('https://evil.example', 'null'),
    range: fc.constantFrom('bytes=0-5', 'bytes=999999-', 'bytes=garbage', 'bytes=5-1'),
    accept: fc.constantFrom('text/event-stream', 'application/json', '*/*', 'text/html'),
    'x-forwarded-proto': fc.constantFrom('https', 'http', 'gopher'),
    'x-forwarded-for': headerValue,
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-bogus'),
  },
  { requiredKeys: [] },
);

interface FuzzRequest {
  target: 'open' | 'guarded';
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

const METHODS = [
  'GET',
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'PROPFIND',
];

const requestArb: fc.Arbitrary<FuzzRequest> = fc
  .record({
    target: fc.constantFrom('open', 'open', 'open', 'guarded') as fc.Arbitrary<
      FuzzRequest['target']
    >,
    method: fc.constantFrom(...METHODS),
    path: pathArb,
    query: queryArb,
    headers: headersArb,
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 8 }),
    body: fc.option(bodyText, { freq: 6 }),
    prefixed: fc.constantFrom(true, true, true, true, false),
  })
  .map(({ target, method, path, query, headers, contentType, body, prefixed }) => {
    const sendsBody = method !== 'GET' && method !== 'HEAD' && body !== null;
    const all: Record<string, string> = { ...headers };
    if (contentType !== null) all['content-type'] = contentType;
    const base = target === 'guarded' && prefixed ? BASE : '';
    return {
      target,
      method,
      // Node itself answers 431, before the app, past 16 KiB of request line and headers.
      path: `${base}${path}${query}`.slice(0, MAX_URL),
      headers: all,
      body: sendsBody ? body : undefined,
    };
  });

/** POST /simulate with a JSON body: the route the bodies are made for. */
const simulateRequestArb: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    bodyText,
    fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
  )
  .map(([body, contentType]) => ({
    target: 'open' as const,
    method: 'POST',
    path: '/api/v1/simulate',
    headers: { 'content-type': contentType },
    body,
  }));

// ---- running them ------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Target {
  test: TestDeps;
  server: Server;
  port: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const targets = {} as Record<FuzzRequest['target'], Target>;
let webRoot = '';
let sent = 0;
/** Scenarios that were valid and ran. */
let simulated = 0;
const statuses = new Map<number, number>();
const problems: string[] = [];

function send(request: FuzzRequest): Promise<Answer> {
  const { port } = targets[request.target];
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent },
      (response) => {
        if (response.headers['content-type']?.startsWith('text/event-stream')) {
          // An open stream: its answer is the status line and headers; then hang up.
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
          response.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('no answer within 15 s')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** What is wrong with an answer, or undefined. */
function problemOf(request: FuzzRequest, answer: Answer): string | undefined {
  if (answer.status >= 500 || answer.status < 100) return `status ${answer.status}`;
  if (answer.status < 400 || request.method === 'HEAD') return undefined;
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    return `a ${answer.status} of type ${answer.headers['content-type']}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `a ${answer.status} whose body is not JSON`;
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success)
    return `a ${answer.status} not in the error shape: ${answer.body.slice(0, 200)}`;
  if (parsed.data.error.message.trim() === '') return `a ${answer.status} with an empty message`;
  return undefined;
}

async function runAll(requests: readonly FuzzRequest[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest;
      let answer: Answer;
      try {
        answer = await send(request);
      } catch (error) {
        problems.push(
          `${request.method} ${request.path.slice(0, 200)}: ${(error as Error).message}`,
        );
        continue;
      }
      sent++;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 200 && request.method === 'POST') simulated++;
      const problem = problemOf(request, answer);
      if (problem !== undefined) {
        problems.push(`${request.method} ${request.path.slice(0, 200)} → ${problem}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Runs `runs` batches of `batch` generated requests; the first failing batch is shrunk. */
async function fuzz(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  runs: number,
  batch: number,
  seed: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.array(arbitrary, { minLength: batch, maxLength: batch }),
      async (requests) => {
        const before = problems.length;
        await runAll(requests);
        const found = problems.slice(before);
        problems.length = before;
        if (found.length > 0) throw new Error(found.slice(0, 5).join('\n'));
      },
    ),
    { numRuns: runs, seed, endOnFailure: false, interruptAfterTimeLimit: 120_000 },
  );
}

const ownKeys = (value: object): string[] => Object.getOwnPropertyNames(value).sort();
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const protoKeys = PROTOTYPES.map(ownKeys);
let modelBefore = '';
let stateBefore = '';
let guardedBefore = '';
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  webRoot = mkdtempSync(join(tmpdir(), 'slicescope-fuzz-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(webRoot, 'assets', 'app-abc.js'), 'export {};');
  const config = { maxSimulateBytes: 64 * 1024, maxSimulatePods: 20 };
  const build = async (test: TestDeps): Promise<Target> => {
    const server = createApp(test.deps).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    return { test, server, port: (server.address() as AddressInfo).port };
  };
  targets.open = await build(createTestDeps({ config: { ...config, webRoot } }));
  targets.guarded = await build(
    createTestDeps({ config: { ...config, webRoot, token: TOKEN, basePath: BASE } }),
  );
  modelBefore = modelContent(targets.open.test.model);
  stateBefore = JSON.stringify(targets.open.test.hub.state([...SERVICES]));
  guardedBefore = modelContent(targets.guarded.test.model);
});

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  agent.destroy();
  for (const { test, server } of Object.values(targets)) {
    test.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(webRoot, { recursive: true, force: true });
});

describe('fuzzing the api', () => {
  it(
    'answers random requests to every route without a 5xx, in the error shape',
    { timeout: 120_000 },
    async () => {
      await fuzz(requestArb, 160, 50, SEED);
    },
  );

  it(
    'answers random POST /simulate bodies without a 5xx, in the error shape',
    { timeout: 120_000 },
    async () => {
      await fuzz(simulateRequestArb, 50, 50, SEED + 1);
    },
  );

  it('sent enough requests, lost nothing, polluted nothing and still answers', async () => {
    const summary = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`);
    console.info(`fuzz: ${sent} requests (seed ${SEED}): ${summary.join(', ')}`);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // The generators reach past validation: answers of every kind came back.
    for (const status of [200, 400, 401, 404, 413, 415])
      expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect(crashes).toEqual([]);
    expect(PROTOTYPES.map(ownKeys)).toEqual(protoKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(simulated).toBeGreaterThan(0);
    for (const target of Object.values(targets)) {
      // Every stream the fuzz opened was hung up on: none is left behind.
      await expect.poll(() => target.test.hub.clientCount()).toBe(0);
    }
    expect(modelContent(targets.guarded.test.model)).toBe(guardedBefore);
    const { test, port } = targets.open;
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const routes = new Set(metrics.match(/route="[^"]*"/g));
    console.info(`fuzz: ${simulated} simulations ran, ${routes.size} route labels`);
    // Random paths must not grow the metrics: one series per route pattern, not per spelling.
    expect(routes.size).toBeLessThan(40);
    expect(modelContent(test.model)).toBe(modelBefore);
    expect(JSON.stringify(test.hub.state([...SERVICES]))).toBe(stateBefore);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/services`);
    expect(((await list.json()) as { total: number }).total).toBe(SERVICES.length);
  });
});
