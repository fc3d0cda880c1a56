import { clusterCommand } from './commands/cluster.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { serveCommand } from './commands/serve.ts';
import { simulateCommand } from './commands/simulate.ts';
import { EXIT_OK, EXIT_USAGE, processIO, write, type CommandIO } from './io.ts';

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

const commands: Record<string, Command> = {
  reconcile: reconcileCommand,
  cluster: clusterCommand,
  serve: serveCommand,
  simulate: simulateCommand,
};

/** Runs the command line `args` (without the program name) and returns the exit code. */
export async function main(args: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    await write(io.stdout, help);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands[name];
  if (!command) {
    await write(io.stderr, `slicescope: unknown command "${name}"; see slicescope --help\n`);
    return EXIT_USAGE;
  }
  return command(rest, io);
}
