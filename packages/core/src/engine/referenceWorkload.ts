import type { Scenario, ScenarioEvent, ServiceSpec, WorkloadSpec, ZoneSpec } from './scenario.ts';

/**
 * The reference workload of the scalability thresholds (spec scale-facts.md §2, after
 * kubernetes/perf-tests clusterloader2 testing/load): per 100 Nodes one namespace with 30 Pods
 * per Node, a quarter of the Pods in "big" Deployments of 250, a quarter in "medium" ones of
 * 30, half in "small" ones of 5, and a Service for every other Deployment. At 5,000 Nodes:
 * 50 namespaces, 150,000 Pods, 8,100 Services (1 big, 12 medium, 149 small per namespace).
 */
export function referenceWorkloadScenario(
  options: {
    nodes?: number;
    zones?: number;
    /**
     * One rollout wave at this second: every Deployment behind a Service rolls out at once, as
     * clusterloader2's rolling-update phase does (the cluster envelope of the simulator's bench).
     */
    rolloutWaveAt?: number;
    /** The scenario's events (the wave) repeat with this period, in seconds. */
    repeatEverySeconds?: number;
  } = {},
): Scenario {
  const nodes = options.nodes ?? 5_000;
  const zoneCount = options.zones ?? 3;
  const namespaces = Math.max(1, Math.round(nodes / 100));
  const zones: ZoneSpec[] = Array.from({ length: zoneCount }, (_, z) => ({
    name: `zone-${String.fromCharCode(97 + z)}`,
    nodes: Math.floor(nodes / zoneCount) + (z < nodes % zoneCount ? 1 : 0),
    cpu: '8',
    maxPods: 110,
  }));
  const workloads: WorkloadSpec[] = [];
  const services: ServiceSpec[] = [];
  const events: ScenarioEvent[] = [];
  // Per namespace of 3,000 Pods: 2 big (500), 23 medium (690) and 298 small (1,490) Deployments;
  // the remaining 320 Pods stand for clusterloader2's StatefulSets and Jobs, without Services.
  const groups = [
    { kind: 'big', count: 2, replicas: 250, services: 1 },
    { kind: 'medium', count: 23, replicas: 30, services: 12 },
    { kind: 'small', count: 298, replicas: 5, services: 149 },
    { kind: 'job', count: 64, replicas: 5, services: 0 },
  ];
  for (let n = 0; n < namespaces; n++) {
    const namespace = `load-${n + 1}`;
    for (const group of groups) {
      for (let i = 0; i < group.count; i++) {
        const name = `${group.kind}-deployment-${i}`;
        workloads.push({
          name,
          namespace,
          replicas: group.replicas,
          labels: { name },
          ports: [{ name: 'http', containerPort: 8080 }],
          startSeconds: 5,
          terminationGracePeriodSeconds: 30,
        });
        if (i < group.services) {
          if (options.rolloutWaveAt !== undefined)
            events.push({ at: options.rolloutWaveAt, type: 'rollout', workload: name, namespace });
          services.push({
            name: `${group.kind}-service-${i}`,
            namespace,
            selector: { name },
            ports: [{ name: 'http', port: 80, targetPort: 8080 }],
          });
        }
      }
    }
  }
  const { repeatEverySeconds } = options;
  const every = repeatEverySeconds === undefined ? '' : `, and every ${repeatEverySeconds} s after`;
  const wave =
    options.rolloutWaveAt === undefined
      ? ''
      : `; the ${events.length} Deployments behind them roll out at ${options.rolloutWaveAt} s${every}`;
  return {
    name: 'reference-workload',
    description: `clusterloader2's load test at ${nodes} Nodes: ${namespaces} namespaces, ${services.length} Services${wave}`,
    cluster: { zones, services, workloads },
    ...(events.length > 0 && { events }),
    ...(repeatEverySeconds !== undefined && { repeatEverySeconds }),
  };
}
