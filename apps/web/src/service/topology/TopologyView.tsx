import { useRef } from 'react';
import { useServiceAnalysis } from '../../api/queries.ts';
import { TopologyScene, type TopologySceneProps } from './TopologyScene.tsx';
import { useTopologyNodes } from './useScene.ts';

/** The Topology tab: the live cluster's Nodes and the api's hints analysis around the scene. */
export function TopologyView(props: TopologySceneProps) {
  const { service, slices } = props;
  const nodes = useTopologyNodes();
  const analysis = useServiceAnalysis(service.namespace, service.name);
  const marked = useRef(false);
  if (!marked.current && slices.some((slice) => slice.endpoints.length > 0)) {
    marked.current = true;
    performance.mark('slicescope:topology-data');
  }
  return <TopologyScene {...props} nodes={nodes} hints={analysis.data?.hints} proxyView />;
}
