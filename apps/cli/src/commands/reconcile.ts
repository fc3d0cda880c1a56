import { fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeUtf8 } from '@slicescope/contract';
import { proxyBehaviourForVersion } from '@slicescope/core';
import { z } from 'zod';
import { flagIssue, maxEndpointsPerSliceFlagSchema, parseFlags } from '../flags.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, write, type CommandIO } from '../io.ts';
import { parseReconcileInput } from '../reconcile/inputSchema.ts';
import { runReconcile, type ReconcileFlags } from '../reconcile/run.ts';
import { readAtMost } from '../readAtMost.ts';

export const reconcileHelp = `Usage: slicescope reconcile [--ndjson] < input.json

Computes what the Kubernetes EndpointSlice controller (kube-controller-manager, Kubernetes 1.37)
would do in one sync of one Service, and prints the API calls it would make.

Input (standard input): one JSON document
  {
    "service":        a v1 Service (as \`kubectl get svc NAME -o json\` prints it, or a List
                      of exactly one),
    "pods":           v1 Pods; those of other namespaces or not selected are ignored   [default []],
    "nodes":          v1 Nodes, for each endpoint's zone                              [default []],
    "existingSlices": discovery.k8s.io/v1 EndpointSlices; those not labelled for the Service,
                      not managed by the controller or being deleted are ignored      [default []],
    "endpoints":      the Service's v1 Endpoints object as it is now; for a selector-less
                      Service, the user's Endpoints to mirror (read with --endpoints)  [optional],
    "options": {
      "maxEndpointsPerSlice":          1..1000 (--max-endpoints-per-slice wins)        [default 100],
      "triggerTime":                   RFC 3339 text; every created or updated slice carries it
                                       in endpoints.kubernetes.io/last-change-trigger-time;
                                       without it the annotation is removed from them,
      "topologyCache":                 topology-aware hints for the topology annotation [default true],
      "preferSameTrafficDistribution": honour PreferSameZone / PreferSameNode          [default true]
    }
  }
Null members count as absent, as in Kubernetes. Objects from a cluster work unchanged: pods,
nodes and existingSlices may each be an array or a List (\`kubectl get pods -o json\`). An
object's "kind", when given, must be Service, Pod, Node, EndpointSlice or Endpoints as its field
says. A missing metadata.namespace means "default", as with kubectl.

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

Hints: with the topology annotation (service.kubernetes.io/topology-mode or the deprecated
topology-aware-hints set to Auto) and topologyCache on, zone hints are allocated from the ready
worker Nodes' allocatable CPU, as the controller's topology cache does after seeing "nodes";
with spec.trafficDistribution they follow that field; otherwise hints are removed.

Options:
  --ndjson              one input document per line, one result per line, in order. A line
                        that is not a valid input yields {"error":"<what is wrong>","input":<line
                        number>} and the rest go on; blank lines are skipped. The exit code is 0
                        once every line is answered.
  --endpoints           add "endpoints": the v1 Endpoints object the Endpoints controller holds
                        for the Service after the sync (one subset per port set, ready addresses
                        and notReadyAddresses, at most 1000 addresses with the annotation
                        endpoints.kubernetes.io/over-capacity: truncated beyond), or null where it
                        manages none (no selector, ExternalName). For a selector-less Service
                        with "endpoints" given, "actions" are the EndpointSliceMirroring
                        controller's (one slice per port set and family, at most 1000 addresses
                        per subset) and "metrics" its metrics under the same names.
  --explain             add "explanation": per address family whether the slices carry hints
                        and the rule that decided it, in words ("No hints: 4 ready endpoints
                        across 3 zones: within the 20% overload threshold the zones need at
                        least 2 + 2 + 2 = 6 endpoints; ..."), with each zone's CPU share,
                        endpoint share, hinted endpoints and expected overload.
  --proxy-view NODE     add "proxyView": what kube-proxy on NODE (one of "nodes") routes to for
                        each Service port once the calls are made: the endpoints for cluster and
                        local traffic, the topology mode (none, PreferSameZone, PreferSameNode)
                        and the reasons in words; {"proxied":false,"reason":…} for Services
                        kube-proxy does not handle (headless, ExternalName, another proxy's).
  --proxy-version 1.N   follow kube-proxy 1.N's rules for hints and duplicates (1.21 and later;
                        default: the newest)
  --max-endpoints-per-slice N  the controller's flag of that name, 1-1000; overrides the
                        input's options.maxEndpointsPerSlice, in every --ndjson line too
  -h, --help            this text

Exit codes: 0 done; 1 standard input or output failed; 2 bad input or usage (one line on
standard error names the field).

Example:
  echo '{"service":{"metadata":{"name":"web","namespace":"default","uid":"u1"},
         "spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}}' | slicescope reconcile
`;

/**
 * The most standard input read as one document: far more than a Service's 150,000 Pods take,
 * well under the longest string JavaScript holds (512 MiB).
 */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** What reading standard input gave: its text, bad input (exit 2) or a failed read (exit 1). */
type ReadResult =
  | { ok: true; text: string }
  | { ok: false; error: string; code: typeof EXIT_USAGE | typeof EXIT_FAILED };

/** A failed read of standard input (EIO, a closed pipe's error) as one line. */
function readFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot read standard input (${reason.split('\n').join(' ')})`;
}

/** Standard input as text; an error once it passes MAX_INPUT_BYTES (the rest is not read). */
async function readAll(stream: CommandIO['stdin']): Promise<ReadResult> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readAtMost(stream, MAX_INPUT_BYTES);
  } catch (error) {
    return { ok: false, error: readFailure(error), code: EXIT_FAILED };
  }
  if (bytes === undefined) {
    const error = `input is over ${MAX_INPUT_BYTES / 1024 / 1024} MiB`;
    return { ok: false, error, code: EXIT_USAGE };
  }
  const text = decodeUtf8(bytes);
  if (!text.ok) return { ok: false, error: `input: ${text.error}`, code: EXIT_USAGE };
  // Else JSON.parse's "Unexpected end of JSON input", as if a document had been cut short.
  if (/^\s*$/.test(text.text)) {
    return { ok: false, error: 'no input on standard input', code: EXIT_USAGE };
  }
  return text;
}

async function reconcileOne(io: CommandIO, flags: ReconcileFlags): Promise<number> {
  const input = await readAll(io.stdin);
  if (!input.ok) {
    await write(io.stderr, `slicescope reconcile: ${input.error}\n`);
    return input.code;
  }
  const parsed = parseReconcileInput(input.text);
  const result = parsed.ok ? runReconcile(parsed.input, flags) : parsed;
  if (!result.ok) {
    await write(io.stderr, `slicescope reconcile: ${result.error}\n`);
    return EXIT_USAGE;
  }
  for (const reason of result.errors) {
    await write(io.stderr, `slicescope reconcile: sync error: ${reason}\n`);
  }
  for (const warning of result.warnings) {
    await write(io.stderr, `slicescope reconcile: warning: ${warning}\n`);
  }
  await write(io.stdout, `${JSON.stringify(result.output)}\n`);
  return EXIT_OK;
}

async function reconcileNdjson(io: CommandIO, flags: ReconcileFlags): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  const iterator = lines[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      // Only the read is guarded here: the output's failures are main's to report, and any
      // other error is a bug, not standard input's.
      await write(io.stderr, `slicescope reconcile: ${readFailure(error)}\n`);
      return EXIT_FAILED;
    }
    if (next.done) return EXIT_OK;
    const line = next.value;
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseReconcileInput(line);
    const result = parsed.ok ? runReconcile(parsed.input, flags) : parsed;
    const document = result.ok ? result.output : { error: result.error, input: lineNumber };
    await write(io.stdout, `${JSON.stringify(document)}\n`);
  }
}

/**
 * Why standard input cannot be read at all, checked before reading: Node reads a directory
 * (`< /tmp`) as empty input rather than failing with EISDIR.
 */
function unreadableStdin(stdin: CommandIO['stdin']): string | undefined {
  const { fd } = stdin as { fd?: unknown };
  if (typeof fd !== 'number') return undefined;
  try {
    if (fstatSync(fd).isDirectory()) {
      return 'cannot read standard input: it is a directory (EISDIR); redirect a file, e.g. < input.json';
    }
  } catch {
    // Not a file descriptor fstat knows: reading it says what is wrong, if anything.
  }
  return undefined;
}

/** The flags that take a value zod checks. */
const valueFlagsSchema = z.object({
  'max-endpoints-per-slice': maxEndpointsPerSliceFlagSchema.optional(),
});

/** `--proxy-version 1.30` → that release's kube-proxy rules; an error text otherwise. */
function parseProxyVersion(text: string | undefined): ReconcileFlags['proxyBehaviour'] | string {
  if (text === undefined) return undefined;
  const match = /^1\.(\d+)$/.exec(text);
  const behaviour = match ? proxyBehaviourForVersion(Number(match[1])) : undefined;
  return (
    behaviour ?? `--proxy-version: "${text}" is not a Kubernetes release from 1.21 on (e.g. 1.30)`
  );
}

export async function reconcileCommand(args: string[], io: CommandIO): Promise<number> {
  const read = parseFlags(args, {
    ndjson: { type: 'boolean' },
    endpoints: { type: 'boolean' },
    explain: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    'proxy-view': { type: 'string' },
    'proxy-version': { type: 'string' },
    'max-endpoints-per-slice': { type: 'string' },
  });
  if (!read.ok) {
    await write(io.stderr, `slicescope reconcile: ${read.error}; see --help\n`);
    return EXIT_USAGE;
  }
  const values = read.values as {
    ndjson?: boolean;
    help?: boolean;
    endpoints?: boolean;
    explain?: boolean;
    'proxy-view'?: string;
    'proxy-version'?: string;
    'max-endpoints-per-slice'?: string;
  };
  if (values.help) {
    await write(io.stdout, reconcileHelp);
    return EXIT_OK;
  }
  if (values['proxy-version'] !== undefined && values['proxy-view'] === undefined) {
    await write(
      io.stderr,
      'slicescope reconcile: --proxy-version: says which kube-proxy --proxy-view follows; give --proxy-view NODE too\n',
    );
    return EXIT_USAGE;
  }
  const proxyBehaviour = parseProxyVersion(values['proxy-version']);
  if (typeof proxyBehaviour === 'string') {
    await write(io.stderr, `slicescope reconcile: ${proxyBehaviour}\n`);
    return EXIT_USAGE;
  }
  const valueFlags = valueFlagsSchema.safeParse(values);
  if (!valueFlags.success) {
    await write(io.stderr, `slicescope reconcile: ${flagIssue(valueFlags.error, values)}\n`);
    return EXIT_USAGE;
  }
  if (io.stdin.isTTY) {
    await write(io.stderr, 'slicescope reconcile: reads its input on standard input; see --help\n');
    return EXIT_USAGE;
  }
  const unreadable = unreadableStdin(io.stdin);
  if (unreadable !== undefined) {
    await write(io.stderr, `slicescope reconcile: ${unreadable}\n`);
    return EXIT_USAGE;
  }
  const flags: ReconcileFlags = {
    endpoints: values.endpoints,
    explain: values.explain,
    proxyViewNode: values['proxy-view'],
    proxyBehaviour,
    maxEndpointsPerSlice: valueFlags.data['max-endpoints-per-slice'],
  };
  return values.ndjson ? reconcileNdjson(io, flags) : reconcileOne(io, flags);
}
