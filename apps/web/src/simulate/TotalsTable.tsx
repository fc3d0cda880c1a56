import type { SimulationReport, WritesByVerb } from '@slicescope/core';
import { Fragment } from 'react';
import { formatRatio } from './format.ts';
import { formatCount } from '../ui/count.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import { formatValue, labelOf, totalsRows, type TotalsRow } from './totalsRows.ts';

const KINDS = [
  { kind: 'endpoints', label: 'Endpoints' },
  { kind: 'endpointSlices', label: 'EndpointSlices' },
] as const;

function verbs(writes: WritesByVerb): string {
  return `create ${formatCount(writes.create)} · update ${formatCount(writes.update)} · delete ${formatCount(writes.delete)}`;
}

function Figure({
  row,
  kind,
  report,
}: {
  row: TotalsRow;
  kind: 'endpoints' | 'endpointSlices';
  report: SimulationReport;
}) {
  const value = row[kind];
  return (
    <td className="num">
      <span
        className="sim-figure"
        data-testid={`total-${row.metric}-${kind}`}
        data-value={value}
        title={row.unit === 'bytes' ? `${formatCount(value)} B` : undefined}
      >
        {formatValue(row, value)}
      </span>
      {row.metric === 'writes' && (
        <small className="muted sim-verbs">{verbs(report.totals[kind].writesByVerb)}</small>
      )}
    </td>
  );
}

/**
 * The totals side by side: Endpoints and EndpointSlices, their ratio, and the report's sentence
 * on what produced each figure.
 */
export function TotalsTable({
  report,
  caption,
  run,
}: {
  report: SimulationReport;
  caption: string;
  /** The run's letter, for ids. */
  run: string;
}) {
  const rows = totalsRows(report);
  const { assumptions } = report;
  const assumptionId = (metric: string) => `sim-${run}-assumption-${metric}`;
  return (
    <>
      <ScrollRegion label={caption}>
        <table className="data sim-totals">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {KINDS.map(({ kind, label }) => (
                <th key={kind} scope="col" className="num">
                  {label}
                </th>
              ))}
              <th scope="col" className="num">
                Endpoints ÷ EndpointSlices
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.metric}>
                <th
                  scope="row"
                  aria-describedby={row.assumption ? assumptionId(row.metric) : undefined}
                >
                  {labelOf(row)}
                </th>
                {KINDS.map(({ kind }) => (
                  <Figure key={kind} row={row} kind={kind} report={report} />
                ))}
                <td className="num" data-testid={`ratio-${row.metric}`}>
                  {row.ratio === undefined ? '' : formatRatio(row.ratio)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <dl className="sim-assumptions" aria-label={`${caption}: how each figure was counted`}>
        {rows.map(
          (row) =>
            row.assumption && (
              <Fragment key={row.metric}>
                <dt>{labelOf(row)}</dt>
                <dd id={assumptionId(row.metric)}>{row.assumption}</dd>
              </Fragment>
            ),
        )}
        <dt>Endpoints objects</dt>
        <dd>{assumptions.endpoints}</dd>
        <dt>Slices’ state</dt>
        <dd>{assumptions.state}</dd>
        <dt>Timing</dt>
        <dd>{assumptions.timing}</dd>
      </dl>
    </>
  );
}
