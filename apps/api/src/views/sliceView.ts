import {
  ANNOTATION_TRIGGER_TIME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type Endpoint,
  type EndpointSlice,
} from '@slicescope/core';
import type { EndpointView, SliceView } from '@slicescope/contract';

/** Kubernetes: a nil `ready` means ready; `serving` defaults to `ready`; `terminating` to false. */
export function endpointConditions(endpoint: Endpoint): {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
} {
  const ready = endpoint.conditions?.ready ?? true;
  return {
    ready,
    serving: endpoint.conditions?.serving ?? ready,
    terminating: endpoint.conditions?.terminating ?? false,
  };
}

export function endpointView(endpoint: Endpoint): EndpointView {
  const view: EndpointView = { addresses: endpoint.addresses, ...endpointConditions(endpoint) };
  if (endpoint.nodeName) view.nodeName = endpoint.nodeName;
  if (endpoint.zone) view.zone = endpoint.zone;
  if (endpoint.hostname) view.hostname = endpoint.hostname;
  if (endpoint.targetRef?.kind === 'Pod' && endpoint.targetRef.name)
    view.pod = endpoint.targetRef.name;
  if (endpoint.hints) {
    view.hints = {};
    if (endpoint.hints.forZones) view.hints.forZones = endpoint.hints.forZones.map((z) => z.name);
    if (endpoint.hints.forNodes) view.hints.forNodes = endpoint.hints.forNodes.map((n) => n.name);
  }
  return view;
}

export function sliceView(slice: EndpointSlice): SliceView {
  const { metadata } = slice;
  const view: SliceView = {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    service: metadata.labels?.[LABEL_SERVICE_NAME] ?? '',
    addressType: slice.addressType,
    ports: (slice.ports ?? []).map((port) => ({ ...port })),
    endpoints: (slice.endpoints ?? []).map(endpointView),
  };
  const managedBy = metadata.labels?.[LABEL_MANAGED_BY];
  if (managedBy !== undefined) view.managedBy = managedBy;
  const trigger = metadata.annotations?.[ANNOTATION_TRIGGER_TIME];
  if (trigger !== undefined) view.triggerTime = trigger;
  if (metadata.creationTimestamp) view.createdAt = metadata.creationTimestamp;
  return view;
}
