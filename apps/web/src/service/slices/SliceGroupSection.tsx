import type { DriftAnalysis, SliceView } from '@slicescope/contract';
import { useId, useMemo, type KeyboardEvent } from 'react';
import { formatCount } from '../../ui/count.ts';
import { CONDITIONS, CONDITION_STYLE } from '../../ui/conditions.ts';
import { plural } from '@slicescope/core';
import { formatPercent, formatTimestamp } from '../history/format.ts';
import {
  conditionCounts,
  countsText,
  idealPacking,
  portsLabel,
  sliceTag,
  type SliceGroup,
} from './sliceGroups.ts';

interface GroupProps {
  group: SliceGroup;
  max: number;
  /** Use the api's numbers for the header (they describe the Service now). */
  useAnalysis: boolean;
  drift: DriftAnalysis | undefined;
  selectedSlice: string | undefined;
  onSelectSlice: (slice: string | undefined) => void;
}

/** One address type and port set: a bar per slice, and the ideal packing beside them. */
export function SliceGroupSection({
  group,
  max,
  useAnalysis,
  drift,
  selectedSlice,
  onSelectSlice,
}: GroupProps) {
  const label = `${group.addressType} · ${portsLabel(group.ports)}`;
  const analysed = useAnalysis ? group.analysis : undefined;
  const actual = analysed?.actualSlices ?? group.controllerSlices;
  const ideal = analysed?.idealSlices ?? group.idealSlices;
  const endpoints = analysed?.endpoints ?? group.controllerEndpoints;
  const fill = analysed?.fill ?? group.fill;
  const foreign = group.slices.length - group.controllerSlices;
  const headingId = useId();
  return (
    <section className="slice-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{label}</h3>
      <p className="slice-group-summary" data-testid="slice-group-summary">
        {plural(endpoints, 'endpoint')} in {plural(actual, 'controller slice')}; ideal{' '}
        {plural(ideal, 'slice')} of at most {formatCount(max)} · {formatPercent(fill)} of their
        capacity used ({formatCount(endpoints)} of the {plural(actual * max, 'endpoint')} they can
        hold)
        {actual > ideal ? ` · ${formatCount(actual - ideal)} more than needed` : ''}
        {foreign > 0 ? ` · ${plural(foreign, 'slice')} not packed by the controller` : ''}
      </p>
      <div className="slice-group-body">
        <ul className="slice-rows" aria-label={`Slices, ${label}`}>
          {group.slices.map((slice) => (
            <li key={slice.name}>
              <SliceRow
                slice={slice}
                max={max}
                tag={sliceTag(slice, drift)}
                selected={slice.name === selectedSlice}
                onSelect={onSelectSlice}
              />
            </li>
          ))}
        </ul>
        <IdealPacking endpoints={group.controllerEndpoints} max={max} />
      </div>
    </section>
  );
}

/** Up and Down move between the slice rows of the view. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>): void {
  const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return;
  const view = event.currentTarget.closest('.slices-view') ?? document;
  const rows = Array.from(view.querySelectorAll<HTMLElement>('[data-testid="slice-row"]'));
  const next = rows[rows.indexOf(event.currentTarget) + step];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

function SliceRow({
  slice,
  max,
  tag,
  selected,
  onSelect,
}: {
  slice: SliceView;
  max: number;
  tag: string | undefined;
  selected: boolean;
  onSelect: (slice: string | undefined) => void;
}) {
  const counts = useMemo(() => conditionCounts(slice.endpoints), [slice.endpoints]);
  const total = slice.endpoints.length;
  const scale = Math.max(max, total, 1);
  const share = `${formatPercent(total / Math.max(1, max))} of ${formatCount(max)}`;
  return (
    <button
      type="button"
      className="slice-row"
      data-testid="slice-row"
      data-slice={slice.name}
      data-endpoints={total}
      aria-pressed={selected}
      onClick={() => onSelect(selected ? undefined : slice.name)}
      onKeyDown={moveFocus}
    >
      <span className="slice-row-head">
        <span className="slice-row-name">{slice.name}</span>
        {tag && <span className="slice-tag">{tag}</span>}
        <span className="slice-row-managed muted">
          managed by {slice.managedBy ?? '(no managed-by label)'}
        </span>
      </span>
      <span className="slice-bar" aria-hidden="true">
        {CONDITIONS.map((condition) =>
          counts[condition] > 0 ? (
            <span
              key={condition}
              className="slice-bar-part"
              style={{
                width: `${(counts[condition] / scale) * 100}%`,
                background: CONDITION_STYLE[condition].colour,
              }}
            />
          ) : null,
        )}
      </span>
      <span className="slice-row-counts">
        {plural(total, 'endpoint')} ({share}) · {countsText(counts)}
      </span>
      <span className="slice-row-time muted">
        {slice.triggerTime !== undefined
          ? `triggered ${formatTimestamp(slice.triggerTime)}`
          : 'no trigger time'}
        {slice.createdAt !== undefined ? ` · created ${formatTimestamp(slice.createdAt)}` : ''}
      </span>
    </button>
  );
}

/** The fewest slices that could hold the group's controller endpoints, drawn as ghost bars. */
function IdealPacking({ endpoints, max }: { endpoints: number; max: number }) {
  const packing = useMemo(() => idealPacking(endpoints, max), [endpoints, max]);
  return (
    <figure
      className="ideal-packing"
      data-testid="ideal-packing"
      data-slices={packing.length}
      aria-label={`Ideal packing: ${plural(packing.length, 'slice')} for ${plural(endpoints, 'endpoint')}`}
    >
      <figcaption className="muted">
        Ideal: {plural(packing.length, 'slice')} of at most {formatCount(max)}
      </figcaption>
      <ul className="ghost-bars">
        {packing.map((count, index) => (
          <li key={index} className="ghost-row">
            <span className="ghost-bar" aria-hidden="true">
              <span className="ghost-fill" style={{ width: `${(count / max) * 100}%` }} />
            </span>
            <span className="ghost-count">{formatCount(count)}</span>
          </li>
        ))}
        {packing.length === 0 && <li className="muted">no endpoints to pack</li>}
      </ul>
    </figure>
  );
}
