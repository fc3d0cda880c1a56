import { plural, type SeriesPoint } from '@slicescope/core';
import { formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';

/**
 * The slices' state after one step of the run, as the report records it: counts, fill, the
 * endpoints by condition and per zone. The report keeps these aggregates per step, not the
 * slices themselves; StepTopology asks the api for the cluster behind the step.
 */
export function StepState({
  series,
  selected,
  onSelect,
  run,
}: {
  series: readonly SeriesPoint[];
  selected: number;
  onSelect: (index: number) => void;
  run: string;
}) {
  const point = series[selected];
  if (!point) return null;
  const { state } = point;
  const inputId = `sim-step-${run.replace(/\W+/g, '-')}`;
  return (
    <section className="sim-step" aria-label={`${run}: the slices after a step`}>
      <div className="sim-field">
        <label htmlFor={inputId}>Step</label>
        <input
          id={inputId}
          type="range"
          min={0}
          max={Math.max(0, series.length - 1)}
          value={selected}
          aria-valuetext={`point ${selected + 1} of ${series.length}, at ${formatSeconds(point.t)}`}
          onChange={(event) => onSelect(Number(event.target.value))}
        />
        <small className="muted">
          Point {selected + 1} of {series.length}, at {formatSeconds(point.t)}
          {point.steps > 1 ? ` (${formatCount(point.steps)} steps merged)` : ''};{' '}
          {plural(point.watchers, 'watcher')}
        </small>
      </div>
      <p data-testid="step-state">
        {plural(state.slices, 'slice')} holding {plural(state.endpoints, 'endpoint')},{' '}
        {Math.round(state.fill * 100)}% full: {formatCount(state.byCondition.ready)} ready,{' '}
        {formatCount(state.byCondition.servingTerminating)} serving while terminating,{' '}
        {formatCount(state.byCondition.terminating)} terminating,{' '}
        {formatCount(state.byCondition.notReady)} not ready
        {state.servicesWithHints > 0
          ? `; ${plural(state.servicesWithHints, 'Service')} with hints`
          : ''}
        .
      </p>
      {state.zones.length > 0 && (
        <table className="data sim-zones">
          <caption>{run}: ready endpoints by zone after this step</caption>
          <thead>
            <tr>
              <th scope="col">Zone</th>
              <th scope="col" className="num">
                Ready endpoints
              </th>
              <th scope="col" className="num">
                Endpoints hinted to it
              </th>
            </tr>
          </thead>
          <tbody>
            {state.zones.map((zone) => (
              <tr key={zone.zone}>
                <th scope="row">{zone.zone}</th>
                <td className="num">{formatCount(zone.endpoints)}</td>
                <td className="num">{formatCount(zone.hinted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
