import type { Logger } from 'pino';
import type { WatchedCluster } from '../live/watchedCluster.ts';
import type { Simulator } from '../simulate/simulator.ts';
import type { StreamHub } from '../stream/streamHub.ts';
import type { AuthProxyConfig } from './authProxy.ts';
import type { ApiMetrics } from './metrics.ts';

export interface AppConfig {
  /** Where the app is mounted, e.g. '/slicescope' behind an ingress; '' at the root. */
  basePath: string;
  /** When set, every request but /healthz and /readyz needs it (bearer or session cookie). */
  token?: string | undefined;
  /**
   * When set, api and metrics requests must come from the authenticating proxy and name their
   * user; with `token` too, either one suffices (auth.ts `requireAuth`).
   */
  authProxy?: AuthProxyConfig | undefined;
  /** The built web app (index.html and assets/), served when present. */
  webRoot?: string | undefined;
  /** The controller's --max-endpoints-per-slice the analyses assume (default 100). */
  maxEndpointsPerSlice: number;
  /** Largest POST /api/v1/simulate body, bytes. */
  maxSimulateBytes: number;
  /** Most Pods a simulated scenario may run. */
  maxSimulatePods: number;
  /** Most Services one stream may follow. */
  maxFollowedServices: number;
  /** When set, requests whose Host names another host are refused (DNS rebinding). */
  allowedHosts?: readonly string[] | undefined;
}

export interface AppDeps {
  cluster: WatchedCluster;
  hub: StreamHub;
  simulator: Simulator;
  metrics: ApiMetrics;
  logger: Logger;
  config: AppConfig;
  /** The analyses' now, ms since the epoch (terminating ages): the wall clock, or a dump's takenAt. */
  now: () => number;
}

export const DEFAULT_APP_CONFIG: AppConfig = {
  basePath: '',
  maxEndpointsPerSlice: 100,
  maxSimulateBytes: 1024 * 1024,
  maxSimulatePods: 25_000,
  maxFollowedServices: 8,
};
