import type { History, HistoryEntry, ServiceSummary } from '@slicescope/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { queryKeys } from '../../api/queries.ts';
import { download, fileName } from '../../export/download.ts';
import { useKeys } from '../../ui/shortcuts.ts';
import { Empty, QueryState } from '../../ui/StateMessage.tsx';
import { formatClock } from '../../ui/clock.ts';
import { HistoryEntryItem } from './HistoryEntryItem.tsx';
import { atOfPosition, historyCsv, positionOf, step, stepPosition } from './historyModel.ts';
import { useRefreshOnChange } from '../../ui/useRefreshOnChange.ts';
import './history.css';

export interface HistoryViewProps {
  service: ServiceSummary;
  history: UseQueryResult<History>;
  /** The seq of the sync the views show, or undefined for now. */
  at?: number | undefined;
  onSelect: (at: number | undefined) => void;
}

const NO_ENTRIES: HistoryEntry[] = [];

/**
 * The slice writes the api saw, grouped per controller sync: a scrubber to show the Service as it
 * was after any of them, and the list of what each sync changed, newest first.
 */
export function HistoryView({ service, history, at, onSelect }: HistoryViewProps) {
  const { namespace, name } = service;
  useRefreshOnChange(service.churn, [queryKeys.history(namespace, name)]);
  const entries = history.data?.entries ?? NO_ENTRIES;
  const latest = useRef(onSelect);
  useEffect(() => {
    latest.current = onSelect;
  });
  /** Stable, so the entries (memoised) do not re-render when the page passes a new callback. */
  const select = useCallback((value: number | undefined) => latest.current(value), []);
  useKeys(
    useMemo(
      () => ({
        '[': () => select(step(entries, at, -1)),
        ']': () => select(step(entries, at, 1)),
      }),
      [entries, at, select],
    ),
    entries.length > 0,
  );
  const newestFirst = useMemo(() => [...entries].reverse(), [entries]);
  const scrubberId = useId();

  const position = positionOf(entries, at);
  const shown = position === entries.length ? undefined : entries[position];
  const positionText = shown
    ? `Sync #${shown.seq} (${position + 1} of ${entries.length} kept), seen ${formatClock(shown.at)}`
    : 'Now: the present slices';
  const selectedSeq = at === undefined ? undefined : shown?.seq;
  const exportCsv = () =>
    download(
      new Blob([historyCsv(entries)], { type: 'text/csv;charset=utf-8' }),
      fileName([namespace, name, 'history'], 'csv'),
    );

  return (
    <QueryState query={history} what="the slice history">
      {({ dropped }) =>
        entries.length === 0 ? (
          <Empty>
            No slice writes since slicescope started watching this Service
            {dropped > 0 ? ` that are still kept (${dropped} older syncs were dropped)` : ''}: the
            history fills as the controller changes its slices.
          </Empty>
        ) : (
          <div className="history-view">
            <div className="history-scrubber">
              <label htmlFor={scrubberId}>History position</label>
              <input
                id={scrubberId}
                type="range"
                min={0}
                max={entries.length}
                step={1}
                value={position}
                aria-valuetext={positionText}
                onChange={(event) => onSelect(atOfPosition(entries, Number(event.target.value)))}
              />
              <output htmlFor={scrubberId} aria-live="polite">
                {positionText}
              </output>
              <div className="toolbar">
                <button
                  type="button"
                  onClick={() => onSelect(step(entries, at, -1))}
                  disabled={stepPosition(entries, at) === 0}
                  title="One sync earlier ([)"
                >
                  ← Earlier <kbd>[</kbd>
                </button>
                <button
                  type="button"
                  onClick={() => onSelect(step(entries, at, 1))}
                  disabled={at === undefined}
                  title="One sync later (])"
                >
                  Later <kbd>]</kbd> →
                </button>
                <button
                  type="button"
                  onClick={() => onSelect(undefined)}
                  disabled={at === undefined}
                >
                  Now
                </button>
                <button type="button" onClick={exportCsv}>
                  Export CSV
                </button>
              </div>
            </div>
            {dropped > 0 && (
              <p className="muted" data-testid="history-dropped">
                Dropped {dropped} older {dropped === 1 ? 'sync' : 'syncs'}: the api keeps only the
                newest per Service.
              </p>
            )}
            {at !== undefined && entries[0] !== undefined && at < entries[0].seq && (
              <p className="muted">
                Sync #{at} is older than the oldest kept one: the views show the oldest state known.
              </p>
            )}
            <h2 id="history-list-title">Controller syncs, newest first</h2>
            <ol className="history-list" aria-label="Controller syncs" reversed>
              {newestFirst.map((entry) => (
                <HistoryEntryItem
                  key={entry.seq}
                  entry={entry}
                  selected={entry.seq === selectedSeq}
                  onSelect={select}
                />
              ))}
            </ol>
          </div>
        )
      }
    </QueryState>
  );
}
