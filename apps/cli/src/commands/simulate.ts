import {
  MAX_MODEL_PODS_PER_NODE,
  MAX_ROLLOUT_PODS_PER_NODE,
  MAX_SIMULATED_SECONDS,
  MAX_SIMULATION_NODES,
  MAX_SIMULATION_PODS,
  MAX_SIMULATION_ZONES,
  reportToCsv,
} from '@slicescope/core';
import { createSimulator, type JobResult, type SimulationJob } from '@slicescope/api/simulator';
import {
  MAX_EVENTS,
  MAX_NODES,
  MAX_PODS,
  type SimulationProgressMessage,
} from '@slicescope/contract';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, write, type CommandIO } from '../io.ts';
import { loadScenario, scenarioNames } from '../scenarioFile.ts';
import { MAX_TIMEOUT_SECONDS, parseSimulateFlags } from '../simulate/flags.ts';
import { defaultSimulateHeapMib, machineMemoryMib } from '../simulate/heap.ts';
import { progressBar } from '../simulate/progressBar.ts';
import { reportSummary } from '../simulate/summary.ts';

const n = (value: number): string => value.toLocaleString('en-US');

export const simulateHelp = `Usage: slicescope simulate --pods P --nodes N [--zones Z] --operation create|update-one|rollout
                           [--max-endpoints-per-slice B] [--paper [--paper-bytes-per-endpoint C]
                           [--paper-min-object-bytes M]] [--json|--csv]
       slicescope simulate SCENARIO [--paper] [--json|--csv] [options]

What-if: what a Service's endpoints cost the cluster when they are tracked by EndpointSlices and
by v1 Endpoints, side by side: objects, API writes, watch events and bytes sent to the watchers.

The quick form (a stable contract): one Service of P ready Pods on N Nodes, and one operation:
  create       the Service appears with its P ready Pods
  update-one   one endpoint changes (a Pod fails its readiness probe)
  rollout      every Pod is replaced (a rolling update, maxSurge and maxUnavailable 25%)
A scenario: a shipped one (${scenarioNames.join(', ')}) or a JSON/YAML scenario file
(docs/scenarios.md), run from second 0 until 600 s after its last event (one cycle of a
repeating scenario), or until --until.

Accounting (docs/simulate.md):
  model (default)  every write the controllers make in the engine, sized by exact JSON and
                   protobuf bytes; Endpoints objects hold all their addresses (before 1.22)
  --paper          the published constants: an object of k endpoints weighs max(k × C, M),
                   one write per replaced Pod, one watch event per write per Node

Options:
  --pods P                     Pods of the Service, 0–${n(MAX_SIMULATION_PODS)}
  --nodes N                    Nodes, each running one kube-proxy that watches, 1–${n(MAX_SIMULATION_NODES)}
  --zones Z                    zones the Nodes are spread over, 1–${MAX_SIMULATION_ZONES} and at most N  [default 3]
  --operation OP               create, update-one or rollout
  --max-endpoints-per-slice B  the controller's --max-endpoints-per-slice, 1–1000    [default 100]
  --paper                      paper mode instead of model mode
  --paper-bytes-per-endpoint C bytes per endpoint (KEP-0752: 100; the 2020 blog: 300) [default 100]
  --paper-min-object-bytes M   bytes of the smallest object                       [default 1000]
  --seed N                     seed of every random choice: same seed, same report   [default 1]
  --batch-period S             --endpointslice-updates-batch-period, seconds          [default 0]
  --extra-watchers W           watchers besides kube-proxy (CoreDNS, ingress, …)      [default 0]
  --consumers WHICH            what the watchers read: both, endpoints or endpointSlices [default both]
  --endpoints-capacity CAP     model mode: unbounded, or truncated at 1000 addresses (1.22+)
                                                                                   [default unbounded]
  --until S                    stop the run at this simulated second, at most ${n(MAX_SIMULATED_SECONDS)}
  --heap-mib N                 memory the simulation may use, MiB, from 64 to this machine's
                               memory (${n(machineMemoryMib())}); a run that needs more stops with a
                               clear error
                               [default: Node's heap limit on this machine, ${n(defaultSimulateHeapMib())}]
  --timeout S                  stop the run after S seconds of wall-clock time, above 0
                               and at most ${n(MAX_TIMEOUT_SECONDS)} (a week): a run that takes longer stops
                               with a clear error                                 [default none]
  --json                       print the report as JSON (mode, totals, series, assumptions)
  --csv                        print the time series as CSV, with a last "total" row
  -h, --help                   this text

Limits: quick form ${n(MAX_SIMULATION_PODS)} Pods, ${n(MAX_SIMULATION_NODES)} Nodes, ${MAX_SIMULATION_ZONES} zones, in model mode at most
${MAX_MODEL_PODS_PER_NODE} Pods per Node (a rollout of more than ${MAX_ROLLOUT_PODS_PER_NODE} per Node waits for room, and warns); a scenario at most ${n(MAX_PODS)} Pods and ${n(MAX_NODES)} Nodes at any moment and
${n(MAX_EVENTS)} events; a run at most ${n(MAX_SIMULATED_SECONDS)} simulated seconds (7 days). The time series
keeps at most 2,000 points (longer runs merge neighbouring steps). The simulation runs in a
worker thread whose heap is --heap-mib: a 150,000-Pod rollout needs more than 1 GiB.

Output: a table by default; a progress bar on standard error when it is a terminal, drawn
full when the run completes (and saying when it ended if nothing happened after that).
Exit codes: 0 done; 1 the simulation failed, or ran past --heap-mib or --timeout; 2 bad input
(one line names the flag or field).

Examples:
  slicescope simulate --pods 20000 --nodes 5000 --operation rollout --paper --json
  slicescope simulate --pods 5000 --nodes 3000 --operation update-one --paper --paper-bytes-per-endpoint 300
  slicescope simulate rollout --csv > rollout.csv
`;

/** Why a run stopped at --timeout, and how far it got. */
function timeoutMessage(seconds: number, reached: SimulationProgressMessage | undefined): string {
  const got = reached
    ? `, at ${n(reached.simulatedSeconds)} of ${n(reached.untilSeconds)} simulated seconds`
    : '';
  return `the simulation ran longer than --timeout ${seconds} s and was stopped${got}; give it more time, or simulate fewer Pods or a shorter run (--until)`;
}

export async function simulateCommand(args: string[], io: CommandIO): Promise<number> {
  const flags = parseSimulateFlags(args);
  if (!flags.ok) {
    await write(io.stderr, `slicescope simulate: ${flags.error}\n`);
    return EXIT_USAGE;
  }
  if (flags.help) {
    await write(io.stdout, simulateHelp);
    return EXIT_OK;
  }
  const { request } = flags;
  const options = { ...request.options, seed: request.seed ?? 1 };
  let scenario;
  if (flags.scenario !== undefined) {
    const loaded = await loadScenario(flags.scenario);
    if (!loaded.ok) {
      await write(io.stderr, `slicescope simulate: ${loaded.error}\n`);
      return EXIT_USAGE;
    }
    scenario = loaded.scenario;
  }
  const bar = progressBar(io);
  const heapMib = flags.heapMib ?? defaultSimulateHeapMib();
  const { timeoutSeconds } = flags;
  // In a worker with a bounded heap: a run too big for it is a clear error, not V8's crash.
  const simulator = createSimulator({
    timeoutMs: timeoutSeconds === undefined ? Infinity : timeoutSeconds * 1000,
    maxHeapMb: heapMib,
    warmUp: false,
  });
  const job: SimulationJob = scenario ? { scenario, options } : { quick: request.quick!, options };
  let reached: SimulationProgressMessage | undefined;
  const onProgress = (progress: SimulationProgressMessage): void => {
    reached = progress;
    bar.update(progress);
  };
  const outcome = await simulator.run(job, { onProgress }).finally(() => simulator.close());
  if (!outcome.ok) {
    bar.clear();
    const message =
      outcome.reason === 'memory'
        ? `the simulation needed more than ${n(heapMib)} MiB of memory (--heap-mib); simulate fewer Pods or a shorter run, or give it more`
        : outcome.reason === 'timeout'
          ? timeoutMessage(timeoutSeconds ?? 0, reached)
          : outcome.message;
    await write(io.stderr, `slicescope simulate: ${message}\n`);
    return EXIT_FAILED;
  }
  // A job without a snapshot target always ends in a report.
  const { report } = outcome.result as Extract<JobResult, { kind: 'report' }>;
  bar.finish(report);
  const text =
    flags.output === 'json'
      ? `${JSON.stringify(report)}\n`
      : flags.output === 'csv'
        ? reportToCsv(report)
        : reportSummary(report);
  await write(io.stdout, text);
  return EXIT_OK;
}
