import type { SimulationReport } from '@slicescope/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { navigate } from '../app/navigation.ts';
import { COMPARE_PREFIX, type SimulateRoute } from '../app/route.ts';
import { useFollow } from '../stream/StreamProvider.tsx';
import { Comparison } from './Comparison.tsx';
import { focusField } from './Field.tsx';
import type { FieldError } from './fields.ts';
import { LinkNotes } from './LinkNotes.tsx';
import { DEFAULT_PRESET, PRESETS } from './presets.ts';
import type { RunState } from './runner.ts';
import { RunReport } from './RunReport.tsx';
import { RunStatus } from './RunStatus.tsx';
import { SimulationForm } from './SimulationForm.tsx';
import {
  linkNotes,
  specKey,
  textOutOfLink,
  type LinkRun,
  type SimulationSpec,
} from './simulationSpec.ts';
import { useRuns } from './useRunner.ts';
import './simulate.css';

/** A report shown, with the simulation it answers and when that run started. */
interface Shown {
  key: string;
  spec: SimulationSpec;
  report: SimulationReport;
  startedAt: number;
}

/** The page follows no Service's slices; it reads the Services and Nodes every tab gets. */
const NO_SERVICES: readonly string[] = [];

const fieldErrors = (state: RunState | undefined): readonly FieldError[] =>
  state?.status === 'invalid' || state?.status === 'failed' ? state.errors : [];

const LINK_RUNS: readonly LinkRun[] = [
  { prefix: '', name: 'run A' },
  { prefix: COMPARE_PREFIX, name: 'run B' },
];

/**
 * The what-if simulator: a question (preset, live Service, quick form, shortcut or scenario),
 * run on the api with its progress streamed, and its report — totals side by side, charts of the
 * time series, any step's state — next to a second run to compare with. Runs A and B live in the
 * URL, so a link reproduces them. Until run A has its report (while it runs, or when it was
 * refused or failed), the report of the run before stays on the page, marked as such.
 */
export function SimulatePage({ route }: { route: SimulateRoute }) {
  const { run, compare, from } = route;
  useFollow(NO_SERVICES);
  const { runner, a, b } = useRuns(run, compare);
  const keyA = run ? specKey(run) : '';
  const keyB = compare ? specKey(compare) : '';
  // A run of a preset shows that preset chosen, with its description; so does the form without
  // a run, which holds the default preset.
  const shownPreset = useMemo(
    () => (run ? PRESETS.find((preset) => specKey(preset.spec) === keyA)?.id : DEFAULT_PRESET.id),
    [run, keyA],
  );

  // The link the route was read from: what of it could not be used, and whether it leaves a
  // run's text out. Said once: dismissed for this link, and gone with the next run's link.
  const search = window.location.search;
  const link = useMemo(() => new URLSearchParams(search), [search]);
  const notes = useMemo(() => linkNotes(link, LINK_RUNS), [link]);
  const [dismissed, setDismissed] = useState<string>();

  // The run the form last started: the keyboard stays on what started it (the form shows the
  // new run in place), or goes to the field the server found wrong once the run ends.
  const started = useRef<string>(undefined);
  useEffect(() => {
    if (started.current !== keyA || !a || a.status === 'running' || a.status === 'waiting') return;
    started.current = undefined;
    const first = fieldErrors(a)[0];
    if (first) focusField(first.field);
  }, [a, keyA]);

  const go = (next: { run?: SimulationSpec; compare?: SimulationSpec }) =>
    navigate({
      page: 'simulate',
      ...(next.run && { run: next.run }),
      ...(next.compare && { compare: next.compare }),
    });
  const onRun = (spec: SimulationSpec) => {
    started.current = specKey(spec);
    if (run && specKey(spec) === keyA) runner.retry(keyA);
    else go({ run: spec, ...(compare && { compare }) });
  };
  const doneA = a?.status === 'done' ? a : undefined;
  const doneB = b?.status === 'done' ? b : undefined;
  // The last report of run A, kept while run A has none (state adjusted while rendering): not
  // on a page without a run, nor when it is run B's report, shown anyway.
  const [lastA, setLastA] = useState<Shown>();
  if (doneA && run && lastA?.report !== doneA.report)
    setLastA({ key: keyA, spec: run, report: doneA.report, startedAt: doneA.startedAt });
  const previousA = run && !doneA && lastA && lastA.key !== keyB ? lastA : undefined;

  return (
    <section className="simulate" aria-labelledby="simulate-title">
      <h1 id="simulate-title">What-if simulator</h1>
      <p className="muted sim-intro">
        What would a Service cost with v1 Endpoints and with EndpointSlices? The simulator runs
        slicescope’s controllers on a simulated cluster, without a real one, and counts the API
        writes, the watch events to every kube-proxy and their bytes — in <em>paper</em> mode with
        the published constants (KEP-0752, the 2020 blog), in <em>model</em> mode exactly.
      </p>
      {dismissed !== search && <LinkNotes notes={notes} onDismiss={() => setDismissed(search)} />}
      <SimulationForm
        shown={run ?? DEFAULT_PRESET.spec}
        shownPreset={shownPreset}
        errors={fieldErrors(a)}
        from={from}
        onRun={onRun}
      />
      <RunStatus
        label="Run A"
        state={a}
        onCancel={() => runner.cancel()}
        onRetry={() => runner.retry(keyA)}
        previousShown={previousA !== undefined}
        errorsInForm
      />
      {compare && (
        <RunStatus
          label="Run B"
          state={b}
          onCancel={() => runner.cancel()}
          onRetry={() => runner.retry(keyB)}
        />
      )}
      {!run && (
        <p className="sim-empty">
          Choose a preset or fill in the form, then run it. A run’s link reproduces it; keep it as
          run B to compare it with the next one.
        </p>
      )}
      <div className={compare ? 'sim-runs sim-runs-two' : 'sim-runs'}>
        {previousA && (
          <RunReport
            label="Run A"
            report={previousA.report}
            startedAt={previousA.startedAt}
            spec={previousA.spec}
            previous
          />
        )}
        {doneA && (
          <RunReport
            label="Run A"
            report={doneA.report}
            startedAt={doneA.startedAt}
            spec={run}
            textOutOfLink={textOutOfLink(link)}
            actions={
              run &&
              keyA !== keyB && (
                <button type="button" onClick={() => go({ run, compare: run })}>
                  Keep as B to compare
                </button>
              )
            }
          />
        )}
        {doneB && compare && (
          <RunReport
            label="Run B"
            report={doneB.report}
            startedAt={doneB.startedAt}
            spec={compare}
            textOutOfLink={textOutOfLink(link, COMPARE_PREFIX)}
            actions={
              <>
                <button
                  type="button"
                  onClick={() => go({ run: compare, ...(run && { compare: run }) })}
                >
                  Swap A and B
                </button>
                <button type="button" onClick={() => go({ ...(run && { run }) })}>
                  Remove B
                </button>
              </>
            }
          />
        )}
      </div>
      {doneA && doneB && (
        <Comparison a={doneA.report} b={doneB.report} specA={run} specB={compare} />
      )}
    </section>
  );
}
