import type { EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';
import type { Endpoints } from '../model/endpoints.ts';
import {
  ALWAYS,
  OMIT_EMPTY,
  bool,
  boolPtr,
  defineMessage,
  int,
  intOrString,
  intPtr,
  quantityMap,
  string,
  stringMap,
  stringPtr,
  strings,
  struct,
  structPtr,
  structs,
  time,
  timePtr,
  type MessageSpec,
} from './schema.ts';

/**
 * The wire schema of the objects slicescope sizes, written from the published definitions:
 * field numbers and types from the generated.proto files, JSON names, Go field order, `omitempty`
 * and pointer-ness from types.go, of kubernetes/api @10b39a39 (2026-07-24, the 1.37 development
 * line) and kubernetes/apimachinery @eed236ce (2026-07-23):
 *
 * - meta/v1 (apimachinery `pkg/apis/meta/v1`): ObjectMeta, OwnerReference; Time is {seconds = 1,
 *   nanos = 2} with nanos always 0 (`ProtoTime`) and an empty message for the zero time.
 * - discovery/v1: EndpointSlice, Endpoint, EndpointConditions, EndpointHints, ForZone, ForNode,
 *   EndpointPort.
 * - core/v1: ObjectReference, Endpoints, EndpointSubset, EndpointAddress, EndpointPort, and the
 *   parts of Pod, Service and Node that slicescope's shapes carry, plus every non-pointer scalar
 *   of those structs (the generated code writes them even when zero, so they count).
 *
 * Left out, and so never sized: managedFields, and the structs none of slicescope's shapes carry
 * (volumes, probes, env, securityContext, affinity, tolerations, container statuses, images, …).
 * ObjectMeta.creationTimestamp is `omitempty,omitzero` since Kubernetes 1.34: a zero creation
 * time is left out of JSON (older servers wrote `"creationTimestamp":null`, 25 bytes more).
 */

// --- meta/v1 ---

const OWNER_REFERENCE = defineMessage('OwnerReference', [
  string('apiVersion', 5, ALWAYS),
  string('kind', 1, ALWAYS),
  string('name', 3, ALWAYS),
  string('uid', 4, ALWAYS),
  boolPtr('controller', 6),
  boolPtr('blockOwnerDeletion', 7),
]);

const OBJECT_META = defineMessage('ObjectMeta', [
  string('name', 1, OMIT_EMPTY),
  string('generateName', 2, OMIT_EMPTY),
  string('namespace', 3, OMIT_EMPTY),
  string('selfLink', 4, OMIT_EMPTY),
  string('uid', 5, OMIT_EMPTY),
  string('resourceVersion', 6, OMIT_EMPTY),
  int('generation', 7, OMIT_EMPTY),
  time('creationTimestamp', 8, true),
  timePtr('deletionTimestamp', 9),
  intPtr('deletionGracePeriodSeconds', 10),
  stringMap('labels', 11, OMIT_EMPTY),
  stringMap('annotations', 12, OMIT_EMPTY),
  structs('ownerReferences', 13, OWNER_REFERENCE, OMIT_EMPTY),
  strings('finalizers', 14, OMIT_EMPTY),
]);

// --- core/v1 shared ---

const OBJECT_REFERENCE = defineMessage('ObjectReference', [
  string('kind', 1, OMIT_EMPTY),
  string('namespace', 2, OMIT_EMPTY),
  string('name', 3, OMIT_EMPTY),
  string('uid', 4, OMIT_EMPTY),
  string('apiVersion', 5, OMIT_EMPTY),
  string('resourceVersion', 6, OMIT_EMPTY),
  string('fieldPath', 7, OMIT_EMPTY),
]);

const RESOURCE_REQUIREMENTS = defineMessage('ResourceRequirements', [
  quantityMap('limits', 1),
  quantityMap('requests', 2),
]);

// --- discovery/v1 ---

const ENDPOINT_CONDITIONS = defineMessage('EndpointConditions', [
  boolPtr('ready', 1),
  boolPtr('serving', 2),
  boolPtr('terminating', 3),
]);

const FOR_ZONE = defineMessage('ForZone', [string('name', 1, ALWAYS)]);
const FOR_NODE = defineMessage('ForNode', [string('name', 1, ALWAYS)]);

const ENDPOINT_HINTS = defineMessage('EndpointHints', [
  structs('forZones', 1, FOR_ZONE, OMIT_EMPTY),
  structs('forNodes', 2, FOR_NODE, OMIT_EMPTY),
]);

const DISCOVERY_ENDPOINT = defineMessage('Endpoint', [
  strings('addresses', 1, ALWAYS),
  struct('conditions', 2, ENDPOINT_CONDITIONS),
  stringPtr('hostname', 3),
  structPtr('targetRef', 4, OBJECT_REFERENCE),
  stringMap('deprecatedTopology', 5, OMIT_EMPTY),
  stringPtr('nodeName', 6),
  stringPtr('zone', 7),
  structPtr('hints', 8, ENDPOINT_HINTS),
]);

const DISCOVERY_ENDPOINT_PORT = defineMessage('EndpointPort', [
  stringPtr('name', 1),
  stringPtr('protocol', 2),
  intPtr('port', 3),
  stringPtr('appProtocol', 4),
]);

const ENDPOINT_SLICE = defineMessage('EndpointSlice', [
  struct('metadata', 1, OBJECT_META),
  string('addressType', 4, ALWAYS),
  structs('endpoints', 2, DISCOVERY_ENDPOINT, ALWAYS),
  structs('ports', 3, DISCOVERY_ENDPOINT_PORT, ALWAYS),
]);

// --- core/v1 Endpoints ---

const ENDPOINT_ADDRESS = defineMessage('EndpointAddress', [
  string('ip', 1, ALWAYS),
  string('hostname', 3, OMIT_EMPTY),
  stringPtr('nodeName', 4),
  structPtr('targetRef', 2, OBJECT_REFERENCE),
]);

const CORE_ENDPOINT_PORT = defineMessage('EndpointPort', [
  string('name', 1, OMIT_EMPTY),
  int('port', 2, ALWAYS),
  string('protocol', 3, OMIT_EMPTY),
  stringPtr('appProtocol', 4),
]);

const ENDPOINT_SUBSET = defineMessage('EndpointSubset', [
  structs('addresses', 1, ENDPOINT_ADDRESS, OMIT_EMPTY),
  structs('notReadyAddresses', 2, ENDPOINT_ADDRESS, OMIT_EMPTY),
  structs('ports', 3, CORE_ENDPOINT_PORT, OMIT_EMPTY),
]);

const ENDPOINTS = defineMessage('Endpoints', [
  struct('metadata', 1, OBJECT_META),
  structs('subsets', 2, ENDPOINT_SUBSET, OMIT_EMPTY),
]);

// --- core/v1 Pod ---

const CONTAINER_PORT = defineMessage('ContainerPort', [
  string('name', 1, OMIT_EMPTY),
  int('hostPort', 2, OMIT_EMPTY),
  int('containerPort', 3, ALWAYS),
  string('protocol', 4, OMIT_EMPTY),
  string('hostIP', 5, OMIT_EMPTY),
]);

const CONTAINER = defineMessage('Container', [
  string('name', 1, ALWAYS),
  string('image', 2, OMIT_EMPTY),
  strings('command', 3, OMIT_EMPTY),
  strings('args', 4, OMIT_EMPTY),
  string('workingDir', 5, OMIT_EMPTY),
  structs('ports', 6, CONTAINER_PORT, OMIT_EMPTY),
  struct('resources', 8, RESOURCE_REQUIREMENTS),
  stringPtr('restartPolicy', 24),
  string('terminationMessagePath', 13, OMIT_EMPTY),
  string('terminationMessagePolicy', 20, OMIT_EMPTY),
  string('imagePullPolicy', 14, OMIT_EMPTY),
  bool('stdin', 16, OMIT_EMPTY),
  bool('stdinOnce', 17, OMIT_EMPTY),
  bool('tty', 18, OMIT_EMPTY),
]);

const POD_SPEC = defineMessage('PodSpec', [
  structs('initContainers', 20, CONTAINER, OMIT_EMPTY),
  structs('containers', 2, CONTAINER, ALWAYS),
  string('restartPolicy', 3, OMIT_EMPTY),
  intPtr('terminationGracePeriodSeconds', 4),
  intPtr('activeDeadlineSeconds', 5),
  string('dnsPolicy', 6, OMIT_EMPTY),
  stringMap('nodeSelector', 7, OMIT_EMPTY),
  string('serviceAccountName', 8, OMIT_EMPTY),
  string('serviceAccount', 9, OMIT_EMPTY),
  boolPtr('automountServiceAccountToken', 21),
  string('nodeName', 10, OMIT_EMPTY),
  bool('hostNetwork', 11, OMIT_EMPTY),
  bool('hostPID', 12, OMIT_EMPTY),
  bool('hostIPC', 13, OMIT_EMPTY),
  boolPtr('shareProcessNamespace', 27),
  string('hostname', 16, OMIT_EMPTY),
  string('subdomain', 17, OMIT_EMPTY),
  string('schedulerName', 19, OMIT_EMPTY),
  string('priorityClassName', 24, OMIT_EMPTY),
  intPtr('priority', 25),
  stringPtr('runtimeClassName', 29),
  boolPtr('enableServiceLinks', 30),
  stringPtr('preemptionPolicy', 31),
  quantityMap('overhead', 32),
  boolPtr('setHostnameAsFQDN', 35),
  boolPtr('hostUsers', 37),
  structPtr('resources', 40, RESOURCE_REQUIREMENTS),
  stringPtr('hostnameOverride', 41),
]);

const POD_CONDITION = defineMessage('PodCondition', [
  string('type', 1, ALWAYS),
  int('observedGeneration', 7, OMIT_EMPTY),
  string('status', 2, ALWAYS),
  time('lastProbeTime', 3, false),
  time('lastTransitionTime', 4, false),
  string('reason', 5, OMIT_EMPTY),
  string('message', 6, OMIT_EMPTY),
]);

const POD_IP = defineMessage('PodIP', [string('ip', 1, ALWAYS)]);
const HOST_IP = defineMessage('HostIP', [string('ip', 1, ALWAYS)]);

const POD_STATUS = defineMessage('PodStatus', [
  int('observedGeneration', 17, OMIT_EMPTY),
  string('phase', 1, OMIT_EMPTY),
  structs('conditions', 2, POD_CONDITION, OMIT_EMPTY),
  string('message', 3, OMIT_EMPTY),
  string('reason', 4, OMIT_EMPTY),
  string('nominatedNodeName', 11, OMIT_EMPTY),
  string('hostIP', 5, OMIT_EMPTY),
  structs('hostIPs', 16, HOST_IP, OMIT_EMPTY),
  string('podIP', 6, OMIT_EMPTY),
  structs('podIPs', 12, POD_IP, OMIT_EMPTY),
  timePtr('startTime', 7),
  string('qosClass', 9, OMIT_EMPTY),
  string('resize', 14, OMIT_EMPTY),
  quantityMap('allocatedResources', 19),
  structPtr('resources', 20, RESOURCE_REQUIREMENTS),
]);

const POD = defineMessage('Pod', [
  struct('metadata', 1, OBJECT_META),
  struct('spec', 2, POD_SPEC),
  struct('status', 3, POD_STATUS),
]);

// --- core/v1 Service ---

const SERVICE_PORT = defineMessage('ServicePort', [
  string('name', 1, OMIT_EMPTY),
  string('protocol', 2, OMIT_EMPTY),
  stringPtr('appProtocol', 6),
  int('port', 3, ALWAYS),
  intOrString('targetPort', 4),
  int('nodePort', 5, OMIT_EMPTY),
]);

const SERVICE_SPEC = defineMessage('ServiceSpec', [
  structs('ports', 1, SERVICE_PORT, OMIT_EMPTY),
  stringMap('selector', 2, OMIT_EMPTY),
  string('clusterIP', 3, OMIT_EMPTY),
  strings('clusterIPs', 18, OMIT_EMPTY),
  string('type', 4, OMIT_EMPTY),
  strings('externalIPs', 5, OMIT_EMPTY),
  string('sessionAffinity', 7, OMIT_EMPTY),
  string('loadBalancerIP', 8, OMIT_EMPTY),
  strings('loadBalancerSourceRanges', 9, OMIT_EMPTY),
  string('externalName', 10, OMIT_EMPTY),
  string('externalTrafficPolicy', 11, OMIT_EMPTY),
  int('healthCheckNodePort', 12, OMIT_EMPTY),
  bool('publishNotReadyAddresses', 13, OMIT_EMPTY),
  strings('ipFamilies', 19, OMIT_EMPTY),
  stringPtr('ipFamilyPolicy', 17),
  boolPtr('allocateLoadBalancerNodePorts', 20),
  stringPtr('loadBalancerClass', 21),
  stringPtr('internalTrafficPolicy', 22),
  stringPtr('trafficDistribution', 23),
]);

/** LoadBalancerStatus with its only field (ingress) left out: `{}` and an empty message. */
const LOAD_BALANCER_STATUS = defineMessage('LoadBalancerStatus', []);

const SERVICE_STATUS = defineMessage('ServiceStatus', [
  struct('loadBalancer', 1, LOAD_BALANCER_STATUS),
]);

const SERVICE = defineMessage('Service', [
  struct('metadata', 1, OBJECT_META),
  struct('spec', 2, SERVICE_SPEC),
  struct('status', 3, SERVICE_STATUS),
]);

// --- core/v1 Node ---

const NODE_SPEC = defineMessage('NodeSpec', [
  string('podCIDR', 1, OMIT_EMPTY),
  strings('podCIDRs', 7, OMIT_EMPTY),
  string('providerID', 3, OMIT_EMPTY),
  bool('unschedulable', 4, OMIT_EMPTY),
  string('externalID', 2, OMIT_EMPTY),
]);

const NODE_CONDITION = defineMessage('NodeCondition', [
  string('type', 1, ALWAYS),
  string('status', 2, ALWAYS),
  time('lastHeartbeatTime', 3, false),
  time('lastTransitionTime', 4, false),
  string('reason', 5, OMIT_EMPTY),
  string('message', 6, OMIT_EMPTY),
]);

const NODE_ADDRESS = defineMessage('NodeAddress', [
  string('type', 1, ALWAYS),
  string('address', 2, ALWAYS),
]);

/** The JSON key really is `Port`, capitalised, for backward compatibility. */
const DAEMON_ENDPOINT = defineMessage('DaemonEndpoint', [int('Port', 1, ALWAYS)]);

const NODE_DAEMON_ENDPOINTS = defineMessage('NodeDaemonEndpoints', [
  struct('kubeletEndpoint', 1, DAEMON_ENDPOINT),
]);

const NODE_SYSTEM_INFO = defineMessage('NodeSystemInfo', [
  string('machineID', 1, ALWAYS),
  string('systemUUID', 2, ALWAYS),
  string('bootID', 3, ALWAYS),
  string('kernelVersion', 4, ALWAYS),
  string('osImage', 5, ALWAYS),
  string('containerRuntimeVersion', 6, ALWAYS),
  string('kubeletVersion', 7, ALWAYS),
  string('kubeProxyVersion', 8, ALWAYS),
  string('operatingSystem', 9, ALWAYS),
  string('architecture', 10, ALWAYS),
]);

const NODE_STATUS = defineMessage('NodeStatus', [
  quantityMap('capacity', 1),
  quantityMap('allocatable', 2),
  string('phase', 3, OMIT_EMPTY),
  structs('conditions', 4, NODE_CONDITION, OMIT_EMPTY),
  structs('addresses', 5, NODE_ADDRESS, OMIT_EMPTY),
  struct('daemonEndpoints', 6, NODE_DAEMON_ENDPOINTS),
  struct('nodeInfo', 7, NODE_SYSTEM_INFO),
  strings('volumesInUse', 9, OMIT_EMPTY),
  strings('declaredFeatures', 14, OMIT_EMPTY),
]);

const NODE = defineMessage('Node', [
  struct('metadata', 1, OBJECT_META),
  struct('spec', 2, NODE_SPEC),
  struct('status', 3, NODE_STATUS),
]);

// --- the kinds ---

/** The kinds slicescope sizes. */
export type WireKind = 'EndpointSlice' | 'Endpoints' | 'Pod' | 'Service' | 'Node';

/** Any object slicescope sizes, in Kubernetes JSON form. */
export type WireObject = EndpointSlice | Endpoints | Pod | Service | Node;

export interface WireType {
  readonly kind: WireKind;
  /** The version served, which the API server writes in TypeMeta whatever the input says. */
  readonly apiVersion: string;
  readonly message: MessageSpec;
}

const WIRE_TYPES: Readonly<Record<WireKind, WireType>> = {
  EndpointSlice: {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    message: ENDPOINT_SLICE,
  },
  Endpoints: { kind: 'Endpoints', apiVersion: 'v1', message: ENDPOINTS },
  Pod: { kind: 'Pod', apiVersion: 'v1', message: POD },
  Service: { kind: 'Service', apiVersion: 'v1', message: SERVICE },
  Node: { kind: 'Node', apiVersion: 'v1', message: NODE },
};

/** The wire type of `kind`, or of the object's own `kind` field; throws when neither names one. */
export function wireTypeOf(object: WireObject, kind?: WireKind): WireType {
  const name = kind ?? object.kind;
  if (typeof name !== 'string' || !Object.hasOwn(WIRE_TYPES, name)) {
    throw new Error(`cannot size an object of kind ${String(name)}`);
  }
  return WIRE_TYPES[name as WireKind];
}
