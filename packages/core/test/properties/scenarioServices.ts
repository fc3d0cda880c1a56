import type { Scenario } from '../../src/index.ts';

/**
 * Services of the engine's property scenarios, one of each kind the controllers treat apart:
 * topology-mode Auto hints, trafficDistribution, and a dual-stack headless Service without ports.
 */
export const VARIED_SERVICES: NonNullable<Scenario['cluster']['services']> = [
  {
    name: 'web',
    selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    annotations: { 'service.kubernetes.io/topology-mode': 'Auto' },
  },
  {
    name: 'api',
    selector: { app: 'api' },
    ports: [{ port: 443, targetPort: 8443 }],
    trafficDistribution: 'PreferClose',
  },
  { name: 'db', selector: { app: 'db' }, clusterIP: 'None', ipFamilies: ['IPv4', 'IPv6'] },
];
