import type { ObjectChange, Scenario } from '@slicescope/core';
import { settledCluster } from '../../../scripts/bench/settled.ts';

/**
 * The bench's cluster, built by core's engine (settled: every Pod bound, running and ready, every
 * slice written by the real controller), so the api reads the objects a real cluster serves:
 * Pods with owners, containers and conditions; slices of 100 endpoints with zone, node and
 * targetRef; Nodes; Services; and the legacy Endpoints (truncated at 1,000 addresses).
 *
 * `endpoints` endpoints in Services of 1,000 (10 slices of 100, in namespaces team-0 … team-9),
 * plus, from 20,000 endpoints up, one Service `big/big` of 10,000 (100 slices); one Pod per
 * endpoint; one Node per 30 Pods over 3 zones.
 */
export interface BenchWorld {
  endpoints: number;
  services: number;
  nodes: number;
  /** The changes that create the world, numbered 1 … n by the engine. */
  changes: ObjectChange[];
  buildMs: number;
}

export const BIG_SERVICE = 'big/big';
/** A 1,000-endpoint Service (10 slices): below the stream's "huge" threshold of 5,000. */
export const FOLLOWED_SERVICE = 'team-0/svc-0';
export const PER_SERVICE = 1_000;
export const BIG_ENDPOINTS = 10_000;

export function worldScenario(endpoints: number): Scenario {
  const services: NonNullable<Scenario['cluster']['services']> = [];
  const workloads: NonNullable<Scenario['cluster']['workloads']> = [];
  const add = (namespace: string, name: string, replicas: number): void => {
    workloads.push({
      name,
      namespace,
      replicas,
      labels: { app: name },
      ports: [{ name: 'http', containerPort: 8080 }],
      startSeconds: 5,
      terminationGracePeriodSeconds: 30,
    });
    services.push({
      name,
      namespace,
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    });
  };
  let left = endpoints;
  if (endpoints >= 2 * BIG_ENDPOINTS) {
    add('big', 'big', BIG_ENDPOINTS);
    left -= BIG_ENDPOINTS;
  }
  for (let i = 0; left > 0; i++) {
    add(`team-${i % 10}`, `svc-${i}`, Math.min(PER_SERVICE, left));
    left -= PER_SERVICE;
  }
  const nodes = Math.ceil(endpoints / 30);
  return {
    name: `bench-${endpoints}`,
    cluster: {
      zones: ['a', 'b', 'c'].map((zone, i) => ({
        name: `zone-${zone}`,
        nodes: Math.floor(nodes / 3) + (i < nodes % 3 ? 1 : 0),
        cpu: '8',
        maxPods: 110,
      })),
      services,
      workloads,
    },
  };
}

export function buildWorld(endpoints: number): BenchWorld {
  const scenario = worldScenario(endpoints);
  const { engine, changes, buildMs } = settledCluster(scenario);
  return {
    endpoints,
    services: scenario.cluster.services?.length ?? 0,
    nodes: engine.store.count('Node'),
    changes,
    buildMs,
  };
}
