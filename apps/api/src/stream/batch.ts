import type {
  InformerStatusView,
  NodeSummary,
  ServiceSummary,
  SliceView,
} from '@slicescope/contract';

/** A changed slice: its new view (null = gone) and every Service it belonged to in the window. */
export interface SliceChange {
  value: SliceView | null;
  services: readonly string[];
}

/** What changed in one batching window, before it is cut per tab. */
export interface Batch {
  seq: number;
  informers: Record<string, InformerStatusView | null>;
  services: Record<string, ServiceSummary | null>;
  nodes: Record<string, NodeSummary | null>;
  slices: Map<string, SliceChange>;
  /** JSON of the part every tab gets (informers, services, nodes), without braces; '' if empty. */
  common: string;
  /** Rough size, for the replay buffer's byte bound. */
  bytes: number;
}

function section(name: string, entries: Record<string, unknown>): string | undefined {
  return Object.keys(entries).length === 0 ? undefined : `"${name}":${JSON.stringify(entries)}`;
}

export function sealBatch(batch: Omit<Batch, 'common' | 'bytes'>): Batch {
  const common = [
    section('informers', batch.informers),
    section('services', batch.services),
    section('nodes', batch.nodes),
  ]
    .filter((part) => part !== undefined)
    .join(',');
  let bytes = common.length;
  for (const change of batch.slices.values()) {
    bytes += 64 + (change.value ? change.value.endpoints.length * 120 : 0);
  }
  return { ...batch, common, bytes };
}

/** The slices of a batch a tab following `services` gets: null where a slice left them. */
export function slicesFor(
  batch: Batch,
  services: ReadonlySet<string>,
): Record<string, SliceView | null> {
  const out: Record<string, SliceView | null> = {};
  if (services.size === 0) return out;
  for (const [key, change] of batch.slices) {
    if (!change.services.some((service) => services.has(service))) continue;
    const owner = change.value ? `${change.value.namespace}/${change.value.service}` : undefined;
    out[key] = owner !== undefined && services.has(owner) ? change.value : null;
  }
  return out;
}

/**
 * The `delta` message's JSON for a tab, or undefined when nothing in the batch concerns it.
 * `sliceJson` (slice key → `"key":view` text) lets one flush serialize each slice once for all its
 * tabs instead of once per tab: a hundred tabs on one Service would otherwise stringify the same
 * views a hundred times per window.
 */
export function deltaJson(
  batch: Batch,
  services: ReadonlySet<string>,
  sliceJson: Map<string, string> = new Map(),
): string | undefined {
  const entries: string[] = [];
  for (const [key, value] of Object.entries(slicesFor(batch, services))) {
    if (value === null) entries.push(`${JSON.stringify(key)}:null`);
    else {
      let text = sliceJson.get(key);
      if (text === undefined) {
        text = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
        sliceJson.set(key, text);
      }
      entries.push(text);
    }
  }
  const slicePart = entries.length === 0 ? '' : `"slices":{${entries.join(',')}}`;
  if (batch.common === '' && slicePart === '') return undefined;
  const parts = [batch.common, slicePart].filter((part) => part !== '').join(',');
  return `{"type":"delta","changes":{${parts}}}`;
}
