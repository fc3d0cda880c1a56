import type { HistoryChange, HistoryEntry } from '@slicescope/contract';
import { memo, useState } from 'react';
import { formatClock } from '../../ui/clock.ts';
import { formatTimestamp } from './format.ts';
import { changeText, entryText } from './historyModel.ts';

/** One controller sync: when, what triggered it, and what it wrote into each slice. */
export const HistoryEntryItem = memo(function HistoryEntryItem({
  entry,
  selected,
  onSelect,
}: {
  entry: HistoryEntry;
  selected: boolean;
  onSelect: (at: number | undefined) => void;
}) {
  return (
    <li
      className={`history-entry${selected ? ' history-entry-selected' : ''}`}
      data-testid="history-entry"
      data-seq={entry.seq}
      aria-current={selected ? 'true' : undefined}
    >
      <div className="history-entry-head">
        <button
          type="button"
          aria-pressed={selected}
          onClick={() => onSelect(selected ? undefined : entry.seq)}
          title={selected ? 'Back to now' : 'Show the Service as it was after this sync'}
        >
          Sync #{entry.seq}
        </button>
        <span>seen {formatClock(entry.at)}</span>
        <span className="muted">
          {entry.triggerTime !== undefined
            ? `triggered ${formatTimestamp(entry.triggerTime)}`
            : 'no trigger time'}
        </span>
        {selected && <strong className="history-shown">shown</strong>}
      </div>
      <p className="history-entry-summary">{entryText(entry)}</p>
      <ul className="history-changes" aria-label={`Slice writes of sync #${entry.seq}`}>
        {entry.changes.map((change, index) => (
          <ChangeItem key={index} change={change} />
        ))}
      </ul>
    </li>
  );
});

const LISTS = [
  ['added', 'Added'],
  ['removed', 'Removed'],
  ['conditions', 'Conditions changed'],
  ['hints', 'Hints changed'],
] as const;

function ChangeItem({ change }: { change: HistoryChange }) {
  const [open, setOpen] = useState(false);
  const any = LISTS.some(([key]) => change[key].length > 0);
  return (
    <li className="history-change" data-op={change.op}>
      <span className={`history-op history-op-${change.op}`}>{change.op}</span>{' '}
      <code>{change.slice}</code> — {changeText(change)}{' '}
      {any && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide addresses' : 'Addresses'}
        </button>
      )}
      {open && (
        <dl className="history-addresses">
          {LISTS.filter(([key]) => change[key].length > 0).map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>
                {change[key].map((address, index) => (
                  <code key={index}>{address}</code>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
