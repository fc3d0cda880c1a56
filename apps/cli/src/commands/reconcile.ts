import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, write, type CommandIO } from '../io.ts';
import { parseReconcileInput } from '../reconcile/inputSchema.ts';
import { runReconcile } from '../reconcile/run.ts';

export const reconcileHelp = `Usage: slicescope reconcile [--ndjson] < input.json

Computes what the Kubernetes EndpointSlice controller (kube-controller-manager, Kubernetes 1.37)
would do in one sync of one Service, and prints the API calls it would make.

Input (standard input): one JSON document
  {
    "service":        a v1 Service (as \`kubectl get svc NAME -o json\` prints it),
    "pods":           v1 Pods; those of other namespaces or not selected are ignored   [default []],
    "nodes":          v1 Nodes, for each endpoint's zone                              [default []],
    "existingSlices": discovery.k8s.io/v1 EndpointSlices; those not labelled for the Service,
                      not managed by the controller or being deleted are ignored      [default []],
    "options": {
      "maxEndpointsPerSlice":          1..1000, --max-endpoints-per-slice           [default 100],
      "triggerTime":                   RFC 3339 text; every created or updated slice carries it
                                       in endpoints.kubernetes.io/last-change-trigger-time;
                                       without it the annotation is removed from them,
      "topologyCache":                 topology-aware hints for the topology annotation [default true],
      "preferSameTrafficDistribution": honour PreferSameZone / PreferSameNode          [default true]
    }
  }
Null members count as absent, as in Kubernetes. Objects from a cluster work unchanged.

Output (standard output): one JSON document
  {
    "actions": [ {"verb":"create","slice":{...}}     a new slice; metadata.generateName, no name
               | {"verb":"update","slice":{...}}     the whole named slice
               | {"verb":"delete","name":"..."} ],   in the order the controller calls the API
    "error":   true when the sync would be reported failed and retried (a Pod on an unknown Node),
    "metrics": this sync's values of the controller's metrics: desiredSlices, actualSlices,
               desiredEndpoints, addedPerSync, removedPerSync, numCreated, numUpdated, numDeleted,
               slicesChangedPerSync, slicesChangedPerSyncTopology, slicesChangedPerSyncTrafficDist,
               servicesCountByTrafficDistribution
  }
When "error" is true, the reasons are also written to standard error.

Where upstream leaves an order open (Go map iteration), slicescope takes Pods and slices by name,
port mappings by their key, and IPv4 before IPv6, so the same input always gives the same output.

Options:
  --ndjson   one input document per line, one result per line, in order. A line that is not a
             valid input yields {"error":"<what is wrong>","input":<line number>} and the rest
             go on; blank lines are skipped. The exit code is 0 once every line is answered.
  -h, --help this text

Exit codes: 0 done; 2 bad input or usage (one line on standard error names the field).

Example:
  echo '{"service":{"metadata":{"name":"web","namespace":"default","uid":"u1"},
         "spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}}' | slicescope reconcile
`;

async function readAll(stream: CommandIO['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function reconcileOne(io: CommandIO): Promise<number> {
  const parsed = parseReconcileInput(await readAll(io.stdin));
  if (!parsed.ok) {
    await write(io.stderr, `slicescope reconcile: ${parsed.error}\n`);
    return EXIT_USAGE;
  }
  const { output, errors } = runReconcile(parsed.input);
  for (const reason of errors)
    await write(io.stderr, `slicescope reconcile: sync error: ${reason}\n`);
  await write(io.stdout, `${JSON.stringify(output)}\n`);
  return EXIT_OK;
}

async function reconcileNdjson(io: CommandIO): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseReconcileInput(line);
    const result = parsed.ok
      ? runReconcile(parsed.input).output
      : { error: parsed.error, input: lineNumber };
    await write(io.stdout, `${JSON.stringify(result)}\n`);
  }
  return EXIT_OK;
}

export async function reconcileCommand(args: string[], io: CommandIO): Promise<number> {
  let values: { ndjson?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { ndjson: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    await write(io.stderr, `slicescope reconcile: ${(error as Error).message}; see --help\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    await write(io.stdout, reconcileHelp);
    return EXIT_OK;
  }
  if (io.stdin.isTTY) {
    await write(io.stderr, 'slicescope reconcile: reads its input on standard input; see --help\n');
    return EXIT_USAGE;
  }
  return values.ndjson ? reconcileNdjson(io) : reconcileOne(io);
}
