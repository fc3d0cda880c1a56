import { readFile } from 'node:fs/promises';
import { startLiveCluster, writeKubeconfig } from '@slicescope/cluster';
import { DEFAULT_SCENARIO_NAME } from '@slicescope/contract';
import { z } from 'zod';
import { flagIssue, hostFlagSchema, parseFlags } from '../flags.ts';
import { EXIT_OK, EXIT_USAGE, write, type CommandIO } from '../io.ts';
import { listenError } from '../listenError.ts';
import { loadScenario, scenarioNames } from '../scenarioFile.ts';
import { interrupted } from '../signals.ts';

export const clusterHelp = `Usage: slicescope cluster [options]

Runs the embedded cluster: a scenario's Nodes, Services and Pods, advanced in real time, with the
EndpointSlice, Endpoints and mirroring controllers at work, served over the Kubernetes API
(read-only: get, list, watch of nodes, services, pods, endpoints and endpointslices), so that
kubectl and @kubernetes/client-node work against it.

Options:
  --scenario NAME|FILE   a shipped scenario (${scenarioNames.join(', ')}) or a JSON/YAML
                         scenario file (format: docs/scenarios.md)               [default ${DEFAULT_SCENARIO_NAME}]
  --host H               interface to listen on                                  [default 127.0.0.1]
  --port N               port; 0 picks a free one                                [default 8001]
  --seed N               seed of every random choice: same seed, same history    [default 1]
  --speed X              scenario seconds per second, e.g. 10 for ten times faster [default 1]
  --kubeconfig-out PATH  write a kubeconfig for kubectl and client-node
  --tls-cert FILE        serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key FILE         the certificate's PEM key
  -h, --help             this text

It runs until interrupted (Ctrl-C or SIGTERM). Example:
  slicescope cluster --kubeconfig-out /tmp/slicescope.kubeconfig &
  KUBECONFIG=/tmp/slicescope.kubeconfig kubectl get endpointslices -A -w
`;

const optionsSchema = z.object({
  scenario: z.string().default(DEFAULT_SCENARIO_NAME),
  host: hostFlagSchema.default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535, 'must be a port from 0 to 65535').default(8001),
  seed: z.coerce.number().int('must be an integer').default(1),
  speed: z.coerce
    .number()
    .positive('must be above 0')
    .max(10_000, 'must be at most 10000')
    .default(1),
  'kubeconfig-out': z.string().optional(),
  'tls-cert': z.string().optional(),
  'tls-key': z.string().optional(),
});

export async function clusterCommand(
  args: string[],
  io: CommandIO,
  signal?: AbortSignal,
): Promise<number> {
  const read = parseFlags(args, {
    scenario: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    'kubeconfig-out': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) {
    await write(io.stderr, `slicescope cluster: ${read.error}; see --help\n`);
    return EXIT_USAGE;
  }
  const { values } = read;
  if (values.help) {
    await write(io.stdout, clusterHelp);
    return EXIT_OK;
  }
  const { help: _help, ...rest } = values;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    await write(io.stderr, `slicescope cluster: ${flagIssue(parsed.error, rest)}\n`);
    return EXIT_USAGE;
  }
  const options = parsed.data;
  if ((options['tls-cert'] === undefined) !== (options['tls-key'] === undefined)) {
    await write(io.stderr, 'slicescope cluster: --tls-cert and --tls-key go together\n');
    return EXIT_USAGE;
  }
  const loaded = await loadScenario(options.scenario);
  if (!loaded.ok) {
    await write(io.stderr, `slicescope cluster: --scenario ${loaded.error}\n`);
    return EXIT_USAGE;
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (options['tls-cert'] !== undefined && options['tls-key'] !== undefined) {
    const readPem = async (flag: 'tls-cert' | 'tls-key', path: string) =>
      readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`--${flag}: cannot read ${path} (${error.code ?? error.message})`);
      });
    try {
      tls = {
        cert: await readPem('tls-cert', options['tls-cert']),
        key: await readPem('tls-key', options['tls-key']),
      };
    } catch (error) {
      await write(io.stderr, `slicescope cluster: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  let cluster;
  try {
    cluster = await startLiveCluster({
      scenario: loaded.scenario,
      seed: options.seed,
      speed: options.speed,
      server: { host: options.host, port: options.port, ...(tls && { tls }) },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (failure.code?.startsWith('ERR_OSSL')) {
      await write(
        io.stderr,
        `slicescope cluster: --tls-cert, --tls-key: not a PEM certificate and its key (${failure.message})\n`,
      );
      return EXIT_USAGE;
    }
    const { message, exitCode } = listenError(failure, options.host, options.port);
    await write(io.stderr, `slicescope cluster: ${message}\n`);
    return exitCode;
  }
  const kubeconfig = options['kubeconfig-out'];
  if (kubeconfig !== undefined) {
    try {
      await writeKubeconfig(kubeconfig, {
        url: cluster.url,
        ...(tls ? { ca: tls.cert } : { insecureSkipTlsVerify: true }),
      });
    } catch (error) {
      await cluster.close();
      await write(io.stderr, `slicescope cluster: --kubeconfig-out: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  const { store } = cluster.engine;
  await write(
    io.stdout,
    `slicescope cluster: scenario ${loaded.scenario.name} (${store.count('Node')} Nodes, ${store.count('Service')} Services, ${store.count('Pod')} Pods) at ${cluster.url}` +
      `${kubeconfig ? `; kubeconfig ${kubeconfig}` : ''}; Ctrl-C stops\n`,
  );
  await interrupted(signal);
  await cluster.close();
  await write(io.stdout, 'slicescope cluster: stopped\n');
  return EXIT_OK;
}
