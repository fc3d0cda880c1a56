/**
 * The core/v1 Endpoints shapes, in the API's own JSON form and in the field order of the Go
 * structs (k8s.io/api/core/v1 types.go), so objects from `kubectl get endpoints -o json` can be
 * passed in unchanged. Empty lists are written absent, as Go's `omitempty` writes them.
 */
import type { ObjectMeta, ObjectReference, Protocol } from './kubernetes.ts';

/** One address of an Endpoints subset (v1 EndpointAddress). */
export interface EndpointAddress {
  ip: string;
  /** omitempty: an absent hostname and an empty one are the same. */
  hostname?: string;
  /** A pointer in Go: absent differs from `""`, which the Endpoints controller does write. */
  nodeName?: string;
  targetRef?: ObjectReference;
}

/** One port of an Endpoints subset (v1 EndpointPort); not the discovery.k8s.io EndpointPort. */
export interface EndpointsPort {
  name?: string;
  /** Not omitempty in Go: an absent port is 0. */
  port: number;
  protocol?: Protocol;
  appProtocol?: string;
}

/** A group of addresses that all serve the same ports (v1 EndpointSubset). */
export interface EndpointSubset {
  addresses?: EndpointAddress[] | null;
  notReadyAddresses?: EndpointAddress[] | null;
  ports?: EndpointsPort[] | null;
}

/** The legacy v1 Endpoints object: one per Service, with the Service's name. */
export interface Endpoints {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMeta;
  subsets?: EndpointSubset[] | null;
  [field: string]: unknown;
}
