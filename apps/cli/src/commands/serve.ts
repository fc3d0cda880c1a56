import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  authProxyHeaderProblem,
  inClusterSource,
  kubeconfigSource,
  parseCidr,
  runningInCluster,
  SourceError,
  startDemoSource,
  startFileSource,
  startServer,
  type AuthProxyConfig,
  type ClusterSource,
} from '@slicescope/api';
import { DEFAULT_SCENARIO_NAME } from '@slicescope/contract';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE } from '@slicescope/core';
import { pino } from 'pino';
import { z } from 'zod';
import { flagIssue, hostFlagSchema, maxEndpointsPerSliceFlagSchema, parseFlags } from '../flags.ts';
import { EXIT_OK, EXIT_USAGE, write, type CommandIO } from '../io.ts';
import { listenError } from '../listenError.ts';
import { loadScenario, scenarioNames } from '../scenarioFile.ts';
import { interrupted } from '../signals.ts';
import { heapMibSchema } from '../simulate/heap.ts';

/** The port the dashboard listens on without --port or PORT. */
const DEFAULT_PORT = 8080;
/** Where `pnpm --filter @slicescope/web build` puts the dashboard. */
const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export const serveHelp = `Usage: slicescope serve [options]

Serves the dashboard and its api. It reads a cluster read-only (get, list, watch of services,
endpointslices, endpoints, pods and nodes) and keeps a small model of it in memory.

Where the cluster comes from (one of):
  (default)              inside a pod: the pod's cluster (service account); elsewhere: the
                         embedded demo cluster, started in this process
  --kubeconfig PATH      a kubeconfig file (with --context alone: $KUBECONFIG or ~/.kube/config)
  --context NAME         the kubeconfig context to use               [default: its current one]
  --in-cluster           the pod's cluster, and fail when not in a pod
  --demo                 the embedded demo cluster, even inside a pod
  --from-file DUMP       saved \`kubectl get … -o json|yaml\` output (a List, one object or
                         multi-document YAML), served as a frozen cluster; repeatable

Options:
  --host H               interface to listen on       [default 127.0.0.1; 0.0.0.0 inside a pod]
  --port N               port; also PORT; 0 picks a free one                  [default ${DEFAULT_PORT}]
  --base-path /P         serve under a path prefix, e.g. /slicescope behind an ingress
  --allowed-host NAME    a Host name to answer besides 127.0.0.1, localhost and [::1];
                         repeatable. On loopback without a token only those are answered
                         (no DNS rebinding); elsewhere every Host is, unless this is given
  --namespace NS         watch only this namespace (Nodes stay cluster-wide); repeatable
  --no-pods              do not watch Pods (very large clusters); analyses that need them say so
  --max-endpoints-per-slice N  the controller's setting the analyses assume, 1-1000 [default 100]
  --history-entries N    slice writes kept per Service for the history view       [default 200]
  --history-kib N        and at most this many KiB of them per Service             [default 256]
  --history-total-mib N  and at most this many MiB for all Services together (as JSON; about
                         3x that in memory); past it the cluster's oldest go first [default 64]
  --simulate-heap-mib N  memory for what-if simulations (their worker thread's heap), MiB, from
                         64 to this machine's memory; a run that needs more is refused as
                         too costly                                              [default 2048]
  --token-file PATH      require this token (first line of the file) for the UI and api;
                         also SLICESCOPE_TOKEN
  --auth-proxy-header H  behind an authenticating proxy (e.g. oauth2-proxy): api requests must
                         name their user in header H (e.g. X-Forwarded-User), which is logged
  --auth-proxy-cidr NET  ...and come from this network (the proxy's pods, e.g. 10.0.0.0/8), by
                         the connection's own address; repeatable, needed with the header.
                         With a token too, either the proxy's user or the token lets a
                         request in. Probes (/healthz, /readyz) are always open
  --web-root DIR         the built web app                          [default apps/web/dist]
  --scenario NAME|FILE   the demo's scenario (${scenarioNames.join(', ')} or a file) [default ${DEFAULT_SCENARIO_NAME}]
  --seed N, --speed X    the demo's seed and speed (scenario seconds per second)  [default 1, 1]
  --log-level LEVEL      fatal, error, warn, info, debug                      [default info]
  -h, --help             this text

Logs are JSON lines on standard output. It runs until interrupted (Ctrl-C or SIGTERM), then ends
the streams, stops watching and exits.
`;

const optionsSchema = z.object({
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  'in-cluster': z.boolean().optional(),
  demo: z.boolean().optional(),
  'from-file': z.array(z.string().min(1)).optional(),
  host: hostFlagSchema.optional(),
  port: z.coerce.number().int().min(0).max(65535, 'must be a port from 0 to 65535').optional(),
  'allowed-host': z
    .array(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, 'must be a host name'))
    .optional(),
  'base-path': z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)+$/, 'must look like /slicescope (no trailing slash)')
    // A browser resolves `.` and `..` away, and would never ask for the path as given.
    .refine((path) => !/\/\.\.?(\/|$)/.test(path), 'must not have a . or .. segment')
    .optional(),
  namespace: z
    .array(z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name'))
    .optional(),
  'no-pods': z.boolean().optional(),
  'max-endpoints-per-slice': maxEndpointsPerSliceFlagSchema.default(
    DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  ),
  'token-file': z.string().min(1).optional(),
  'auth-proxy-header': z
    .string()
    .superRefine((name, context) => {
      const problem = authProxyHeaderProblem(name);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  'auth-proxy-cidr': z
    .array(
      z.string().refine((cidr) => parseCidr(cidr) !== undefined, 'must be a CIDR like 10.0.0.0/8'),
    )
    .optional(),
  'history-entries': z.coerce.number().int().min(1).max(100_000).default(200),
  'history-kib': z.coerce.number().int().min(1).max(1_048_576).default(256),
  'history-total-mib': z.coerce.number().int().min(1).max(65_536).default(64),
  'simulate-heap-mib': heapMibSchema().default(2048),
  'web-root': z.string().min(1).optional(),
  scenario: z.string().default(DEFAULT_SCENARIO_NAME),
  seed: z.coerce.number().int('must be an integer').default(1),
  speed: z.coerce.number().positive('must be above 0').max(10_000).default(1),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug']).default('info'),
});
type ServeFlags = z.infer<typeof optionsSchema>;

const PARSE_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'in-cluster': { type: 'boolean' },
  demo: { type: 'boolean' },
  'from-file': { type: 'string', multiple: true },
  host: { type: 'string' },
  port: { type: 'string' },
  'base-path': { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  namespace: { type: 'string', multiple: true },
  'no-pods': { type: 'boolean' },
  'max-endpoints-per-slice': { type: 'string' },
  'token-file': { type: 'string' },
  'auth-proxy-header': { type: 'string' },
  'auth-proxy-cidr': { type: 'string', multiple: true },
  'history-entries': { type: 'string' },
  'history-kib': { type: 'string' },
  'history-total-mib': { type: 'string' },
  'simulate-heap-mib': { type: 'string' },
  'web-root': { type: 'string' },
  scenario: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function openSource(flags: ServeFlags): Promise<ClusterSource> {
  const chosen = [
    flags.kubeconfig !== undefined || flags.context !== undefined,
    flags['in-cluster'] === true,
    flags.demo === true,
    flags['from-file'] !== undefined,
  ].filter(Boolean).length;
  if (chosen > 1) {
    throw new SourceError(
      'choose one source: --kubeconfig/--context, --in-cluster, --demo or --from-file',
    );
  }
  if (flags['from-file']) return startFileSource(flags['from-file']);
  if (flags.kubeconfig !== undefined || flags.context !== undefined) {
    return kubeconfigSource({
      ...(flags.kubeconfig !== undefined ? { path: flags.kubeconfig } : {}),
      ...(flags.context !== undefined ? { context: flags.context } : {}),
    });
  }
  if (flags['in-cluster'] || (!flags.demo && runningInCluster())) return inClusterSource();
  const loaded = await loadScenario(flags.scenario);
  if (!loaded.ok) throw new SourceError(`--scenario ${loaded.error}`);
  return startDemoSource({ scenario: loaded.scenario, seed: flags.seed, speed: flags.speed });
}

/** The auth proxy settings: the header and at least one network, or neither. */
function authProxyOf(flags: ServeFlags): AuthProxyConfig | undefined {
  const header = flags['auth-proxy-header'];
  const cidrs = flags['auth-proxy-cidr'];
  if (header === undefined && cidrs === undefined) return undefined;
  if (header === undefined || cidrs === undefined) {
    throw new SourceError(
      '--auth-proxy-header and --auth-proxy-cidr go together: the header is believed only from the proxy',
    );
  }
  return { header, cidrs };
}

async function readToken(flags: ServeFlags): Promise<string | undefined> {
  if (flags['token-file'] === undefined) {
    const token = process.env.SLICESCOPE_TOKEN?.trim();
    if (!token) return undefined;
    if (token.length < 16)
      throw new SourceError('SLICESCOPE_TOKEN: the token must have at least 16 characters');
    return token;
  }
  let text: string;
  try {
    text = await readFile(flags['token-file'], 'utf8');
  } catch (error) {
    throw new SourceError(
      `--token-file: cannot read ${flags['token-file']} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const token = text.split('\n')[0]?.trim() ?? '';
  if (token.length < 16)
    throw new SourceError('--token-file: the token must have at least 16 characters');
  return token;
}

export async function serveCommand(
  args: string[],
  io: CommandIO,
  signal?: AbortSignal,
): Promise<number> {
  const read = parseFlags(args, PARSE_OPTIONS);
  if (!read.ok) {
    await write(io.stderr, `slicescope serve: ${read.error}; see --help\n`);
    return EXIT_USAGE;
  }
  const { values } = read;
  if (values.help) {
    await write(io.stdout, serveHelp);
    return EXIT_OK;
  }
  const { help: _help, ...rest } = values;
  if (rest.port === undefined && process.env.PORT) rest.port = process.env.PORT;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    await write(io.stderr, `slicescope serve: ${flagIssue(parsed.error, rest)}\n`);
    return EXIT_USAGE;
  }
  const flags = parsed.data;
  if (flags['web-root'] !== undefined && !existsSync(join(flags['web-root'], 'index.html'))) {
    await write(
      io.stderr,
      `slicescope serve: --web-root: no index.html in ${flags['web-root']} (pnpm build builds the web app into apps/web/dist)\n`,
    );
    return EXIT_USAGE;
  }
  let source: ClusterSource;
  let token: string | undefined;
  let authProxy: AuthProxyConfig | undefined;
  try {
    authProxy = authProxyOf(flags);
    token = await readToken(flags);
    source = await openSource(flags);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    await write(io.stderr, `slicescope serve: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const logger = pino({ name: 'slicescope', level: flags['log-level'] }, io.stdout);
  for (const note of source.notes ?? []) logger.warn(note);
  const onRejection = (reason: unknown): void => {
    // A credential plugin failing mid-watch must not take the dashboard down (watch-protocol T5).
    logger.error({ err: reason }, 'unhandled rejection');
  };
  process.on('unhandledRejection', onRejection);
  const webRoot =
    flags['web-root'] ?? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : undefined);
  const host = flags.host ?? (source.info.kind === 'in-cluster' ? '0.0.0.0' : '127.0.0.1');
  if (token === undefined && authProxy === undefined && !LOOPBACK.has(host)) {
    // Setup (c), a private network, is legitimate; it must still be a choice, not an accident.
    logger.warn(
      { host },
      'no --token-file and no --auth-proxy-header: the api is open to anyone who reaches it',
    );
  }
  let running;
  try {
    running = await startServer({
      source,
      host,
      port: flags.port ?? DEFAULT_PORT,
      app: {
        basePath: flags['base-path'] ?? '',
        ...(flags['allowed-host']
          ? { allowedHosts: ['127.0.0.1', 'localhost', '[::1]', ...flags['allowed-host']] }
          : {}),
        token,
        authProxy,
        webRoot,
        maxEndpointsPerSlice: flags['max-endpoints-per-slice'],
      },
      watch: {
        ...(flags.namespace ? { namespaces: flags.namespace } : {}),
        pods: flags['no-pods'] !== true,
        history: {
          maxEntries: flags['history-entries'],
          maxBytes: flags['history-kib'] * 1024,
          maxTotalBytes: flags['history-total-mib'] * 1024 * 1024,
        },
      },
      simulator: { maxHeapMb: flags['simulate-heap-mib'] },
      logger,
    });
  } catch (error) {
    await source.close();
    process.off('unhandledRejection', onRejection);
    const { message, exitCode } = listenError(
      error as NodeJS.ErrnoException,
      host,
      flags.port ?? DEFAULT_PORT,
    );
    await write(io.stderr, `slicescope serve: ${message}\n`);
    return exitCode;
  }
  await write(
    io.stderr,
    `slicescope serve: ${source.info.kind} cluster "${source.info.name}" at ${running.url}/${webRoot ? '' : ' (api only: the web app is not built)'}; Ctrl-C stops\n`,
  );
  await interrupted(signal);
  await running.close();
  process.off('unhandledRejection', onRejection);
  return EXIT_OK;
}
