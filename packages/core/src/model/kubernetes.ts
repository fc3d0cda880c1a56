/**
 * The minimal Kubernetes shapes the controllers read and write, in the API's own JSON form, so
 * objects from a cluster or `kubectl get -o json` can be passed in unchanged. Only the fields
 * slicescope reads are typed; any other field an object carries is kept as it is.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  /** RFC 3339 text, as the API server writes it. */
  creationTimestamp?: string | null;
  /** Set while the object waits for its finalizers; the object is being deleted. */
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [field: string]: unknown;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type IPFamily = 'IPv4' | 'IPv6';

export interface ServicePort {
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
  port: number;
  /** A port number or the name of a container port; the API server defaults it to `port`. */
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string> | null;
  ports?: ServicePort[] | null;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: IPFamily[] | null;
  publishNotReadyAddresses?: boolean;
  /** PreferClose, PreferSameZone or PreferSameNode. */
  trafficDistribution?: string | null;
  [field: string]: unknown;
}

export interface Service {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ServiceSpec;
  [field: string]: unknown;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
  [field: string]: unknown;
}

export interface Container {
  name: string;
  ports?: ContainerPort[] | null;
  /** Only `Always` is meaningful, and only on init containers (sidecars). */
  restartPolicy?: string;
  [field: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
  [field: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: Container[] | null;
  initContainers?: Container[] | null;
  [field: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  podIP?: string;
  podIPs?: { ip: string }[] | null;
  conditions?: PodCondition[] | null;
  [field: string]: unknown;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
  [field: string]: unknown;
}

export interface NodeCondition {
  type: string;
  status: string;
  [field: string]: unknown;
}

export interface Node {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  status?: {
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[] | null;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** discovery.k8s.io/v1 address types; `IP` is the deprecated v1alpha1 type, only ever deleted. */
export type AddressType = 'IPv4' | 'IPv6' | 'FQDN' | 'IP';

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EndpointHints {
  forZones?: { name: string }[];
  forNodes?: { name: string }[];
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: EndpointHints;
}

export interface EndpointPort {
  name?: string;
  protocol?: Protocol;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  addressType: AddressType;
  endpoints: Endpoint[] | null;
  ports?: EndpointPort[] | null;
  [field: string]: unknown;
}
