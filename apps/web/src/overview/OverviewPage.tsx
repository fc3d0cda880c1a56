import {
  topServices,
  type NodeSummary,
  type ServiceSummary,
  type StreamState,
} from '@slicescope/contract';
import { useCallback, useMemo } from 'react';
import { queryKeys, useOverview } from '../api/queries.ts';
import { navigate } from '../app/navigation.ts';
import type { OverviewRoute } from '../app/route.ts';
import { useConnection, useFollow, useStreamState } from '../stream/StreamProvider.tsx';
import { Failed, Loading } from '../ui/StateMessage.tsx';
import { useRefreshOnChange } from '../ui/useRefreshOnChange.ts';
import { liveCounts } from './counts.ts';
import { Headline } from './Headline.tsx';
import { NodeMap } from './map/NodeMap.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import './overview.css';

// Stable selects: the folded stream keeps a section's object when a delta does not touch it, so
// these only re-render the page when Services or nodes changed.
const selectServices = (state: StreamState) => state.services;
const selectNodes = (state: StreamState) => state.nodes;
/** The overview follows no Service's slices; following nothing opens the stream. */
const NO_SERVICES: readonly string[] = [];

/**
 * The cluster at a glance: headline counts and the Services that stand out, every node by zone,
 * and every Service in a sortable, filterable table. Counts, top lists, map and table follow the
 * stream; the overview fills in until its first snapshot, and counts the Pods (the stream does not
 * carry them): it is asked again when the Services change, at most every 5 s.
 */
/** How often the Pods count may be asked for again while the Services change. */
const PODS_REFRESH_MS = 5000;

export function OverviewPage({ route }: { route: OverviewRoute }) {
  useFollow(NO_SERVICES);
  const overview = useOverview();
  const connection = useConnection();
  const serviceRecord = useStreamState(selectServices);
  const nodeRecord = useStreamState(selectNodes);
  const services = useMemo<ServiceSummary[]>(() => Object.values(serviceRecord), [serviceRecord]);
  const nodes = useMemo<NodeSummary[]>(() => Object.values(nodeRecord), [nodeRecord]);
  const snapshot = connection.status !== 'connecting' || services.length > 0 || nodes.length > 0;
  const pods = overview.data?.counts.pods;
  // For the Pods count alone (the rest is live): not at every frame of a churning cluster.
  useRefreshOnChange(serviceRecord, [queryKeys.overview], PODS_REFRESH_MS);
  const counts = useMemo(
    () => (snapshot ? liveCounts(serviceRecord, nodeRecord, pods) : overview.data?.counts),
    [snapshot, serviceRecord, nodeRecord, pods, overview.data],
  );
  const polledTop = overview.data?.top;
  const top = useMemo(
    () => (snapshot ? topServices(services) : polledTop),
    [snapshot, services, polledTop],
  );
  const selectNode = useCallback(
    (node: string | undefined) => {
      const next: OverviewRoute = { ...route, node };
      if (node === undefined) delete next.node;
      navigate(next, { replace: true });
    },
    [route],
  );

  if (!snapshot && overview.isPending) return <Loading what="the cluster overview" />;
  return (
    <section className="overview" aria-labelledby="overview-title">
      <h1 id="overview-title">Cluster overview</h1>
      {overview.isError && (
        <Failed
          what="the cluster overview"
          error={overview.error}
          retry={() => void overview.refetch()}
        />
      )}
      {counts && <Headline counts={counts} top={top} />}
      {snapshot ? (
        <>
          <NodeMap nodes={nodes} selected={route.node} onSelect={selectNode} />
          <ServicesSection route={route} services={services} />
        </>
      ) : (
        <Loading what="nodes and Services" />
      )}
    </section>
  );
}
