import {
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  OutputError,
  processIO,
  write,
  type CommandIO,
} from './io.ts';

const help = `Usage: slicescope <command> [options]

See and predict how Kubernetes tracks a Service's endpoints in EndpointSlices.

Commands:
  reconcile   what the EndpointSlice controller would write for one Service (JSON in, JSON out)
  cluster     the embedded cluster: a scenario served over the Kubernetes API, in real time
  serve       the dashboard and its api, on a cluster, a dump or the embedded demo
  simulate    what-if: writes, watch events and bytes of EndpointSlices vs Endpoints at scale

Run \`slicescope <command> --help\` for a command's options.
`;

type Command = (args: string[], io: CommandIO) => Promise<number>;

/**
 * Each command's module, loaded when it runs: `simulate` and `reconcile` start without loading
 * the dashboard's server and the Kubernetes client (a second of a 2-second run).
 */
const commands: Record<string, () => Promise<Command>> = {
  reconcile: async () => (await import('./commands/reconcile.ts')).reconcileCommand,
  cluster: async () => (await import('./commands/cluster.ts')).clusterCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  simulate: async () => (await import('./commands/simulate.ts')).simulateCommand,
};

/**
 * Runs the command line `args` (without the program name) and returns the exit code. An output
 * that fails is one line on standard error and exit 1; a reader that stopped reading (a closed
 * pipe: `| head`) ends the command quietly, as command-line tools do.
 */
export async function main(args: string[], io: CommandIO = processIO): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    if ((error.cause as NodeJS.ErrnoException).code === 'EPIPE') return EXIT_OK;
    const command = args[0] === undefined ? 'slicescope' : `slicescope ${args[0]}`;
    await write(io.stderr, `${command}: ${error.message}\n`).catch(() => undefined);
    return EXIT_FAILED;
  }
}

async function run(args: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    await write(io.stdout, help);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    await write(io.stderr, `slicescope: unknown command "${name}"; see slicescope --help\n`);
    return EXIT_USAGE;
  }
  const command = await load();
  return command(rest, io);
}
