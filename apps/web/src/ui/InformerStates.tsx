import type { InformerStatusView } from '@slicescope/contract';
import { useCallback } from 'react';
import { useStreamState } from '../stream/StreamProvider.tsx';

const selectInformers = (state: { informers: Record<string, InformerStatusView> }) =>
  Object.values(state.informers);

function describe(informer: InformerStatusView): string {
  const scope = informer.namespace ? ` in ${informer.namespace}` : '';
  if (informer.phase === 'watching' && informer.synced) return `${informer.kind}${scope}: watching`;
  if (informer.phase === 'backoff') {
    const retry = informer.retryAt
      ? `, retry at ${new Date(informer.retryAt).toLocaleTimeString()}`
      : '';
    const error = informer.lastError
      ? ` (${informer.lastError.reason}: ${informer.lastError.message})`
      : '';
    return `${informer.kind}${scope}: backing off${error}${retry}`;
  }
  return `${informer.kind}${scope}: ${informer.phase}`;
}

/**
 * One dot per watched kind: filled while watching, hollow while listing or starting, a warning
 * while backing off. The text says why, for screen readers and on hover.
 */
export function InformerStates() {
  const informers = useStreamState(useCallback(selectInformers, []));
  if (informers.length === 0) return null;
  return (
    <ul className="informers" aria-label="Watched kinds">
      {informers.map((informer) => {
        const text = describe(informer);
        const health =
          informer.phase === 'watching' && informer.synced
            ? 'ok'
            : informer.phase === 'backoff' || informer.phase === 'stopped'
              ? 'bad'
              : 'pending';
        return (
          <li
            key={`${informer.kind}/${informer.namespace ?? ''}`}
            className={`informer informer-${health}`}
            title={text}
          >
            <span aria-hidden="true" className="dot" />
            <span className="informer-kind">{informer.kind}</span>
            <span className="visually-hidden">{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
