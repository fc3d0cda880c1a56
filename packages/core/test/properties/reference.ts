import type { Pod, Service } from '../../src/index.ts';

/**
 * A deliberately naive statement of which endpoints a Service should have, written from the
 * specification without the controller's code: the oracle of the property tests.
 * Keys are `<addressType> <port set> <pod name>`.
 */
export function expectedEndpointKeys(
  service: Service,
  pods: readonly Pod[],
  knownNodes: ReadonlySet<string>,
): Set<string> {
  const families = service.spec.ipFamilies?.length
    ? service.spec.ipFamilies
    : service.spec.clusterIP && service.spec.clusterIP !== 'None'
      ? [service.spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4']
      : ['IPv4', 'IPv6'];
  const keys = new Set<string>();
  for (const pod of pods) {
    if (pod.metadata.namespace !== service.metadata.namespace) continue;
    if (pod.metadata.labels?.app !== service.spec.selector?.app) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    if (!knownNodes.has(pod.spec?.nodeName ?? '') && !service.spec.publishNotReadyAddresses)
      continue;
    const ports = portSetOf(service, pod);
    for (const family of families) {
      const hasAddress = (pod.status?.podIPs ?? []).some(
        (ip) => ip.ip.includes(':') === (family === 'IPv6'),
      );
      if (hasAddress) keys.add(`${family} ${ports} ${pod.metadata.name}`);
    }
  }
  return keys;
}

/** The resolved ports of one Pod as sorted text, comparable with {@link slicePortSet}. */
export function portSetOf(service: Service, pod: Pod): string {
  const resolved: string[] = [];
  for (const port of service.spec.ports ?? []) {
    const protocol = port.protocol ?? 'TCP';
    const target = port.targetPort ?? port.port;
    let number: number | undefined;
    if (typeof target === 'number') number = target;
    else {
      const candidates = [
        ...(pod.spec?.containers ?? []),
        ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
      ].flatMap((container) => container.ports ?? []);
      number = candidates.find(
        (c) => c.name === target && (c.protocol ?? 'TCP') === protocol,
      )?.containerPort;
    }
    if (number !== undefined) resolved.push(`${port.name ?? ''}/${protocol}/${number}`);
  }
  return resolved.sort().join(',');
}

export function slicePortSet(
  ports: readonly { name?: string; protocol?: string; port?: number }[] | null | undefined,
): string {
  return (ports ?? [])
    .map((port) => `${port.name ?? ''}/${port.protocol ?? ''}/${port.port ?? ''}`)
    .sort()
    .join(',');
}
