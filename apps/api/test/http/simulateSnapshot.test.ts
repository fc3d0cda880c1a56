import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { simulationReportSchema, simulationSnapshotSchema } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const test = createTestDeps({ config: { maxSimulatePods: 400 } });
const app = createApp(test.deps);
afterAll(() => test.close());

const SNAPSHOT = '/api/v1/simulate/snapshot';
const rollout = { quick: { pods: 120, nodes: 12, operation: 'rollout' }, seed: 3 };

const twoServices = {
  name: 'two',
  cluster: {
    zones: [{ name: 'zone-a', nodes: 2 }],
    workloads: [
      { name: 'big', replicas: 5, labels: { app: 'big' } },
      { name: 'small', replicas: 2, labels: { app: 'small' } },
    ],
    services: [
      { name: 'small', selector: { app: 'small' }, ports: [{ port: 80 }] },
      { name: 'big', selector: { app: 'big' }, ports: [{ port: 80 }] },
    ],
  },
};

describe('POST /api/v1/simulate/snapshot', () => {
  it('answers the cluster behind a point of the report: the slices it counted, every Node', async () => {
    const report = simulationReportSchema.parse(
      (await request(app).post('/api/v1/simulate').send(rollout).expect(200)).body,
    );
    const point = report.series[Math.floor(report.series.length / 2)]!;
    const response = await request(app)
      .post(SNAPSHOT)
      .send({ ...rollout, snapshot: { atSeconds: point.t } })
      .expect(200);
    const snapshot = simulationSnapshotSchema.parse(response.body);
    expect(snapshot.t).toBe(point.t);
    expect(snapshot.service).toMatchObject({ namespace: 'default', name: 'web', selector: true });
    expect(snapshot.slices).toHaveLength(point.state.slices);
    const endpoints = snapshot.slices.flatMap((slice) => slice.endpoints);
    expect(endpoints).toHaveLength(point.state.endpoints);
    expect(endpoints.filter((e) => e.ready)).toHaveLength(point.state.byCondition.ready);
    expect(snapshot.service?.endpoints).toBe(point.state.endpoints);
    expect(snapshot.nodes).toHaveLength(12);
    const perNode = snapshot.nodes.reduce((sum, node) => sum + node.endpoints, 0);
    expect(perNode).toBe(point.state.endpoints);
    expect(snapshot.services).toEqual([
      {
        namespace: 'default',
        name: 'web',
        endpoints: point.state.endpoints,
        slices: point.state.slices,
      },
    ]);
  });

  it('draws the Service with the most endpoints unless one is named', async () => {
    const first = simulationSnapshotSchema.parse(
      (
        await request(app)
          .post(SNAPSHOT)
          .send({ scenario: twoServices, snapshot: { atSeconds: 0 } })
      ).body,
    );
    expect(first.service?.name).toBe('big');
    expect(first.services.map((s) => s.name)).toEqual(['big', 'small']);
    const small = await request(app)
      .post(SNAPSHOT)
      .send({
        scenario: twoServices,
        snapshot: { atSeconds: 0, namespace: 'default', name: 'small' },
      })
      .expect(200);
    expect(simulationSnapshotSchema.parse(small.body).slices[0]?.endpoints).toHaveLength(2);
  });

  it('answers 404 naming the field for a Service the simulated cluster does not have', async () => {
    const response = await request(app)
      .post(SNAPSHOT)
      .send({
        scenario: twoServices,
        snapshot: { atSeconds: 0, namespace: 'default', name: 'web' },
      });
    expectApiError(response, 404, {
      code: 'not-found',
      field: 'body.snapshot.name',
      message: /no Service default\/web/,
    });
  });

  it.each([
    [{ ...rollout }, 'body.snapshot', /required/],
    [{ ...rollout, snapshot: { atSeconds: -1 } }, 'body.snapshot.atSeconds', /./],
    [
      { ...rollout, snapshot: { atSeconds: 1, namespace: 'default' } },
      'body.snapshot.name',
      /both/,
    ],
    [{ ...rollout, snapshot: { atSeconds: 1, name: 'Web!' } }, 'body.snapshot.name', /./],
    [{ ...rollout, snapshot: { atSeconds: 1, at: 2 } }, 'body.snapshot.at', /./],
    [
      {
        quick: { pods: 300, nodes: 1, operation: 'create' },
        options: { mode: 'paper' },
        snapshot: { atSeconds: 1 },
      },
      'body.quick.pods',
      // It is paper mode already: only more Nodes help.
      /per Node, the most the engine places \(.*\); add Nodes$/,
    ],
  ])('answers 400 naming the field for a bad target: %j', async (body, field, message) => {
    const response = await request(app).post(SNAPSHOT).send(body);
    expectApiError(response, 400, { field, message });
  });

  it("replays the quick form on the engine even in paper mode, so the server's Pod limit holds", async () => {
    const response = await request(app)
      .post(SNAPSHOT)
      .send({
        quick: { pods: 500, nodes: 10, operation: 'rollout' },
        options: { mode: 'paper' },
        snapshot: { atSeconds: 1 },
      });
    expectApiError(response, 413, { code: 'too-large', field: 'body.quick.pods' });
  });
});
