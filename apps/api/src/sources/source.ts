import type { KubeConfig } from '@kubernetes/client-node';
import type { SourceInfo } from '@slicescope/contract';

/** Where the api reads a cluster from, and how to let go of it. */
export interface ClusterSource {
  /** What the dashboard says about the source (sliceApiVersion is filled in by discovery). */
  info: Omit<SourceInfo, 'sliceApiVersion' | 'namespaces' | 'pods'>;
  kubeConfig: KubeConfig;
  /** What the user should hear once when the source opens (a dump's left-out objects). */
  notes?: readonly string[];
  close(): Promise<void>;
}

/** A source that cannot start: the message names what is wrong (file, context, field). */
export class SourceError extends Error {
  override name = 'SourceError';
}
