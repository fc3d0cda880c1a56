import { clusterCommand } from './commands/cluster.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, processIO, write, type CommandIO } from './io.ts';

const help = `Usage: slicescope <command> [options]

See and predict how Kubernetes tracks a Service's endpoints in EndpointSlices.

Commands:
  reconcile   what the EndpointSlice controller would write for one Service (JSON in, JSON out)
  cluster     the embedded cluster: a scenario served over the Kubernetes API, in real time
  serve       the dashboard (not built yet)

Run \`slicescope <command> --help\` for a command's options.
`;

type Command = (args: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, Command> = {
  reconcile: reconcileCommand,
  cluster: clusterCommand,
  serve: async (_args, io) => {
    await write(
      io.stderr,
      'slicescope serve: the dashboard is not built yet; try `slicescope reconcile --help`\n',
    );
    return EXIT_FAILED;
  },
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
