import type { NodeSummary, StreamState } from '@slicescope/contract';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useStreamState } from '../../stream/StreamProvider.tsx';
import { indexRects } from './hitTest.ts';
import { layoutInputOf, type TopologyModel } from './model.ts';
import { columnCounts } from './aggregates.ts';
import type { Scene } from './renderer.ts';
import { createLayoutRunner, type LayoutRunner } from './runLayout.ts';

const selectNodes = (state: StreamState) => state.nodes;

const signatureOf = (nodes: Readonly<Record<string, NodeSummary>>): string =>
  Object.values(nodes)
    .map((node) => `${node.name}|${node.zone ?? ''}|${node.ready}|${node.cpuMilli ?? ''}`)
    .join('\n');

/**
 * The stream's nodes, as the same object for as long as what the topology uses of them (name,
 * zone, readiness, CPU) is unchanged: their endpoint counts change with every endpoint anywhere.
 */
export function useTopologyNodes(): Readonly<Record<string, NodeSummary>> {
  const nodes = useStreamState(selectNodes);
  const kept = useRef<{ nodes: Readonly<Record<string, NodeSummary>>; signature: string }>(
    undefined,
  );
  if (kept.current?.nodes !== nodes) {
    const signature = signatureOf(nodes);
    if (kept.current?.signature !== signature) kept.current = { nodes, signature };
  }
  return kept.current?.nodes ?? nodes;
}

/** Rounds an aspect ratio to steps of a quarter octave, so small resizes keep the layout. */
export const aspectStep = (aspect: number): number =>
  2 ** (Math.round(Math.log2(Math.max(0.1, aspect)) * 4) / 4);

/**
 * The scene for a model: its layout (in a worker when large), hit-testing index and per-zone
 * counts. Until a new model's layout arrives the previous scene stays, so the view never blanks;
 * one layout runs at a time, and models that arrive meanwhile are skipped but for the latest.
 */
export function useScene(model: TopologyModel, aspect: number): Scene | undefined {
  const [scene, setScene] = useState<Scene>();
  const state = useRef<{
    runner: LayoutRunner | undefined;
    busy: boolean;
    wanted: { model: TopologyModel; aspect: number } | undefined;
  }>({ runner: undefined, busy: false, wanted: undefined });

  const pump = useCallback(() => {
    const current = state.current;
    const job = current.wanted;
    if (current.busy || !job || !current.runner) return;
    current.busy = true;
    current.wanted = undefined;
    const runner = current.runner;
    void runner.run(layoutInputOf(job.model, job.aspect)).then((layout) => {
      if (current.runner !== runner) return;
      current.busy = false;
      setScene({
        model: job.model,
        layout,
        index: indexRects(layout.boxes, layout.width, layout.height),
        columnCounts: columnCounts(job.model),
      });
      pump();
    });
  }, []);

  useLayoutEffect(() => {
    const current = state.current;
    current.runner = createLayoutRunner();
    pump();
    return () => {
      current.runner?.close();
      current.runner = undefined;
      current.busy = false;
    };
  }, [pump]);
  // In the commit, not after the browser paints: the layout (a worker's) starts a frame sooner.
  useLayoutEffect(() => {
    state.current.wanted = { model, aspect };
    pump();
  }, [model, aspect, pump]);
  return scene;
}
