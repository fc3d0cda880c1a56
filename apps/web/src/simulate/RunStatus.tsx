import { useEffect, useRef } from 'react';
import { ApiRequestError } from '../api/http.ts';
import { describeError } from '../ui/StateMessage.tsx';
import { FIELD_LABEL, withoutPath } from './fields.ts';
import { formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';
import { TOO_COSTLY, type RunState } from './runner.ts';

/** Text ending as a sentence does, so that another may follow. */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Where a run is: its progress and a Cancel button, or why it has no report. */
export function RunStatus({
  label,
  state,
  onCancel,
  onRetry,
  previousShown = false,
  errorsInForm = false,
}: {
  label: string;
  state: RunState | undefined;
  onCancel: () => void;
  onRetry: () => void;
  /** The report of the run before is shown until this one has its own. */
  previousShown?: boolean;
  /** The form shows this run's field errors (run A's), so they need not be said here. */
  errorsInForm?: boolean;
}) {
  // Cancel goes with the run it stops: the keyboard moves on to Run again, not to the page.
  const cancelling = useRef(false);
  const runAgain = useRef<HTMLButtonElement>(null);
  const status = state?.status;
  useEffect(() => {
    if (status === 'running' || status === 'waiting' || !cancelling.current) return;
    cancelling.current = false;
    runAgain.current?.focus();
  }, [status]);
  const cancel = () => {
    cancelling.current = true;
    onCancel();
  };
  const previous = previousShown ? ' The report below is of the previous run.' : '';
  if (!state || state.status === 'done') return null;
  switch (state.status) {
    case 'running': {
      const progress = state.progress;
      const until = progress?.untilSeconds ?? 0;
      return (
        <div className="sim-status" role="status" data-testid="simulation-progress">
          <label>
            {label}: simulating…{' '}
            {progress
              ? `${formatSeconds(progress.simulatedSeconds)} simulated (the run ends once the cluster is quiet, at ${formatSeconds(until)} at the latest), ${formatCount(progress.steps)} steps, ${formatSeconds(progress.elapsedMs / 1000)} elapsed`
              : 'starting'}
            {/* No fraction: most runs end long before their latest second. */}
            <progress />
          </label>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'waiting':
      return (
        <div className="sim-status" role="status">
          {label}: the server is running another simulation; trying again (attempt{' '}
          {state.attempt + 1})…{' '}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <div className="sim-status" role="status">
          {label}: cancelled.{previous}{' '}
          <button type="button" ref={runAgain} onClick={onRetry}>
            Run again
          </button>
        </div>
      );
    case 'invalid':
      // Said once: where the form shows it (by its field, or by the Run button when another
      // source or mode hides the field), as for settings the server refused.
      return (
        <div className="sim-status state-error" role="alert">
          {label} cannot run:{' '}
          {errorsInForm && state.errors.length > 0
            ? 'the form above says why.'
            : sentence(
                state.errors
                  .map((error) => `${FIELD_LABEL[error.field]}: ${error.message}`)
                  .join('; '),
              )}
          {previous}
        </div>
      );
    case 'failed':
      // Run, and stopped by the server past its time budget or memory: not a bad setting.
      if (state.error instanceof ApiRequestError && state.error.code === TOO_COSTLY) {
        return (
          <div className="sim-status state-error" role="alert" data-testid="simulation-error">
            {label} ran and was stopped by the server:{' '}
            {sentence(withoutPath(state.error.field, state.error.message))} The command line,{' '}
            <code>slicescope simulate</code>, runs it with no time budget and the memory{' '}
            <code>--heap-mib</code> gives it.{previous}
          </div>
        );
      }
      // Refused as it stands: the form says why (else the message does), and running the same
      // request again would only be refused again.
      if (state.refused) {
        return (
          <div className="sim-status state-error" role="alert" data-testid="simulation-error">
            {label} was not run:{' '}
            {errorsInForm && state.errors.length > 0
              ? 'the server refused these settings; the form above says why.'
              : sentence(describeError(state.error))}
            {previous}
          </div>
        );
      }
      return (
        <div className="sim-status state-error" role="alert" data-testid="simulation-error">
          {label} failed: {sentence(describeError(state.error))}
          {previous}{' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
  }
}
