import type { SimulationReport } from '@slicescope/core';
import { formatRatio } from './format.ts';
import { runTitle, settingsOf } from './RunReport.tsx';
import { ScrollRegion } from './ScrollRegion.tsx';
import type { SimulationSpec } from './simulationSpec.ts';
import { comparisonRows, formatValue } from './totalsRows.ts';

/** The settings of one run that the other does not share; its mode when they share all. */
function ownSettings(run: SimulationReport, other: SimulationReport): string {
  const others = new Set(settingsOf(other));
  const own = settingsOf(run).filter((setting) => !others.has(setting));
  return own.length > 0 ? own.join(' · ') : run.mode;
}

/**
 * Runs A and B figure by figure, with B ÷ A; where their modes size bytes differently, each
 * row says how A's and B's were sized, and its ratio that it divides one sizing by the other.
 */
export function Comparison({
  a,
  b,
  specA,
  specB,
}: {
  a: SimulationReport;
  b: SimulationReport;
  specA?: SimulationSpec;
  specB?: SimulationSpec;
}) {
  const rows = comparisonRows(a, b);
  return (
    <section className="sim-comparison" aria-labelledby="sim-comparison-title">
      <h2 id="sim-comparison-title">A vs B</h2>
      <p className="muted">
        {`A: ${runTitle(a, specA)} (${ownSettings(a, b)}). B: ${runTitle(b, specB)} (${ownSettings(b, a)}).`}
      </p>
      <ScrollRegion label="Totals of runs A and B">
        <table className="data">
          <caption className="visually-hidden">Totals of runs A and B, and B ÷ A</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                A
              </th>
              <th scope="col" className="num">
                B
              </th>
              <th scope="col" className="num">
                B ÷ A
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={`${row.metric}-${row.kind}`}
                data-testid={`compare-${row.metric}-${row.kind}`}
              >
                <th scope="row">{row.label}</th>
                <td className="num">{formatValue(row, row.a)}</td>
                <td className="num">{formatValue(row, row.b)}</td>
                <td className="num">
                  {formatRatio(row.change)}
                  {row.measures && row.change !== null && (
                    <small className="muted sim-measures">
                      {row.measures.b} ÷ {row.measures.a}: sized differently
                    </small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
