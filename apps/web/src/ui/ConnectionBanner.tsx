import { useConnection } from '../stream/StreamProvider.tsx';
import { formatTimeOfDay } from './clock.ts';

/**
 * Says when the live stream dropped (the views keep the last state and say so) and when it is back
 * and caught up. Silent while everything is live.
 */
export function ConnectionBanner() {
  const connection = useConnection();
  const { status } = connection;
  if (status === 'live' && connection.rejected === 0) return null;
  let text: string;
  let tone: 'info' | 'warn' | 'ok';
  if (status === 'connecting') {
    text = 'Connecting to the live stream…';
    tone = 'info';
  } else if (status === 'dropped') {
    text = `Live updates lost at ${formatTimeOfDay(connection.since)}: reconnecting. What you see may be out of date.`;
    tone = 'warn';
  } else if (status === 'resynced') {
    text = 'Reconnected: caught up with the cluster.';
    tone = 'ok';
  } else {
    text = connection.lastProblem ?? 'Some stream messages were ignored.';
    tone = 'warn';
  }
  return (
    <div
      className={`banner banner-${tone}`}
      role="status"
      aria-live="polite"
      data-connection={status}
    >
      {text}
    </div>
  );
}
