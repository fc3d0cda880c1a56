import { MAX_MODEL_PODS_PER_NODE, MAX_ROLLOUT_PODS_PER_NODE } from '@slicescope/core';
import { serverLimitsText, useServerLimits } from './serverLimits.ts';

const LIMITS: readonly (readonly [string, string])[] = [
  ['Quick form: Pods, Nodes, zones', '150,000; 5,000; 100 (and at most one zone per Node)'],
  [
    'Model mode: Pods per Node',
    `${MAX_MODEL_PODS_PER_NODE} (a Node's /24 Pod range has 254 addresses; a rollout of more than ${MAX_ROLLOUT_PODS_PER_NODE} per Node waits for room, with a warning)`,
  ],
  ['Scenario: Pods and Nodes at any moment, events, Services', '150,000; 5,000; 100,000; 10,000'],
  ['Run length', '604,800 simulated seconds (7 days)'],
  ['Max endpoints per slice', '1–1,000'],
  ['Paper C, M', '1–100,000 B; 0–100,000,000 B'],
  ['Time series', '2,000 points (longer runs are thinned: neighbouring points merge)'],
];

/**
 * The simulator's limits, stated before a run hits them (docs/simulate.md "Limits"), this
 * server's as it says them.
 */
export function LimitsNote() {
  const rows = [...LIMITS, ['This server', serverLimitsText(useServerLimits())] as const];
  return (
    <details className="sim-limits">
      <summary>Limits</summary>
      <table className="data">
        <caption className="visually-hidden">Limits of the simulator</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Limit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, limit]) => (
            <tr key={what}>
              <th scope="row">{what}</th>
              <td>{limit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
