import type { AddressType, EndpointSlice } from '../model/kubernetes.ts';

/**
 * What the hint stages see of one address type's reconcile, after packing
 * (topologycache SliceInfo): the slices about to be created or updated, and the existing slices
 * nothing touches yet. A hint stage may change the first two and move slices from `unchanged`
 * to `toUpdate`.
 */
export interface SliceInfo {
  serviceKey: string;
  addressType: AddressType;
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  unchanged: EndpointSlice[];
}

/** An event the controller records on the Service (`kubectl describe` shows them). */
export interface ControllerEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/**
 * The topology cache as the reconciler uses it: topology-aware hints for Services with the
 * topology annotation, and the bookkeeping of which Services carry them.
 */
export interface TopologyHinter {
  /** Allocates zone hints to the slices of one address type (topologycache AddHints). */
  addHints(info: SliceInfo): {
    toCreate: EndpointSlice[];
    toUpdate: EndpointSlice[];
    events: ControllerEvent[];
  };
  /**
   * Forgets the hints of one address type of a Service whose annotation no longer asks for them;
   * returns the warning the controller records when it had populated some.
   */
  disableHints(serviceKey: string, addressType: AddressType): ControllerEvent[];
}
