import type { NodeSummary } from '@slicescope/contract';
import { useEffect, useRef } from 'react';
import { conditionText, cpuText, zoneText } from './describe.ts';
import { HealthMark } from './MapLegend.tsx';
import { healthOf } from './layout.ts';
import { NodeServices } from './NodeServices.tsx';

/**
 * The node picked on the map, and the Services with endpoints on it. It stays open while the URL
 * names the node, also when the node is gone from the cluster (then it says so; slices may still
 * place endpoints on it).
 */
export function NodeDetails({
  name,
  node,
  onClose,
}: {
  name: string;
  node: NodeSummary | undefined;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'nearest' });
  }, [name]);
  return (
    <aside className="node-details" aria-labelledby="node-details-title">
      <div className="node-details-head">
        <h3 id="node-details-title" ref={heading}>
          {node && <HealthMark health={healthOf(node)} />} Node {name}
        </h3>
        <button
          type="button"
          onClick={onClose}
          aria-label={`Close the details of node ${name}`}
          aria-keyshortcuts="Escape"
        >
          Close
        </button>
      </div>
      {node ? (
        <dl className="node-details-facts">
          <dt>Zone</dt>
          <dd>{zoneText(node.zone)}</dd>
          <dt>Condition</dt>
          <dd>{conditionText(node)}</dd>
          <dt>Endpoints</dt>
          <dd data-testid="node-endpoints">{node.endpoints}</dd>
          <dt>CPU</dt>
          <dd>{cpuText(node.cpuMilli)}</dd>
        </dl>
      ) : (
        <p className="muted">This node is not in the cluster (any more).</p>
      )}
      <NodeServices node={name} endpoints={node?.endpoints} />
    </aside>
  );
}
