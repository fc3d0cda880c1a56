import type { Scenario } from '@slicescope/core';

/** A small valid scenario to break in tests: two zones of two Nodes, one Service, one rollout. */
export function baseScenario(): Scenario {
  return {
    name: 'test',
    cluster: {
      zones: [
        { name: 'zone-a', nodes: 2 },
        { name: 'zone-b', nodes: 2 },
      ],
      workloads: [
        {
          name: 'web',
          replicas: 3,
          labels: { app: 'web' },
          ports: [{ name: 'http', containerPort: 8080 }],
        },
      ],
      services: [
        {
          name: 'web',
          selector: { app: 'web' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      ],
    },
    events: [{ at: 10, type: 'rollout', workload: 'web' }],
  };
}

/**
 * Scenario data with any shape: the tests set fields to wrong types and unknown names on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Loose = Record<string, any>;

/** A deep copy as plain JSON data, free to be broken in any way. */
export function mutable(scenario: Scenario = baseScenario()): Loose {
  return JSON.parse(JSON.stringify(scenario)) as Loose;
}
