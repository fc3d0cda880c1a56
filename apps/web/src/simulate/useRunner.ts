import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import { streamSimulation } from './simulateApi.ts';
import { abortableWait, SimulationRunner, type RunState } from './runner.ts';
import { useServerLimitsAnswer } from './serverLimits.ts';
import { specKey, type SimulationSpec } from './simulationSpec.ts';

let shared: SimulationRunner | undefined;

/**
 * The tab's runner: one for the page's lifetime in the tab, so that coming back to a run shown
 * before shows its report at once. Tests give their own through RunnerContext.
 */
function sharedRunner(): SimulationRunner {
  shared ??= new SimulationRunner({
    run: (request, options) => streamSimulation(request, options),
    wait: abortableWait,
  });
  return shared;
}

export const RunnerContext = createContext<SimulationRunner | undefined>(undefined);

export interface Runs {
  runner: SimulationRunner;
  a: RunState | undefined;
  b: RunState | undefined;
}

/** Runs A and then B (the compared run) and follows their states; stops a run when the page goes. */
export function useRuns(a: SimulationSpec | undefined, b: SimulationSpec | undefined): Runs {
  const runner = useContext(RunnerContext) ?? sharedRunner();
  const keyA = a ? specKey(a) : undefined;
  const keyB = b ? specKey(b) : undefined;
  const states = useSyncExternalStore(runner.subscribe, runner.snapshot);
  const { limits, known } = useServerLimitsAnswer();
  // A busy server is waited for as long as its budget lets another run take; a run over its
  // limits is not sent.
  useEffect(() => {
    if (limits) runner.setBudget(limits.budgetSeconds);
    runner.setLimits(limits);
  }, [runner, limits]);
  // Runs start once the server has said its limits (or has not), so that a run from a link is
  // checked against them as the form's are. Wanting the same simulations again changes nothing,
  // so new objects of them are harmless.
  useEffect(() => {
    if (known) runner.want([a, b]);
  }, [runner, a, b, known]);
  useEffect(() => () => runner.pause(), [runner]);
  return {
    runner,
    a: keyA === undefined ? undefined : states.get(keyA),
    b: keyB === undefined ? undefined : states.get(keyB),
  };
}
