import type { NodeSummary, ServiceSummary } from '@slicescope/contract';
import { useMemo } from 'react';
import { cpuText } from '../../overview/map/describe.ts';
import { CONDITION_STYLE, CONDITIONS } from '../../ui/conditions.ts';
import { ProxyViewPanel } from '../routing/ProxyViewPanel.tsx';
import { CONDITION_COUNT, type TopologyModel } from './model.ts';

/**
 * The selected node: where it is, its CPU, this Service's endpoints on it, and (on a live cluster)
 * what its kube-proxy routes to.
 */
export function NodePanel({
  service,
  node,
  model,
  nodes,
  proxyView,
  onClose,
}: {
  service: ServiceSummary;
  node: string;
  model: TopologyModel;
  nodes: Readonly<Record<string, NodeSummary>>;
  /** Ask the api what kube-proxy on the node sees: only a live cluster's nodes have one. */
  proxyView: boolean;
  onClose: () => void;
}) {
  const { counts, zones } = useMemo(() => {
    const sums = new Array<number>(CONDITION_COUNT).fill(0);
    const seen = new Set<string>();
    model.boxes.forEach((box, b) => {
      if (box.node !== node) return;
      const zone = model.columns[box.column]?.zone;
      if (zone !== undefined) seen.add(zone);
      for (let k = 0; k < CONDITION_COUNT; k++) {
        sums[k] = (sums[k] ?? 0) + (model.boxCounts[b * CONDITION_COUNT + k] ?? 0);
      }
    });
    return { counts: sums, zones: [...seen] };
  }, [model, node]);
  const summary = nodes[node];
  const zone = summary?.zone ?? zones[0];
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <aside className="topology-panel" aria-labelledby="topology-node-title">
      <div className="topology-panel-head">
        <h2 id="topology-node-title">Node {node}</h2>
        <button type="button" onClick={onClose} aria-label="Close node details">
          ×
        </button>
      </div>
      <dl className="topology-details">
        <dt>Zone</dt>
        <dd>{zone ?? 'no zone'}</dd>
        <dt>CPU</dt>
        <dd>{cpuText(summary?.cpuMilli)}</dd>
        <dt>State</dt>
        <dd>
          {summary === undefined
            ? 'not known to the api'
            : `${summary.ready ? 'ready' : 'not ready'}${summary.unschedulable ? ', unschedulable' : ''}`}
        </dd>
      </dl>
      <table className="data">
        <caption>
          Endpoints of {service.namespace}/{service.name} on this node
        </caption>
        <thead>
          <tr>
            <th scope="col">Condition</th>
            <th scope="col" className="num">
              Endpoints
            </th>
          </tr>
        </thead>
        <tbody>
          {CONDITIONS.map((condition, k) => (
            <tr key={condition}>
              <th scope="row">{CONDITION_STYLE[condition].label}</th>
              <td className="num">{counts[k] ?? 0}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">All</th>
            <td className="num">{total}</td>
          </tr>
        </tbody>
      </table>
      {proxyView && (
        <ProxyViewPanel namespace={service.namespace} name={service.name} node={node} />
      )}
    </aside>
  );
}
