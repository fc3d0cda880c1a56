import type { KubeObject, ObjectKind } from '@slicescope/core';
import { newEndpoints, newEndpointSlice, newNode, newPod, newService } from './builders.ts';

export const KINDS: readonly ObjectKind[] = [
  'Pod',
  'Service',
  'Endpoints',
  'Node',
  'EndpointSlice',
];

/** A builder per kind whose `variant` changes the object's content (for MODIFIED events). */
export const BUILD: Record<
  ObjectKind,
  (name: string, variant?: number, uid?: string) => KubeObject
> = {
  Pod: (name, variant = 1, uid) =>
    newPod(name, { ip: `10.0.0.${variant}`, ...(uid === undefined ? {} : { uid }) }),
  Service: (name, variant = 1, uid) =>
    newService(name, {
      selector: { app: `web-${variant}` },
      ...(uid === undefined ? {} : { uid }),
    }),
  Endpoints: (name, variant = 1, uid) =>
    newEndpoints(name, { ips: [`10.0.0.${variant}`], ...(uid === undefined ? {} : { uid }) }),
  Node: (name, variant = 1, uid) =>
    newNode(name, { labels: { zone: `zone-${variant}` }, ...(uid === undefined ? {} : { uid }) }),
  EndpointSlice: (name, variant = 1, uid) =>
    newEndpointSlice(name, { ips: [`10.0.0.${variant}`], ...(uid === undefined ? {} : { uid }) }),
};
