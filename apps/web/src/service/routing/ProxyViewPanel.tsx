import type { NodeProxyEndpoint, NodeProxyPort } from '@slicescope/contract';
import { useId, useState } from 'react';
import { useProxyView } from '../../api/queries.ts';
import { navigate, useRoute } from '../../app/navigation.ts';
import { CONDITION_STYLE, conditionOf } from '../../ui/conditions.ts';
import { compareNatural } from '../../ui/order.ts';
import { QueryState } from '../../ui/StateMessage.tsx';
import { plural } from '@slicescope/core';
import { PROXY_VERSIONS, behaviourText } from './proxyModel.ts';
import './routing.css';

/** Endpoints listed per port before "Show all". */
const FIRST_ENDPOINTS = 50;

/**
 * Where kube-proxy on one node sends the Service's traffic: per port, the endpoints of
 * Cluster-policy and Local-policy traffic, under the rules of a kube-proxy release chosen in the
 * Service page's URL (`proxy`).
 */
export function ProxyViewPanel({
  namespace,
  name,
  node,
}: {
  namespace: string;
  name: string;
  node: string;
}) {
  const route = useRoute();
  const version = route.page === 'service' ? route.proxy : undefined;
  const selectVersion = (proxy: string | undefined) => {
    if (route.page === 'service') navigate({ ...route, proxy }, { replace: true });
  };
  const view = useProxyView(namespace, name, node, version);
  const versionId = useId();
  return (
    <section className="proxy-view" aria-labelledby={`${versionId}-title`} data-testid="proxy-view">
      <h3 id={`${versionId}-title`}>What kube-proxy on {node} routes to</h3>
      <p>
        <label htmlFor={versionId}>kube-proxy version </label>
        <select
          id={versionId}
          value={version ?? ''}
          onChange={(event) => selectVersion(event.target.value || undefined)}
        >
          <option value="">Default (the api’s setting)</option>
          {PROXY_VERSIONS.map((release) => (
            <option key={release} value={release}>
              {release}
            </option>
          ))}
        </select>
      </p>
      <QueryState query={view} what={`kube-proxy’s view on ${node}`}>
        {(data) => (
          <>
            <p className="muted" data-testid="proxy-behaviour">
              {behaviourText(data.behaviour)}
            </p>
            {!data.proxied ? (
              <p className="analysis-warn">
                Not proxied on {node}: {data.reason}
              </p>
            ) : (
              <>
                <p>
                  Proxied on {data.nodeName}
                  {data.zone ? ` in zone ${data.zone}` : ' (the node has no zone)'}.
                </p>
                {data.ports.length === 0 && <p>The Service has no ports to route.</p>}
                {data.ports.map((port, index) => (
                  <ProxyPort key={index} port={port} />
                ))}
                {data.notes.length > 0 && (
                  <ul className="proxy-notes" aria-label="Notes">
                    {data.notes.map((note, index) => (
                      <li key={index}>{note}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function ProxyPort({ port }: { port: NodeProxyPort }) {
  const title = `${port.portName || '(unnamed port)'} ${port.protocol} · ${port.ipFamily}`;
  return (
    <section className="proxy-port" aria-label={`Port ${title}`} data-testid="proxy-port">
      <h4>{title}</h4>
      <p>
        Topology mode <strong>{port.topologyMode}</strong>
        {port.hasAnyEndpoints
          ? ` · ${plural(port.allReachableEndpoints.length, 'endpoint')} reachable from this node`
          : ' · no endpoints at all: connections are rejected'}
      </p>
      {port.reasons.length > 0 && (
        <ul aria-label={`Why, ${title}`}>
          {port.reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
      <EndpointList
        label="Cluster-policy traffic"
        endpoints={port.clusterEndpoints}
        none="This port has no Cluster-policy traffic."
      />
      <EndpointList
        label="Local-policy traffic"
        endpoints={port.localEndpoints}
        none="This port has no Local-policy traffic."
      />
    </section>
  );
}

function EndpointList({
  label,
  endpoints,
  none,
}: {
  label: string;
  endpoints: NodeProxyEndpoint[] | null;
  none: string;
}) {
  const [all, setAll] = useState(false);
  if (endpoints === null) return <p className="muted">{none}</p>;
  // In address order (10.64.2.57 before 10.64.10.57), not the api's.
  const ordered = [...endpoints].sort((a, b) => compareNatural(a.endpoint, b.endpoint));
  const shown = all ? ordered : ordered.slice(0, FIRST_ENDPOINTS);
  return (
    <div className="proxy-endpoints">
      <h5>
        {label}: {plural(endpoints.length, 'endpoint')}
      </h5>
      {endpoints.length === 0 ? (
        <p className="analysis-warn">None: traffic of this kind is dropped on this node.</p>
      ) : (
        <ul aria-label={label}>
          {shown.map((endpoint, index) => (
            <li key={index} data-local={endpoint.isLocal}>
              <code>{endpoint.endpoint}</code>
              {endpoint.isLocal && <span className="local-mark"> ● local</span>}
              {` · ${CONDITION_STYLE[conditionOf(endpoint)].label}`}
              <span className="muted">
                {' '}
                · {endpoint.nodeName ?? 'no node'} / {endpoint.zone ?? 'no zone'}
                {endpoint.zoneHints ? ` · hinted for ${endpoint.zoneHints.join(', ')}` : ''}
                {endpoint.nodeHints ? ` · node hints ${endpoint.nodeHints.join(', ')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {endpoints.length > FIRST_ENDPOINTS && (
        <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${endpoints.length}`}
        </button>
      )}
    </div>
  );
}
