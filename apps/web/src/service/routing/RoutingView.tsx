import type { NodeSummary, ServiceSummary, SliceView, StreamState } from '@slicescope/contract';
import { useId, useMemo } from 'react';
import { queryKeys, useNodes, useServiceAnalysis } from '../../api/queries.ts';
import { hrefOf, navigate, useRoute } from '../../app/navigation.ts';
import { useStreamState } from '../../stream/StreamProvider.tsx';
import { QueryState } from '../../ui/StateMessage.tsx';
import { useRefreshOnChange } from '../../ui/useRefreshOnChange.ts';
import { HintsPanel } from './HintsPanel.tsx';
import { ProxyViewPanel } from './ProxyViewPanel.tsx';
import { nodesByZone } from './proxyModel.ts';
import './routing.css';

export interface RoutingViewProps {
  service: ServiceSummary;
  slices: SliceView[];
  selectedNode?: string | undefined;
  onSelectNode: (node: string | undefined) => void;
}

/** Stable for useStreamState: the record changes only when a Node does. */
const selectNodes = (state: StreamState): Record<string, NodeSummary> => state.nodes;

/** Why the slices carry zone hints or not, and where kube-proxy on a chosen node sends traffic. */
export function RoutingView({ service, slices, selectedNode, onSelectNode }: RoutingViewProps) {
  const { namespace, name } = service;
  const route = useRoute();
  const analysis = useServiceAnalysis(namespace, name);
  useRefreshOnChange(service.churn, [
    queryKeys.analysis(namespace, name),
    queryKeys.proxy(namespace, name, selectedNode ?? ''),
  ]);
  const streamed = useStreamState(selectNodes);
  // Before the stream's first snapshot (or while it is down) the REST list stands in.
  const listed = useNodes();
  const nodes = useMemo(
    () =>
      Object.keys(streamed).length > 0 || !listed.data
        ? streamed
        : Object.fromEntries(listed.data.items.map((node) => [node.name, node])),
    [streamed, listed.data],
  );
  const zones = useMemo(() => nodesByZone(nodes), [nodes]);
  const pickerId = useId();
  const past = route.page === 'service' && route.at !== undefined;
  const topology = route.page === 'service' ? { ...route, tab: 'topology' as const } : undefined;
  const hinted = useMemo(
    () => slices.reduce((sum, s) => sum + s.endpoints.filter((e) => e.hints).length, 0),
    [slices],
  );
  const known = selectedNode === undefined || nodes[selectedNode] !== undefined;

  return (
    <div className="routing-view">
      {past && (
        <p className="banner banner-info" role="note">
          Routing is worked out by the api from the Service as it is now, not at the chosen sync
          (whose slices hold {hinted} hinted endpoints).
        </p>
      )}
      <section aria-labelledby="hints-title">
        <h2 id="hints-title">Topology hints</h2>
        <QueryState query={analysis} what="the hints analysis">
          {(data) => <HintsPanel hints={data.hints} />}
        </QueryState>
      </section>
      <section aria-labelledby="proxy-title">
        <h2 id="proxy-title">What kube-proxy on a node routes to</h2>
        <div className="toolbar">
          <label htmlFor={pickerId}>Node</label>
          <select
            id={pickerId}
            value={selectedNode ?? ''}
            onChange={(event) => onSelectNode(event.target.value || undefined)}
          >
            <option value="">Choose a node…</option>
            {!known && selectedNode !== undefined && (
              <option value={selectedNode}>{selectedNode} (not in the cluster now)</option>
            )}
            {zones.map(({ zone, nodes: inZone }) => (
              <optgroup key={zone} label={zone === '' ? '(no zone)' : zone}>
                {inZone.map((node) => (
                  <option key={node.name} value={node.name}>
                    {node.name}
                    {node.ready ? '' : ' (not ready)'}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {topology && (
            <a
              href={hrefOf(topology)}
              onClick={(event) => {
                event.preventDefault();
                navigate(topology);
              }}
            >
              Pick on the topology map
            </a>
          )}
        </div>
        {zones.length === 0 && <p className="muted">No nodes known yet.</p>}
        {selectedNode === undefined ? (
          <p className="muted">
            Choose a node to see which endpoints kube-proxy on it sends this Service’s traffic to.
          </p>
        ) : (
          <ProxyViewPanel namespace={namespace} name={name} node={selectedNode} />
        )}
      </section>
    </div>
  );
}
