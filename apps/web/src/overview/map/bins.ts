import { scaleQuantize } from 'd3-scale';

/**
 * Endpoint-count bins of the node map: nodes without endpoints get a bin of their own, the rest
 * are split into up to `bins` equal integer ranges up to the busiest node (d3's quantize scale).
 */
export interface BinRange {
  min: number;
  max: number;
  label: string;
}

export interface EndpointBins {
  ranges: readonly BinRange[];
  binOf(endpoints: number): number;
}

const label = (min: number, max: number) => (min === max ? String(min) : `${min}–${max}`);

export function endpointBins(maxEndpoints: number, bins = 4): EndpointBins {
  const max = Math.max(0, Math.floor(maxEndpoints));
  if (max === 0) return { ranges: [{ min: 0, max: 0, label: '0' }], binOf: () => 0 };
  const count = Math.max(1, Math.min(bins, max));
  // The integers 1..max as the half-open domain [1, max + 1): every bin spans at least one.
  const scale = scaleQuantize<number>()
    .domain([1, max + 1])
    .range(Array.from({ length: count }, (_, index) => index + 1));
  const ranges: BinRange[] = [{ min: 0, max: 0, label: '0' }];
  for (let bin = 1; bin <= count; bin++) {
    const [from, to] = scale.invertExtent(bin);
    const low = Math.max(1, Math.ceil(from));
    const high = bin === count ? max : Math.ceil(to) - 1;
    ranges.push({ min: low, max: high, label: label(low, high) });
  }
  return {
    ranges,
    binOf: (endpoints) => (endpoints <= 0 ? 0 : scale(Math.min(endpoints, max))),
  };
}
