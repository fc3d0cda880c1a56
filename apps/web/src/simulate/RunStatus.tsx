import { describeError } from '../ui/StateMessage.tsx';
import { FIELD_LABEL } from './fields.ts';
import { formatCount, formatSeconds } from './format.ts';
import type { RunState } from './runner.ts';

/** Where a run is: its progress and a Cancel button, or why it has no report. */
export function RunStatus({
  label,
  state,
  onCancel,
  onRetry,
}: {
  label: string;
  state: RunState | undefined;
  onCancel: () => void;
  onRetry: () => void;
}) {
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
              ? `${formatSeconds(progress.simulatedSeconds)} of ${formatSeconds(until)} simulated, ${formatCount(progress.steps)} steps, ${formatSeconds(progress.elapsedMs / 1000)} elapsed`
              : 'starting'}
            <progress
              max={until > 0 ? until : undefined}
              value={progress && until > 0 ? Math.min(progress.simulatedSeconds, until) : undefined}
            />
          </label>
          <button type="button" onClick={onCancel}>
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
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <div className="sim-status" role="status">
          {label}: cancelled.{' '}
          <button type="button" onClick={onRetry}>
            Run again
          </button>
        </div>
      );
    case 'invalid':
      return (
        <div className="sim-status state-error" role="alert">
          {label} cannot run:{' '}
          {state.errors.map((error) => `${FIELD_LABEL[error.field]}: ${error.message}`).join('; ')}
        </div>
      );
    case 'failed':
      return (
        <div className="sim-status state-error" role="alert" data-testid="simulation-error">
          {label} failed: {describeError(state.error)}{' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
  }
}
