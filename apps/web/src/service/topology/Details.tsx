import type { EndpointView, NodeSummary } from '@slicescope/contract';
import { cpuText } from '../../overview/map/describe.ts';
import { CONDITION_STYLE, CONDITIONS, conditionOf } from '../../ui/conditions.ts';

/** What the tooltip says about one endpoint, or about one node box. */

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function EndpointDetails({ endpoint, slice }: { endpoint: EndpointView; slice: string }) {
  const condition = conditionOf(endpoint);
  const zones = endpoint.hints?.forZones ?? [];
  const nodes = endpoint.hints?.forNodes ?? [];
  return (
    <dl className="topology-details">
      <dt>{endpoint.addresses.length === 1 ? 'Address' : 'Addresses'}</dt>
      <dd>{endpoint.addresses.length > 0 ? endpoint.addresses.join(', ') : 'none'}</dd>
      <dt>Pod</dt>
      <dd>{endpoint.pod ?? '—'}</dd>
      <dt>Node</dt>
      <dd>{endpoint.nodeName ?? 'unknown'}</dd>
      <dt>Zone</dt>
      <dd>{endpoint.zone ?? 'no zone'}</dd>
      <dt>Conditions</dt>
      <dd>
        {CONDITION_STYLE[condition].label} (ready: {yesNo(endpoint.ready)}, serving:{' '}
        {yesNo(endpoint.serving)}, terminating: {yesNo(endpoint.terminating)})
      </dd>
      <dt>Hints</dt>
      <dd>
        {zones.length === 0 && nodes.length === 0
          ? 'none'
          : [
              zones.length > 0 ? `forZones: ${zones.join(', ')}` : '',
              nodes.length > 0 ? `forNodes: ${nodes.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; ')}
      </dd>
      <dt>Slice</dt>
      <dd>{slice}</dd>
    </dl>
  );
}

export function NodeDetails({
  node,
  zone,
  summary,
  counts,
}: {
  node: string | undefined;
  zone: string | undefined;
  summary: NodeSummary | undefined;
  counts: readonly number[];
}) {
  return (
    <dl className="topology-details">
      <dt>Node</dt>
      <dd>{node ?? 'unknown node (endpoints without nodeName)'}</dd>
      <dt>Zone</dt>
      <dd>{zone ?? 'no zone'}</dd>
      {node !== undefined && (
        <>
          <dt>CPU</dt>
          <dd>
            {cpuText(summary?.cpuMilli)}
            {summary ? (summary.ready ? ', ready' : ', not ready') : ', not known to the api'}
          </dd>
        </>
      )}
      <dt>Endpoints</dt>
      <dd>
        {CONDITIONS.map(
          (condition, k) => `${CONDITION_STYLE[condition].label}: ${counts[k] ?? 0}`,
        ).join(', ')}
      </dd>
    </dl>
  );
}
