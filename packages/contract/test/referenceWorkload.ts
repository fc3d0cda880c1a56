import type { Scenario, ScenarioService, WorkloadSpec, ZoneSpec } from '@slicescope/core';

/**
 * The reference workload at the scalability thresholds (spec scale-facts.md §2, clusterloader2
 * testing/load at 5,000 Nodes): 50 namespaces of 100 Nodes × 30 Pods; per namespace 2 big (250),
 * 23 medium (30) and 298 small (5) Deployments, 64 more small ones standing for the StatefulSets
 * and Jobs, and a Service for every other Deployment: 150,000 Pods, 8,100 Services.
 */
export function referenceWorkload(): Scenario {
  const zones: ZoneSpec[] = ['zone-a', 'zone-b', 'zone-c'].map((name, z) => ({
    name,
    nodes: z < 2 ? 1667 : 1666,
    cpu: '8',
  }));
  const workloads: WorkloadSpec[] = [];
  const services: ScenarioService[] = [];
  const groups = [
    { kind: 'big', count: 2, replicas: 250, services: 1 },
    { kind: 'medium', count: 23, replicas: 30, services: 12 },
    { kind: 'small', count: 298, replicas: 5, services: 149 },
    { kind: 'job', count: 64, replicas: 5, services: 0 },
  ];
  for (let n = 1; n <= 50; n++) {
    const namespace = `load-${n}`;
    for (const group of groups) {
      for (let i = 0; i < group.count; i++) {
        const name = `${group.kind}-deployment-${i}`;
        workloads.push({
          name,
          namespace,
          replicas: group.replicas,
          labels: { name },
          ports: [{ name: 'http', containerPort: 8080 }],
        });
        if (i < group.services) {
          services.push({
            name: `${group.kind}-service-${i}`,
            namespace,
            selector: { name },
            ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          });
        }
      }
    }
  }
  return {
    name: 'reference-workload',
    cluster: { zones, services, workloads },
    events: [
      { at: 60, type: 'rollout', namespace: 'load-1', workload: 'big-deployment-0' },
      { at: 120, type: 'nodeNotReady', node: 'zone-c-node-1666', forSeconds: 60 },
    ],
  };
}
