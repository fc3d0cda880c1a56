import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { nodeSummary, serviceSummary, streamState } from '../support/render.tsx';
import { navigate } from '../../src/app/navigation.ts';
import { apiError, DEFAULT_LIMITS, fakeSimulateApi, progress } from './fakeApi.ts';
import { renderSimulate, search, total } from './harness.tsx';
import { kepRollout, modelRollout } from './reports.ts';

/** The api's answer to 30,000 Pods in model mode. */
const overTheLimit = () =>
  apiError(
    413,
    'too-large',
    "body.quick.pods: 30000 Pods at peak, over this server's limit of 25000",
    'body.quick.pods',
  );

const KEP_URL =
  '/simulate?pods=20000&nodes=5000&zones=3&operation=rollout&mode=paper&maxEndpointsPerSlice=100&paperBytesPerEndpoint=100&paperMinObjectBytes=1000';

describe('the Simulate page', () => {
  it('runs the KEP-0752 preset in paper mode and shows the published totals and charts', async () => {
    const api = fakeSimulateApi([
      { stream: [progress(0, 1), { event: 'report', data: kepRollout() }] },
    ]);
    renderSimulate('/simulate');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Preset'), 'kep-0752-case-1');
    expect((screen.getByLabelText('Pods') as HTMLInputElement).value).toBe('20000');
    expect((screen.getByLabelText('Nodes') as HTMLInputElement).value).toBe('5000');
    expect((screen.getByRole('radio', { name: /^Paper/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));

    await screen.findByTestId('report-A');
    expect(`${window.location.pathname}${window.location.search}`).toBe(KEP_URL);
    // The form of the run still shows the preset it came from, and what it is.
    expect((screen.getByLabelText('Preset') as HTMLSelectElement).value).toBe('kep-0752-case-1');
    expect(screen.getByLabelText('Preset').getAttribute('aria-describedby')).toBe(
      'sim-preset-hint',
    );
    expect(api.accepts).toEqual(['text/event-stream']);
    expect(api.bodies).toEqual([
      {
        quick: { pods: 20000, nodes: 5000, zones: 3, operation: 'rollout' },
        options: {
          mode: 'paper',
          maxEndpointsPerSlice: 100,
          paperBytesPerEndpoint: 100,
          paperMinObjectBytes: 1000,
        },
      },
    ]);
    expect(total('writes', 'endpointSlices')).toBe('20,000');
    expect(total('writes', 'endpoints')).toBe('20,000');
    expect(total('watchEvents', 'endpointSlices')).toBe('100,000,000');
    expect(total('bytes', 'endpoints')).toBe('200 TB');
    expect(total('bytes', 'endpointSlices')).toBe('1 TB');
    expect(screen.getByTestId('ratio-bytes').textContent).toBe('200×');
    expect(screen.getAllByText(kepRollout().assumptions.bytes)).toHaveLength(1);

    for (const id of ['objects', 'writes', 'bytes']) {
      const chart = screen.getByTestId(`chart-${id}`);
      const svg = within(chart).getByRole('img');
      expect(svg.getAttribute('aria-labelledby')).toBeTruthy();
      expect(chart.querySelectorAll('path.sim-line')).toHaveLength(2);
      expect(chart.querySelector('desc')?.textContent).toContain('log scale');
      // The dashed Endpoints line is drawn over the solid one: equal values hide neither.
      const drawn = [...chart.querySelectorAll('svg > g[class^="sim-series-"]')];
      expect(drawn.map((group) => group.getAttribute('class'))).toEqual([
        'sim-series-endpointSlices',
        'sim-series-endpoints',
      ]);
      // Objects exist until the next point; writes and bytes happen at their points.
      const path = chart.querySelector('path.sim-line')?.getAttribute('d') ?? '';
      expect(path.includes('H')).toBe(id === 'objects');
      // The step whose slices are listed below is marked, named, and told to screen readers.
      expect(within(chart).getByTestId('step-marker').textContent).toMatch(/^step at \d/);
      expect(chart.querySelector('desc')?.textContent).toMatch(
        /The step at .*, whose slices are listed below, is marked\.$/,
      );
    }
    expect(screen.getByTestId('step-state').textContent).toContain(
      '200 slices holding 20,000 endpoints',
    );
  });

  it('reproduces a run from its URL, and shows a chart as a table on request', async () => {
    fakeSimulateApi([{ stream: [{ event: 'report', data: kepRollout() }] }]);
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    expect((screen.getByLabelText('Pods') as HTMLInputElement).value).toBe('20000');
    const chart = screen.getByTestId('chart-writes');
    const toggle = within(chart).getByRole('button', { name: /Show data table/ });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = within(chart).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('columnheader', { name: 'EndpointSlices' })).toBeTruthy();
  });

  it('shows each error next to the field it names: the form’s and the api’s', async () => {
    // A server that does not say its limits: the page leaves them to it.
    const api = fakeSimulateApi([overTheLimit()], [], null);
    renderSimulate('/simulate');
    const user = userEvent.setup();
    const pods = screen.getByLabelText('Pods');
    await user.clear(pods);
    await user.type(pods, 'abc');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(pods.getAttribute('aria-invalid')).toBe('true');
    const described = pods.getAttribute('aria-describedby') ?? '';
    expect(described).toContain('sim-pods-error');
    expect(document.getElementById('sim-pods-error')?.textContent).toBe(
      'Pods: must be a whole number (got "abc")',
    );
    expect(api.bodies).toEqual([]);

    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    await user.clear(pods);
    await user.type(pods, '30000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() =>
      expect(document.getElementById('sim-pods-error')?.textContent).toBe(
        "Pods: 30000 Pods at peak, over this server's limit of 25000",
      ),
    );
    expect(api.bodies).toHaveLength(1);
    // As for the errors the browser finds, the keyboard goes to the field.
    expect(document.activeElement).toBe(screen.getByLabelText('Pods'));
    const status = screen.getByTestId('simulation-error');
    // Said once, at the field; the same request would be refused again, so no retry is offered.
    expect(status.textContent).toBe(
      'Run A was not run: the server refused these settings; the form above says why.',
    );
    expect(within(status).queryByRole('button')).toBeNull();
  });

  it('refuses a run over the Pod limit the server said, by the field, without a request', async () => {
    const api = fakeSimulateApi([{ stream: [{ event: 'report', data: modelRollout() }] }]);
    renderSimulate('/simulate');
    await waitFor(() =>
      expect(document.getElementById('sim-pods-hint')?.textContent).toContain('25,000'),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    const pods = screen.getByLabelText('Pods');
    await user.clear(pods);
    await user.type(pods, '30000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(document.getElementById('sim-pods-error')?.textContent).toBe(
      "Pods: 30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)",
    );
    expect(document.activeElement).toBe(pods);
    expect(window.location.search).toBe('');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(api.bodies).toEqual([]);
  });

  it('refuses a scenario over the request body limit the server said, by its field, without a request', async () => {
    const api = fakeSimulateApi([{ stream: [{ event: 'report', data: modelRollout() }] }]);
    renderSimulate('/simulate');
    await waitFor(() =>
      expect(document.getElementById('sim-pods-hint')?.textContent).toContain('25,000'),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Scenario/ }));
    const scenario = screen.getByLabelText('Scenario (JSON or YAML)');
    // 1 MiB of text: with the JSON around it, the body is 15 bytes over the limit.
    fireEvent.change(scenario, { target: { value: `#${'x'.repeat(1024 * 1024 - 1)}` } });
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(document.getElementById('sim-scenario-error')?.textContent).toBe(
      "Scenario: makes a request of 1,025 KiB, over this server's limit of 1 MiB per request body",
    );
    expect(scenario.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(scenario);
    expect(window.location.search).toBe('');
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(api.bodies).toEqual([]);
  });

  it('says a refused run’s error of a field another source hides by the Run button', async () => {
    fakeSimulateApi([overTheLimit()], [], null);
    renderSimulate('/simulate');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    await user.clear(screen.getByLabelText('Pods'));
    await user.type(screen.getByLabelText('Pods'), '30000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    const status = await screen.findByTestId('simulation-error');
    expect(status.textContent).toBe(
      'Run A was not run: the server refused these settings; the form above says why.',
    );
    await user.click(screen.getByRole('radio', { name: /^Scenario/ }));
    // The Pods field is gone with the quick form: its error is said where the form still shows.
    expect(screen.queryByLabelText('Pods')).toBeNull();
    expect(document.getElementById('sim-form-error')?.textContent).toBe(
      "Pods, in the quick form: 30000 Pods at peak, over this server's limit of 25000",
    );
    expect([...document.querySelectorAll('.sim-error')]).toHaveLength(1);
    // Back to the quick form: the error is by its field again.
    await user.click(screen.getByRole('radio', { name: /^Quick form/ }));
    expect(document.getElementById('sim-pods-error')?.textContent).toBe(
      "Pods: 30000 Pods at peak, over this server's limit of 25000",
    );
    expect(document.getElementById('sim-form-error')).toBeNull();
  });

  it('keeps the keyboard on what started a run: the field where Enter was pressed, or Run', async () => {
    fakeSimulateApi([
      { stream: [{ event: 'report', data: modelRollout() }] },
      { stream: [{ event: 'report', data: kepRollout() }] },
    ]);
    renderSimulate('/simulate');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    const pods = screen.getByLabelText('Pods');
    await user.clear(pods);
    await user.type(pods, '60{Enter}');
    await screen.findByTestId('report-A');
    expect(search().get('pods')).toBe('60');
    expect(document.activeElement).toBe(screen.getByLabelText('Pods'));

    await user.clear(screen.getByLabelText('Pods'));
    await user.type(screen.getByLabelText('Pods'), '61');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() => expect(search().get('pods')).toBe('61'));
    await screen.findByTestId('report-A');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Run simulation' }));
  });

  it('keeps what was typed in the fields a run does not use, for switching back to them', async () => {
    const api = fakeSimulateApi([{ stream: [{ event: 'report', data: modelRollout() }] }]);
    renderSimulate('/simulate');
    const user = userEvent.setup();
    const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    await user.selectOptions(screen.getByLabelText('Preset'), 'blog-2020');
    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await screen.findByTestId('report-A');
    // The link is the run's: model mode, without the paper constants it did not use.
    expect(search().get('mode')).toBeNull();
    expect(search().get('paperBytesPerEndpoint')).toBeNull();
    await user.click(screen.getByRole('radio', { name: /^Paper/ }));
    expect(valueOf('Bytes per endpoint (C)')).toBe('300');
    expect(valueOf('Smallest object (M)')).toBe('0');

    await user.selectOptions(screen.getByLabelText('Preset'), 'service-what-if');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() => expect(search().get('service')).not.toBeNull());
    expect(search().get('pods')).toBeNull();
    await user.click(screen.getByRole('radio', { name: /^Quick form/ }));
    expect(valueOf('Pods')).toBe('5000');
    expect(valueOf('Nodes')).toBe('3000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() => expect(api.bodies).toHaveLength(3));
    expect(api.bodies[2]).toMatchObject({ quick: { pods: 5000, nodes: 3000 } });
  });

  it('says a run stopped by the server’s time budget ran, and what to do instead', async () => {
    const budget = {
      error: {
        code: 'too-costly',
        message:
          "body.quick: the simulation ran over this server's budget of 30 s; simulate fewer Pods or a shorter scenario",
        field: 'body.quick',
      },
    };
    fakeSimulateApi([{ stream: [progress(11), { event: 'error', data: budget }] }]);
    renderSimulate('/simulate?pods=20000&nodes=5000&operation=rollout');
    const status = await screen.findByTestId('simulation-error');
    expect(status.textContent).toBe(
      "Run A ran and was stopped by the server: the simulation ran over this server's budget of 30 s; simulate fewer Pods or a shorter scenario. The command line, slicescope simulate, runs it with no time budget and the memory --heap-mib gives it.",
    );
    // Nothing in the form is wrong.
    expect(document.querySelector('.sim-error')).toBeNull();
    expect(within(status).queryByRole('button')).toBeNull();
  });

  it('opens with the default preset chosen, as the form holds its values', () => {
    fakeSimulateApi([]);
    renderSimulate('/simulate');
    expect((screen.getByLabelText('Preset') as HTMLSelectElement).value).toBe('kep-0752-case-1');
    expect((screen.getByLabelText('Pods') as HTMLInputElement).value).toBe('20000');
    expect(document.getElementById('sim-preset-hint')?.textContent).toMatch(
      /^The KEP's estimation/,
    );
    // The operation's select names it; what it does is said under it, whole.
    const operation = screen.getByLabelText('Operation') as HTMLSelectElement;
    expect([...operation.options].map((option) => option.text)).toEqual([
      'create',
      'update-one',
      'rollout',
    ]);
    expect(document.getElementById('sim-operation-hint')?.textContent).toBe(
      'every Pod is replaced (maxSurge and maxUnavailable 25%)',
    );
    fireEvent.change(operation, { target: { value: 'update-one' } });
    expect(document.getElementById('sim-operation-hint')?.textContent).toBe(
      'one endpoint changes (a Pod fails its readiness probe)',
    );
  });

  it("states this server's limits by the Pods field and in the Limits box", async () => {
    fakeSimulateApi([], [], { ...DEFAULT_LIMITS, maxPods: 8_000, budgetSeconds: 90, heapMib: 480 });
    renderSimulate('/simulate');
    await waitFor(() =>
      expect(document.getElementById('sim-pods-hint')?.textContent).toBe(
        '0–150,000; model mode: at most 8,000 on this server, 200 per Node',
      ),
    );
    const limits = screen.getByRole('table', { name: 'Limits of the simulator' });
    expect(within(limits).getByRole('row', { name: /^This server/ }).textContent).toContain(
      'a request body of 1 MiB, 8,000 Pods per engine run, 1 min 30 s and 480 MiB of memory per run',
    );
  });

  it('states the default limits when the server does not say its own', async () => {
    fakeSimulateApi([], [], null);
    renderSimulate('/simulate');
    // Asked, answered 404, and that answer taken in before looking.
    const asked = () =>
      vi.mocked(fetch).mock.calls.some(([input]) => String(input).endsWith('/simulate/limits'));
    await waitFor(() => expect(asked()).toBe(true));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(document.getElementById('sim-pods-hint')?.textContent).toBe(
      '0–150,000; model mode: at most 200 per Node',
    );
    const limits = screen.getByRole('table', { name: 'Limits of the simulator' });
    expect(within(limits).getByRole('row', { name: /^This server/ }).textContent).toContain(
      '25,000 Pods per engine run and 30 s per run by default',
    );
  });

  it('keeps the report it has while the next run is refused, and says whose report it is', async () => {
    const api = fakeSimulateApi(
      [
        { stream: [{ event: 'report', data: kepRollout() }] },
        overTheLimit(),
        { stream: [{ event: 'report', data: kepRollout() }] },
      ],
      [],
      null,
    );
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    const user = userEvent.setup();
    const pods = screen.getByLabelText('Pods');
    await user.clear(pods);
    await user.type(pods, '30000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() => expect(api.bodies).toHaveLength(2));
    const kept = await screen.findByTestId('report-A-previous');
    expect(document.getElementById('sim-pods-error')?.textContent).toBe(
      "Pods: 30000 Pods at peak, over this server's limit of 25000",
    );
    expect(screen.queryByTestId('report-A')).toBeNull();
    expect(within(kept).getByRole('heading', { level: 2 }).textContent).toBe(
      'Run A (the previous run): 20,000 Pods on 5,000 Nodes in 3 zones: rollout',
    );
    expect(within(kept).getByTestId('ratio-bytes').textContent).toBe('200×');
    expect(screen.getByTestId('simulation-error').textContent).toBe(
      'Run A was not run: the server refused these settings; the form above says why. The report below is of the previous run.',
    );
    // Back to the settings that ran: they run again and are run A again.
    act(() => window.history.back());
    await screen.findByTestId('report-A');
    expect(screen.queryByTestId('report-A-previous')).toBeNull();
  });

  it('shows the progress of a run and cancels it', async () => {
    const api = fakeSimulateApi([
      { stream: [progress(11)], hold: true },
      { stream: [{ event: 'report', data: modelRollout() }] },
    ]);
    renderSimulate('/simulate?pods=60&nodes=6&zones=3&operation=rollout');
    const status = await screen.findByTestId('simulation-progress');
    await waitFor(() =>
      expect(status.textContent).toContain(
        '11 s simulated (the run ends once the cluster is quiet, at 10 min 10 s at the latest)',
      ),
    );
    expect(within(status).getByRole('progressbar')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(status).getByRole('button', { name: 'Cancel' }));
    await screen.findByText(/Run A: cancelled/);
    expect(api.signals[0]?.aborted).toBe(true);
    // The keyboard stays in the status, on what follows Cancel.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Run again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Run again' }));
    await screen.findByTestId('report-A');
    expect(api.bodies).toHaveLength(2);
  });

  it('keeps a run as B, compares the next run with it, and drops it again', async () => {
    fakeSimulateApi([
      { stream: [{ event: 'report', data: kepRollout() }] },
      { stream: [{ event: 'report', data: modelRollout() }] },
    ]);
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    fireEvent.click(screen.getByRole('button', { name: 'Keep as B to compare' }));
    expect(search().get('b.pods')).toBe('20000');
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /^Model/ }));
    for (const [label, value] of [
      ['Pods', '60'],
      ['Nodes', '6'],
    ] as const) {
      await user.clear(screen.getByLabelText(label));
      await user.type(screen.getByLabelText(label), value);
    }
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() =>
      expect(total('writes', 'endpoints')).toBe(String(modelRollout().totals.endpoints.writes)),
    );
    expect(search().get('pods')).toBe('60');
    expect(search().get('b.pods')).toBe('20000');
    expect(total('bytes', 'endpoints', 'B')).toBe('200 TB');
    const comparison = screen.getByRole('region', { name: 'A vs B' });
    expect(within(comparison).getByTestId('compare-writes-endpoints').textContent).toContain(
      '20,000',
    );
    // Wider tables than a phone's screen scroll in their own box, which the keyboard reaches.
    const tables = [
      screen.getByRole('table', { name: /^Run A: totals/ }),
      screen.getByRole('table', { name: /^Run B: totals/ }),
      within(comparison).getByRole('table'),
    ];
    for (const table of tables) {
      const box = table.closest('[role="region"]');
      expect(box?.getAttribute('aria-label')).toBeTruthy();
      expect(box?.getAttribute('tabindex')).toBe('0');
      expect(box?.className).toContain('sim-scroll');
    }
    fireEvent.click(screen.getByRole('button', { name: 'Remove B' }));
    expect(search().get('b.pods')).toBeNull();
    expect(screen.queryByTestId('report-B')).toBeNull();
  });

  it('says why run B was refused itself (the form holds run A only), and keeps no copy of B', async () => {
    // A server that does not say its limits: run B is sent, and the api refuses it.
    fakeSimulateApi(
      [{ stream: [{ event: 'report', data: kepRollout() }] }, overTheLimit()],
      [],
      null,
    );
    renderSimulate(`${KEP_URL}&b.pods=30000&b.nodes=5000&b.operation=rollout`);
    await screen.findByTestId('report-A');
    const refusal = await screen.findByText(/^Run B was not run:/);
    expect(refusal.textContent).toBe(
      "Run B was not run: body.quick.pods: 30000 Pods at peak, over this server's limit of 25000 (body.quick.pods).",
    );
    expect(document.getElementById('sim-pods-error')).toBeNull();
  });

  it('shows no earlier report as run A’s when it is run B’s, or when no run is asked', async () => {
    fakeSimulateApi(
      [
        { stream: [{ event: 'report', data: kepRollout() }] },
        apiError(413, 'too-large', 'body.quick.pods: over the limit', 'body.quick.pods'),
      ],
      [],
      null,
    );
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    fireEvent.click(screen.getByRole('button', { name: 'Keep as B to compare' }));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Pods'));
    await user.type(screen.getByLabelText('Pods'), '30000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await screen.findByText(/^Run A was not run:/);
    expect(screen.getByTestId('report-B')).toBeTruthy();
    expect(screen.queryByTestId('report-A-previous')).toBeNull();
    // The page without a run (its link in the navigation) starts empty.
    act(() => navigate({ page: 'simulate' }));
    await screen.findByText(/^Choose a preset or fill in the form/);
    expect(screen.queryByTestId('report-A-previous')).toBeNull();
  });

  it('imports a live Service into the form, from its link or the picker', async () => {
    fakeSimulateApi([]);
    const state = streamState({
      services: [
        serviceSummary('shop', 'web', { endpoints: 150 }),
        serviceSummary('shop', 'cart', { endpoints: 12 }),
      ],
      nodes: ['a', 'b'].flatMap((zone) =>
        [1, 2].map((n) => nodeSummary(`${zone}-${n}`, `zone-${zone}`)),
      ),
    });
    renderSimulate('/simulate?from=shop/web', state);
    const shortcut = (await screen.findByLabelText(
      'Service shortcut (JSON)',
    )) as HTMLTextAreaElement;
    expect(JSON.parse(shortcut.value)).toMatchObject({ pods: 150, nodes: 4, zones: 2 });
    expect(screen.getByRole('status').textContent).toContain('Imported the live Service');

    fireEvent.change(screen.getByLabelText('Live Service'), { target: { value: 'shop/cart' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import as a scenario' }));
    expect(JSON.parse(shortcut.value)).toMatchObject({ name: 'cart', pods: 12 });
  });

  it('names the exports of two runs of the same form apart, by when each started', async () => {
    fakeSimulateApi([{ stream: [{ event: 'report', data: kepRollout() }] }]);
    const names: string[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(class extends URL {}, {
        createObjectURL: () => 'blob:report',
        revokeObjectURL: () => undefined,
      }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    onTestFinished(() => click.mockRestore());
    // Only the clock, set as each run starts.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(Date.UTC(2026, 10, 5, 10, 11, 12));
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON of Run A' }));
    vi.setSystemTime(Date.UTC(2026, 10, 5, 10, 20, 0));
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Pods'));
    await user.type(screen.getByLabelText('Pods'), '10000');
    await user.click(screen.getByRole('button', { name: 'Run simulation' }));
    await waitFor(() => expect(search().get('pods')).toBe('10000'));
    await screen.findByTestId('report-A');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON of Run A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV of Run A' }));
    expect(names).toEqual([
      'simulation-A-quick-rollout-paper-20261105T101112Z.json',
      'simulation-A-quick-rollout-paper-20261105T102000Z.json',
      'simulation-A-quick-rollout-paper-20261105T102000Z.csv',
    ]);
  });

  it('exports the report as JSON and CSV, and says when a PNG cannot be drawn', async () => {
    fakeSimulateApi([{ stream: [{ event: 'report', data: kepRollout() }] }]);
    const saved: Blob[] = [];
    // jsdom has no object URLs: download() gets these, and the test the blobs.
    vi.stubGlobal(
      'URL',
      Object.assign(class extends URL {}, {
        createObjectURL: (blob: Blob) => {
          saved.push(blob);
          return 'blob:report';
        },
        revokeObjectURL: () => undefined,
      }),
    );
    renderSimulate(KEP_URL);
    await screen.findByTestId('report-A');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON of Run A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV of Run A' }));
    expect(JSON.parse(await saved[0]!.text())).toEqual(kepRollout());
    expect((await saved[1]!.text()).split('\r\n')[0]).toMatch(/^t,steps,watchers,/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export PNG of API writes per step' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Export failed');
  });
});
