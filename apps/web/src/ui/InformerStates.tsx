import type { InformerStatusView } from '@slicescope/contract';
import { useCallback } from 'react';
import { useConnection, useStreamState } from '../stream/StreamProvider.tsx';
import { formatTimeOfDay } from './clock.ts';

const selectInformers = (state: { informers: Record<string, InformerStatusView> }) =>
  Object.values(state.informers);

function describe(informer: InformerStatusView): string {
  const scope = informer.namespace ? ` in ${informer.namespace}` : '';
  if (informer.phase === 'watching' && informer.synced) return `${informer.kind}${scope}: watching`;
  if (informer.phase === 'backoff') {
    const retry = informer.retryAt ? `, retry at ${formatTimeOfDay(informer.retryAt)}` : '';
    const error = informer.lastError
      ? ` (${informer.lastError.reason}: ${informer.lastError.message})`
      : '';
    return `${informer.kind}${scope}: backing off${error}${retry}`;
  }
  return `${informer.kind}${scope}: ${informer.phase}`;
}

/**
 * One dot per watched kind: filled while watching, hollow while listing or starting, a warning
 * while backing off, greyed while the live stream is down (the api's last word is old news then).
 * The text says why, for screen readers and on hover.
 */
export function InformerStates() {
  const informers = useStreamState(useCallback(selectInformers, []));
  const { status } = useConnection();
  if (informers.length === 0) return null;
  const stale = status === 'dropped' || status === 'connecting';
  return (
    <ul className="informers" aria-label="Watched kinds">
      {informers.map((informer) => {
        const last = describe(informer);
        const text = stale ? `${last} when the live stream was lost; not known now` : last;
        const health = stale
          ? 'stale'
          : informer.phase === 'watching' && informer.synced
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
