import type { NodeService } from '@slicescope/contract';
import { queryKeys, useNodeServices } from '../../api/queries.ts';
import { useRefreshOnChange } from '../../ui/useRefreshOnChange.ts';
import { Empty, QueryState } from '../../ui/StateMessage.tsx';
import { plural } from '@slicescope/core';
import { ServiceLink } from '../ServiceLink.tsx';

/** `3 endpoints · 1 not ready · 1 terminating`: what the node's kube-proxy has of the Service. */
function nodeServiceText(service: NodeService): string {
  const parts = [plural(service.endpoints, 'endpoint')];
  const notReady = service.endpoints - service.ready;
  if (notReady > 0) parts.push(`${notReady} not ready`);
  if (service.terminating > 0) parts.push(`${service.terminating} terminating`);
  return parts.join(' · ');
}

/**
 * The Services with endpoints on a node, each linked to its routing tab for that node (what
 * kube-proxy there does with it). Refetched when the node's endpoint count moves (the stream
 * brings that) and every 10 s for condition changes that leave the count.
 */
export function NodeServices({ node, endpoints }: { node: string; endpoints: number | undefined }) {
  const services = useNodeServices(node);
  useRefreshOnChange(endpoints, [queryKeys.nodeServices(node)]);
  return (
    <section className="node-services" aria-labelledby="node-services-title">
      <h4 id="node-services-title">Services with endpoints here</h4>
      <QueryState query={services} what="the node's Services">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No Service has endpoints on this node.</Empty>
          ) : (
            <ul>
              {items.map((service) => (
                <li key={`${service.namespace}/${service.name}`}>
                  <ServiceLink namespace={service.namespace} name={service.name} node={node} />{' '}
                  <span className="muted">{nodeServiceText(service)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
