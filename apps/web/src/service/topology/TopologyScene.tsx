import type {
  HintsExplanationView,
  NodeSummary,
  ServiceSummary,
  SliceView,
} from '@slicescope/contract';
import { useCallback, useMemo } from 'react';
import { useShortcut } from '../../ui/shortcuts.ts';
import { Empty } from '../../ui/StateMessage.tsx';
import { Legend } from './Legend.tsx';
import { buildModel } from './model.ts';
import { boxTotal } from './aggregates.ts';
import { NodePanel } from './NodePanel.tsx';
import { Pickers, type Choice } from './Pickers.tsx';
import { TopologyFigure } from './TopologyFigure.tsx';
import './topology.css';

export interface TopologySceneProps {
  service: ServiceSummary;
  /** The slices to draw: the present ones or those of a past point. */
  slices: SliceView[];
  selectedSlice?: string;
  onSelectSlice: (slice: string | undefined) => void;
  selectedNode?: string;
  onSelectNode: (node: string | undefined) => void;
}

interface SourceProps {
  /** The cluster's Nodes by name: where each endpoint's node is and its CPU. */
  nodes: Readonly<Record<string, NodeSummary>>;
  /** The hints analysis of these slices, when known; otherwise zone shares come from `nodes`. */
  hints: readonly HintsExplanationView[] | undefined;
  /** Whether the node panel can ask the api what kube-proxy on the node sees (live clusters). */
  proxyView: boolean;
}

function whyEmpty(service: ServiceSummary, slices: readonly SliceView[]): string {
  if (slices.length === 0) {
    return service.selector
      ? 'No EndpointSlice exists for it: no Pod matches its selector, or the controller has not written one yet.'
      : 'It has no selector, so no controller writes its slices, and none was created by hand or mirrored from an Endpoints object.';
  }
  return `Its ${slices.length === 1 ? 'slice holds' : `${slices.length} slices hold`} no endpoints: no Pod matching the selector exists or is scheduled.`;
}

/**
 * The Service's endpoints by zone and node, with selection and a node panel, from any source:
 * the live cluster (TopologyView) or a simulated one (the Simulate page's step topology).
 */
export function TopologyScene({
  service,
  slices,
  selectedSlice,
  onSelectSlice,
  selectedNode,
  onSelectNode,
  nodes,
  hints,
  proxyView,
}: TopologySceneProps & SourceProps) {
  const model = useMemo(() => buildModel(slices, nodes), [slices, nodes]);

  useShortcut(
    'Escape',
    useCallback(() => {
      if (selectedNode !== undefined) onSelectNode(undefined);
      else onSelectSlice(undefined);
    }, [selectedNode, onSelectNode, onSelectSlice]),
    selectedSlice !== undefined || selectedNode !== undefined,
  );

  const nodeChoices = useMemo((): Choice[] => {
    const counts = new Map<string, number>();
    model.boxes.forEach((box, b) => {
      if (box.node !== undefined)
        counts.set(box.node, (counts.get(box.node) ?? 0) + boxTotal(model, b));
    });
    return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }, [model]);
  const sliceChoices = useMemo(
    (): Choice[] => slices.map((slice) => [slice.name, slice.endpoints.length]),
    [slices],
  );

  return (
    <section className="topology" aria-label="Topology">
      <Pickers
        slices={sliceChoices}
        nodes={nodeChoices}
        selectedSlice={selectedSlice}
        onSelectSlice={onSelectSlice}
        selectedNode={selectedNode}
        onSelectNode={onSelectNode}
      />
      <Legend />
      {model.count === 0 ? (
        <figure
          className="topology-figure"
          data-testid="topology"
          data-zones={0}
          data-nodes={0}
          data-endpoints={0}
        >
          <Empty>This Service has no endpoints. {whyEmpty(service, slices)}</Empty>
        </figure>
      ) : (
        <div className={selectedNode !== undefined ? 'topology-body with-panel' : 'topology-body'}>
          <TopologyFigure
            service={service}
            model={model}
            hints={hints}
            selectedSlice={selectedSlice}
            onSelectSlice={onSelectSlice}
            selectedNode={selectedNode}
            onSelectNode={onSelectNode}
          />
          {selectedNode !== undefined && (
            <NodePanel
              service={service}
              node={selectedNode}
              model={model}
              nodes={nodes}
              proxyView={proxyView}
              onClose={() => onSelectNode(undefined)}
            />
          )}
        </div>
      )}
    </section>
  );
}
