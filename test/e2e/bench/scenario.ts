import type { Scenario } from '@slicescope/core';

export interface BigServiceInputs {
  endpoints: number;
  nodes: number;
  zones: number;
}

export const BENCH_SERVICE = { namespace: 'bench', name: 'big' } as const;

/**
 * One Service of `endpoints` Pods on `nodes` Nodes spread evenly over `zones` zones, at rest: the
 * benchmark causes the changes it streams itself (readiness flaps) when it measures them.
 */
export function bigServiceScenario(inputs: BigServiceInputs): Scenario {
  const perZone = Math.ceil(inputs.nodes / inputs.zones);
  return {
    name: 'browser-bench',
    description: `${inputs.endpoints} endpoints on ${inputs.nodes} Nodes in ${inputs.zones} zones`,
    cluster: {
      zones: Array.from({ length: inputs.zones }, (_, index) => ({
        name: `zone-${String.fromCharCode(97 + index)}`,
        nodes: Math.min(perZone, inputs.nodes - index * perZone),
        cpu: '16',
        maxPods: 250,
      })),
      workloads: [
        {
          name: BENCH_SERVICE.name,
          namespace: BENCH_SERVICE.namespace,
          replicas: inputs.endpoints,
          labels: { app: 'big' },
          ports: [{ name: 'http', containerPort: 8080 }],
        },
      ],
      services: [
        {
          name: BENCH_SERVICE.name,
          namespace: BENCH_SERVICE.namespace,
          selector: { app: 'big' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      ],
    },
  };
}
