import type { HintsExplanationView } from '@slicescope/contract';

/** What each of the controller's hint rules means, for someone who has not read the spec. */
export const HINTS_RULE_TEXT: Record<HintsExplanationView['rule'], string> = {
  'auto-allocated':
    'Topology-aware routing (topology-mode Auto) is on: the controller hints each endpoint for one zone so that every zone gets endpoints in proportion to its share of the cluster’s CPU, and kube-proxy sends a client’s traffic to the endpoints hinted for its zone.',
  'auto-insufficient-node-info':
    'Auto was asked for, but the controller does not know enough about the Nodes (a ready Node without a zone label or allocatable CPU, or all of them in one zone), so it writes no hints and traffic goes to every zone.',
  'auto-one-zone':
    'Auto was asked for, but the ready Nodes are all in one zone: there is nothing to keep local, so no hints.',
  'auto-too-few-endpoints':
    'Auto was asked for, but there are fewer ready endpoints than zones: every zone needs at least one (three is safer), so no hints.',
  'auto-overload':
    'Auto was asked for, but with these endpoints some zone would receive more than 20% more traffic per endpoint than a fair share, so the controller writes no hints rather than overload it.',
  'auto-endpoint-without-zone':
    'Auto was asked for, but some ready endpoint has no zone (its Node has no zone label), so the controller removes every hint.',
  'auto-topology-cache-off':
    'Auto was asked for, but the controller runs without its topology cache (the feature is off), so it removes every hint.',
  'annotation-not-auto':
    'The topology annotation is set to something other than Auto, which the controller ignores: no hints.',
  'traffic-distribution':
    'spec.trafficDistribution is set: each ready endpoint is hinted for its own zone (and node, for PreferSameNode), and kube-proxy prefers those close to the client. There is no balancing by CPU, so a zone with few endpoints can be overloaded.',
  'traffic-distribution-not-honoured':
    'spec.trafficDistribution is set, but this cluster does not honour that value, so no hints are written.',
  none: 'Neither the topology annotation nor spec.trafficDistribution is set: no hints, and kube-proxy spreads traffic over the endpoints of every zone.',
};
