import type { StreamState } from '@slicescope/contract';
import { screen, within } from '@testing-library/react';
import { useRoute } from '../../src/app/navigation.ts';
import { abortableWait, SimulationRunner } from '../../src/simulate/runner.ts';
import { SimulatePage } from '../../src/simulate/SimulatePage.tsx';
import { streamSimulation } from '../../src/simulate/simulateApi.ts';
import { RunnerContext } from '../../src/simulate/useRunner.ts';
import { renderWithProviders } from '../support/render.tsx';

/** The Simulate page at the current URL, as the app routes it, with a runner of its own. */
function Routed() {
  const route = useRoute();
  return route.page === 'simulate' ? <SimulatePage route={route} /> : <p>left the page</p>;
}

export function renderSimulate(path: string, state?: StreamState) {
  window.history.replaceState(null, '', path);
  const runner = new SimulationRunner({ run: streamSimulation, wait: abortableWait });
  return renderWithProviders(
    <RunnerContext.Provider value={runner}>
      <Routed />
    </RunnerContext.Provider>,
    state,
  );
}

/** The figure a totals cell shows, as text. */
export const total = (metric: string, kind: 'endpoints' | 'endpointSlices', run = 'A') =>
  within(screen.getByTestId(`report-${run}`)).getByTestId(`total-${metric}-${kind}`).textContent;

export const search = () => new URLSearchParams(window.location.search);
