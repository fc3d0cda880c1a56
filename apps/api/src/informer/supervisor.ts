import { createInformer, type Informer } from './informer.ts';
import type { InformerOptions } from './options.ts';
import type { InformerSink, InformerStatus, InformerTarget } from './types.ts';

export interface InformerGroupOptions extends Omit<InformerOptions, 'target' | 'sink'> {
  /** The sink of each target (the model gives one per kind and scope). */
  sinkFor: (target: InformerTarget) => InformerSink;
}

export interface InformerGroup {
  /** Starts every informer (each a no-op while already running). */
  start(): void;
  /** Stops every informer; resolves once none has a request in flight. */
  stop(): Promise<void>;
  /** One status per target, in the targets' order. */
  statuses(): InformerStatus[];
}

/**
 * One informer per target, each with its own loop, back-off and status: a kind that fails
 * (e.g. RBAC removed for endpointslices, R12) never holds up the others.
 */
export function createInformers(
  targets: readonly InformerTarget[],
  options: InformerGroupOptions,
): InformerGroup {
  const { sinkFor, ...shared } = options;
  const informers: Informer[] = targets.map((target) =>
    createInformer({ ...shared, target, sink: sinkFor(target) }),
  );
  return {
    start() {
      for (const informer of informers) informer.start();
    },
    async stop() {
      await Promise.all(informers.map((informer) => informer.stop()));
    },
    statuses: () => informers.map((informer) => informer.status()),
  };
}
