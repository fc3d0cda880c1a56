import type { HintsExplanationView } from '@slicescope/contract';
import { formatPercent, formatSignedPercent } from '../history/format.ts';
import { HINTS_RULE_TEXT } from './hintsText.ts';

/** Per address type: whether the slices carry zone hints, why, and how zones would share traffic. */
export function HintsPanel({ hints }: { hints: readonly HintsExplanationView[] }) {
  if (hints.length === 0) {
    return (
      <p className="muted">The Service asks for no address type, so there is nothing to hint.</p>
    );
  }
  return (
    <>
      {hints.map((explanation) => (
        <section
          key={explanation.addressType}
          className="hints"
          aria-labelledby={`hints-${explanation.addressType}`}
          data-testid="hints"
          data-address-type={explanation.addressType}
        >
          <h3 id={`hints-${explanation.addressType}`}>
            {explanation.addressType}: hints {explanation.hintsOn ? 'on' : 'off'}
          </h3>
          <p className={explanation.hintsOn ? 'analysis-ok' : undefined}>{explanation.summary}</p>
          <p className="muted">
            Rule <code>{explanation.rule}</code>: {HINTS_RULE_TEXT[explanation.rule]}
          </p>
          {explanation.zones.length > 0 && (
            <table className="data" aria-label={`Zones, ${explanation.addressType}`}>
              <caption className="muted">
                Ready endpoints per zone against the zone’s share of the cluster’s CPU; expected
                overload is how much more traffic than a fair share each endpoint of the zone would
                get under hints.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Zone</th>
                  <th scope="col" className="num">
                    CPU share
                  </th>
                  <th scope="col" className="num">
                    Endpoints
                  </th>
                  <th scope="col" className="num">
                    Endpoint share
                  </th>
                  <th scope="col" className="num">
                    Hinted
                  </th>
                  <th scope="col" className="num">
                    Expected overload
                  </th>
                </tr>
              </thead>
              <tbody>
                {explanation.zones.map((zone) => (
                  <tr key={zone.zone}>
                    <th scope="row">{zone.zone || '(no zone)'}</th>
                    <td className="num">
                      {zone.cpuShare === undefined ? 'unknown' : formatPercent(zone.cpuShare)}
                    </td>
                    <td className="num">{zone.endpoints}</td>
                    <td className="num">{formatPercent(zone.endpointShare)}</td>
                    <td className="num">{zone.hinted}</td>
                    <td className={`num${(zone.expectedOverload ?? 0) > 0.2 ? ' overloaded' : ''}`}>
                      {zone.expectedOverload === undefined
                        ? '—'
                        : formatSignedPercent(zone.expectedOverload)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
