import type { SimulationSnapshotView } from '@slicescope/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUSY_WAIT_MS } from '../../src/simulate/runner.ts';
import { endpoint, nodeSummary, serviceSummary, sliceOf } from '../support/render.tsx';
import { fakeSimulateApi } from './fakeApi.ts';
import { renderSimulate } from './harness.tsx';
import { kepRollout, modelRollout } from './reports.ts';

const QUICK_URL = '/simulate?src=quick&pods=60&nodes=6&zones=3&op=rollout&mode=model';
const QUICK = { pods: 60, nodes: 6, zones: 3, operation: 'rollout' };

/** The cluster at `t`: `web` with `count` endpoints over two zones, and `db` beside it. */
function snapshotAt(t: number, count: number, name = 'web'): SimulationSnapshotView {
  const endpoints = Array.from({ length: count }, (_, i) =>
    endpoint(`10.0.${i % 2}.${i + 1}`, {
      nodeName: `node-${i % 2}`,
      zone: i % 2 ? 'zone-b' : 'zone-a',
      ready: i !== 0,
    }),
  );
  return {
    t,
    services: [
      { namespace: 'default', name, endpoints: count, slices: 1 },
      { namespace: 'default', name: name === 'web' ? 'db' : 'web', endpoints: 1, slices: 1 },
    ],
    serviceCount: 2,
    service: serviceSummary('default', name, { endpoints: count, slices: 1 }),
    slices: [sliceOf('default', name, `${name}-abcde`, endpoints)],
    nodes: [nodeSummary('node-0', 'zone-a', { endpoints: count }), nodeSummary('node-1', 'zone-b')],
  };
}

const busy = {
  status: 429,
  json: { error: { code: 'busy', message: 'another simulation is running' } },
};

afterEach(() => vi.useRealTimers());

describe('the topology of any step of a run', () => {
  it('replays the run to the selected step, draws it, and follows the step slider', async () => {
    const report = modelRollout();
    const last = report.series.at(-1)!;
    const first = report.series[0]!;
    const api = fakeSimulateApi(
      [{ stream: [{ event: 'report', data: report }] }],
      [
        { status: 200, json: snapshotAt(last.t, 6) },
        { status: 200, json: snapshotAt(first.t, 4) },
      ],
    );
    renderSimulate(QUICK_URL);
    const user = userEvent.setup();
    const draw = await screen.findByRole('button', { name: 'Draw topology at this step' });
    expect(api.snapshotBodies).toEqual([]);
    await user.click(draw);

    const figure = await screen.findByTestId('topology');
    expect(figure.dataset.endpoints).toBe('6');
    expect(figure.dataset.zones).toBe('2');
    // The run's own request, and the point: the api replays exactly the run reported.
    expect(api.bodies[0]).toMatchObject({ quick: QUICK });
    expect(api.snapshotBodies).toEqual([
      { ...(api.bodies[0] as object), snapshot: { atSeconds: last.t } },
    ]);
    expect(screen.getByTestId('step-topology-state').textContent).toContain('default/web at');

    fireEvent.change(screen.getByLabelText('Step'), { target: { value: '0' } });
    await waitFor(() => expect(screen.getByTestId('topology').dataset.endpoints).toBe('4'));
    expect(api.snapshotBodies.at(-1)).toMatchObject({ snapshot: { atSeconds: first.t } });
  });

  it('says that a paper run of the quick form is drawn once its operation is done', async () => {
    const report = kepRollout();
    fakeSimulateApi(
      [{ stream: [{ event: 'report', data: report }] }],
      [{ status: 200, json: snapshotAt(74, 6) }],
    );
    renderSimulate('/simulate?src=quick&pods=20000&nodes=5000&op=rollout&mode=paper');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Draw topology at this step' }));
    await screen.findByTestId('topology');
    expect(screen.getByTestId('step-topology-paper').textContent).toContain(
      'this is the cluster once it is done, at 1 min 14 s.',
    );
  });

  it('draws a model run without that note', async () => {
    fakeSimulateApi(
      [{ stream: [{ event: 'report', data: modelRollout() }] }],
      [{ status: 200, json: snapshotAt(74, 6) }],
    );
    renderSimulate(QUICK_URL);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Draw topology at this step' }));
    await screen.findByTestId('topology');
    expect(screen.queryByTestId('step-topology-paper')).toBeNull();
  });

  it('offers to try again only where trying again can help, and says a limit in words', async () => {
    const failing = {
      status: 500,
      json: { error: { code: 'internal', message: 'the simulation failed' } },
    };
    const tooLarge = {
      status: 413,
      json: {
        error: {
          code: 'too-large',
          message: "body.quick.pods: 60 Pods at peak, over this server's limit of 50",
          field: 'body.quick.pods',
        },
      },
    };
    const api = fakeSimulateApi(
      [{ stream: [{ event: 'report', data: modelRollout() }] }],
      [failing, tooLarge],
    );
    renderSimulate(QUICK_URL);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Draw topology at this step' }));
    const failed = await screen.findByRole('alert');
    expect(failed.textContent).toContain('the simulation failed');
    await user.click(within(failed).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.snapshotBodies).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        "Could not load the cluster at this step: the server cannot replay this run to draw it (60 Pods at peak, over this server's limit of 50)",
      ),
    );
    expect(within(screen.getByRole('alert')).queryByRole('button')).toBeNull();
  });

  it('draws another Service on request, tries again while the api is busy, and names a missing Service', async () => {
    const report = modelRollout();
    const t = report.series.at(-1)!.t;
    const missing = {
      status: 404,
      json: {
        error: {
          code: 'not-found',
          message: `body.snapshot.name: the simulated cluster has no Service default/db at ${t} s`,
          field: 'body.snapshot.name',
        },
      },
    };
    const api = fakeSimulateApi(
      [{ stream: [{ event: 'report', data: report }] }],
      [
        busy,
        { status: 200, json: snapshotAt(t, 6) },
        { status: 200, json: snapshotAt(t, 1, 'db') },
        missing,
      ],
    );
    renderSimulate(QUICK_URL);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Draw topology at this step' }));
    // The first answer is busy: the page waits and asks again.
    await waitFor(() => expect(screen.getByTestId('topology').dataset.endpoints).toBe('6'), {
      timeout: BUSY_WAIT_MS + 2_000,
    });
    expect(api.snapshotBodies).toHaveLength(2);

    const picker = screen.getByLabelText('Service drawn');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['default/web (6 endpoints)', 'default/db (1 endpoints)']);
    await user.selectOptions(picker, 'default/db');
    await waitFor(() => expect(screen.getByTestId('topology').dataset.endpoints).toBe('1'));
    expect(api.snapshotBodies.at(-1)).toMatchObject({
      snapshot: { atSeconds: t, namespace: 'default', name: 'db' },
    });

    // Another step where that Service does not exist: the api's message, and the way back.
    fireEvent.change(screen.getByLabelText('Step'), { target: { value: '0' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('has no Service default/db');
    expect(api.snapshotBodies.at(-1)).toMatchObject({ snapshot: { name: 'db' } });
    expect(
      screen.getByRole('button', { name: 'Draw the Service with the most endpoints' }),
    ).toBeTruthy();
  });
});
