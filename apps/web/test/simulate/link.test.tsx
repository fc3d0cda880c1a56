import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type SimulateRoute } from '../../src/app/route.ts';
import { MAX_LINK_CHARS, specKey, type SimulationSpec } from '../../src/simulate/simulationSpec.ts';
import { nodeSummary, serviceSummary, streamState } from '../support/render.tsx';
import { fakeSimulateApi } from './fakeApi.ts';
import { renderSimulate, search } from './harness.tsx';
import { modelRollout } from './reports.ts';

/** A scenario of `services` Services: about 20 KB as YAML for 300 of them. */
function bigScenario(services: number): string {
  const lines = ['name: big', 'nodes: 30', 'workloads:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  - name: web-${i}`, '    replicas: 2', '    service: true');
  }
  return `${lines.join('\n')}\n`;
}

/** What the form says of 30,000 Pods in model mode, against the default limits of fakeApi. */
const OVER_LIMIT =
  "30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)";

/** How many times the page says a text. */
const timesSaid = (said: string) => document.body.textContent.split(said).length - 1;

const reportOnce = () => fakeSimulateApi([{ stream: [{ event: 'report', data: modelRollout() }] }]);

describe('the link of a run', () => {
  it('never grows past what a server takes: a long text is kept in the tab, and named in the link', () => {
    const a: SimulationSpec = { input: { kind: 'scenario', text: bigScenario(300) } };
    const b: SimulationSpec = { input: { kind: 'service', text: bigScenario(250) }, mode: 'paper' };
    expect(a.input.kind === 'scenario' && a.input.text.length).toBeGreaterThan(15_000);
    const route: SimulateRoute = { page: 'simulate', run: a, compare: b, from: 'shop/web' };
    const link = formatRoute(route);
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    const params = new URLSearchParams(link.slice(link.indexOf('?')));
    expect([...params.keys()]).toEqual(['scenarioRef', 'b.serviceRef', 'b.mode', 'from']);
    // Opened in this tab again (back, forward, another run's link), it is the same run.
    const read = parseRoute('/simulate', link.slice(link.indexOf('?')));
    expect(read.page === 'simulate' && read.run && specKey(read.run)).toBe(specKey(a));
    expect(read.page === 'simulate' && read.compare && specKey(read.compare)).toBe(specKey(b));

    // A text that fits stays in the link, whole.
    const small = formatRoute({
      page: 'simulate',
      run: { input: { kind: 'scenario', text: bigScenario(3) } },
    });
    expect(new URLSearchParams(small.slice(small.indexOf('?'))).get('scenario')).toBe(
      bigScenario(3),
    );
  });

  it('runs a long pasted scenario, and says that its link cannot share it', async () => {
    const api = reportOnce();
    renderSimulate('/simulate');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Scenario/ }));
    fireEvent.change(screen.getByLabelText('Scenario (JSON or YAML)'), {
      target: { value: bigScenario(300) },
    });
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    const report = await screen.findByTestId('report-A');
    expect(api.bodies).toMatchObject([{ scenario: bigScenario(300) }]);
    const link = `${window.location.pathname}${window.location.search}`;
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    expect(search().get('scenario')).toBeNull();
    expect(within(report).getByTestId('link-note-A').textContent).toBe(
      'This run’s scenario is too long to share as a link (links stay under 8,000 characters, so that servers take them): the page’s link leaves it out, and only this tab can show the run again. To share it, use Export JSON, or the scenario file.',
    );
    // The form still holds the scenario it ran.
    expect((screen.getByLabelText('Scenario (JSON or YAML)') as HTMLTextAreaElement).value).toBe(
      bigScenario(300),
    );
  });

  it('runs nothing from a link whose long text this tab does not have (a reload), and says why', async () => {
    const api = reportOnce();
    renderSimulate('/simulate?scenarioRef=1x2y3z-fq9&mode=paper');
    const notes = screen.getByTestId('link-notes');
    expect(within(notes).getByRole('listitem').textContent).toBe(
      'scenarioRef=1x2y3z-fq9 stands for a scenario too long for a link, which this tab does not have (a reload or another browser forgets it): run A was left out; paste the scenario (or open its file) and run it again.',
    );
    await screen.findByText(/^Choose a preset or fill in the form/);
    expect(screen.queryByTestId('report-A')).toBeNull();
    expect(api.bodies).toEqual([]);
  });

  it('refuses a run over the Pod limit the server said, by its field, without a request', async () => {
    const api = reportOnce();
    renderSimulate('/simulate?pods=30000&nodes=5000&operation=rollout');
    await waitFor(() =>
      expect(document.getElementById('sim-pods-error')?.textContent).toBe(`Pods: ${OVER_LIMIT}`),
    );
    // Said once, by the field; the status points there, as for settings the server refused.
    expect(screen.getByRole('alert').textContent).toBe(
      'Run A cannot run: the form above says why.',
    );
    expect(timesSaid(OVER_LIMIT)).toBe(1);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(api.bodies).toEqual([]);
    expect(screen.queryByTestId('report-A')).toBeNull();
  });

  it('says once, by its field, why a run from a link cannot run', async () => {
    const api = reportOnce();
    renderSimulate('/simulate?service=%7B%22pods%22%3A1');
    await waitFor(() =>
      expect(document.getElementById('sim-service-error')?.textContent).toMatch(
        /^Service shortcut: is not valid JSON: /,
      ),
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Run A cannot run: the form above says why.',
    );
    expect(timesSaid('is not valid JSON')).toBe(1);
    expect(api.bodies).toEqual([]);
  });

  it('refuses run B over the Pod limit the server said, and runs A', async () => {
    const api = reportOnce();
    renderSimulate('/simulate?pods=60&nodes=6&operation=rollout&b.pods=30000&b.nodes=5000');
    await screen.findByTestId('report-A');
    expect((await screen.findByRole('alert')).textContent).toBe(
      `Run B cannot run: Pods: ${OVER_LIMIT}.`,
    );
    expect(api.bodies).toEqual([{ quick: { pods: 60, nodes: 6, operation: 'rollout' } }]);
    // The form holds run A, which is not over the limit.
    expect(document.getElementById('sim-pods-error')).toBeNull();
  });

  it('says once which of its values the page could not use, and what it did instead', async () => {
    const api = reportOnce();
    renderSimulate(
      '/simulate?pods=60&nodes=6&zones=3&operation=explode&mode=bogus&b.pods=-1&b.nodes=6',
    );
    const notes = screen.getByTestId('link-notes');
    expect(
      within(notes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'operation=explode is not an operation (create, update-one or rollout): rollout was used.',
      'mode=bogus is not an accounting mode (paper or model): model was used.',
      'b.pods=-1 is not a whole number: run B was left out.',
    ]);
    await screen.findByTestId('report-A');
    expect(api.bodies).toEqual([{ quick: { pods: 60, nodes: 6, zones: 3, operation: 'rollout' } }]);
    expect(screen.queryByText(/^Run B/)).toBeNull();
    fireEvent.click(within(notes).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('link-notes')).toBeNull();
  });

  it('holds the run of an imported live Service, not the Service, once it is run', async () => {
    const api = reportOnce();
    const state = streamState({
      services: [serviceSummary('shop', 'web', { endpoints: 150 })],
      nodes: [nodeSummary('a-1', 'zone-a'), nodeSummary('b-1', 'zone-b')],
    });
    renderSimulate('/simulate?from=shop/web', state);
    await screen.findByLabelText('Service shortcut (JSON)');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Run simulation' }));
    await screen.findByTestId('report-A');
    // The link reproduces the run as imported, whatever the live Service becomes.
    expect(search().get('from')).toBeNull();
    expect(JSON.parse(search().get('service') ?? '')).toMatchObject({ name: 'web', pods: 150 });
    await waitFor(() => expect(api.bodies).toHaveLength(1));
  });
});
