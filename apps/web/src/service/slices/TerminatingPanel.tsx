import type { TerminatingAnalysis } from '@slicescope/contract';
import { useState } from 'react';
import { plural } from '@slicescope/core';
import { formatDuration, formatTimestamp } from '../history/format.ts';

/** Rows drawn before "Show all". */
const FIRST_ROWS = 10;

/** Endpoints whose Pods are going away, and the ones that have been at it too long. */
export function TerminatingPanel({ terminating }: { terminating: TerminatingAnalysis }) {
  const [all, setAll] = useState(false);
  const listed = terminating.endpoints.length;
  const rows = all ? terminating.endpoints : terminating.endpoints.slice(0, FIRST_ROWS);
  return (
    <section
      className="analysis-panel analysis-panel-wide"
      aria-labelledby="terminating-title"
      data-testid="terminating"
    >
      <h3 id="terminating-title">Terminating endpoints</h3>
      {terminating.count === 0 ? (
        <p>No endpoint is terminating.</p>
      ) : (
        <>
          <p className={terminating.stuckCount > 0 ? 'analysis-warn' : undefined}>
            {plural(terminating.count, 'endpoint')} terminating, {terminating.servingCount} of them
            still serving;{' '}
            {terminating.stuckCount > 0
              ? `${terminating.stuckCount} stuck (terminating for more than ${formatDuration(terminating.stuckAfterMs)}).`
              : `none terminating for more than ${formatDuration(terminating.stuckAfterMs)}.`}
          </p>
          {terminating.agesNote !== undefined && <p className="muted">{terminating.agesNote}</p>}
          <table className="data" aria-label="Terminating endpoints">
            <caption className="muted">
              Longest terminating first
              {rows.length < terminating.count
                ? `; the first ${rows.length} of ${terminating.count}`
                : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Slice</th>
                <th scope="col">Pod</th>
                <th scope="col">Node / zone</th>
                <th scope="col">Serving</th>
                <th scope="col" className="num">
                  Terminating for
                </th>
                <th scope="col" className="num">
                  Past grace period
                </th>
                <th scope="col">Stuck</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((endpoint, index) => (
                <tr key={index} className={endpoint.stuck ? 'row-stuck' : undefined}>
                  <td>
                    <code>{endpoint.address}</code>
                  </td>
                  <td>{endpoint.slice}</td>
                  <td>{endpoint.pod ?? '—'}</td>
                  <td>
                    {endpoint.nodeName ?? '—'} / {endpoint.zone ?? '—'}
                  </td>
                  <td>{endpoint.serving ? 'yes' : 'no'}</td>
                  <td className="num">
                    {endpoint.terminatingForMs === undefined
                      ? 'unknown'
                      : formatDuration(endpoint.terminatingForMs)}
                  </td>
                  <td className="num">
                    {endpoint.overdueMs === undefined
                      ? '—'
                      : endpoint.overdueMs > 0
                        ? formatDuration(endpoint.overdueMs)
                        : `within (${formatDuration(-endpoint.overdueMs)} left)`}
                  </td>
                  <td>
                    {endpoint.stuck ? 'Stuck' : 'no'}
                    {endpoint.note ? ` — ${endpoint.note}` : ''}
                    {endpoint.deletionTimestamp
                      ? ` (deadline ${formatTimestamp(endpoint.deletionTimestamp)})`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {listed > FIRST_ROWS && (
            <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? 'Show fewer' : `Show all ${listed} listed`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
