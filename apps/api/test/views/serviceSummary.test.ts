import { describe, expect, it } from 'vitest';
import { serviceSummary } from '../../src/views/serviceSummary.ts';
import { rawService, rawSlice, type PodPlacement } from '../support/appDeps.ts';

const placements: PodPlacement[] = [
  { name: 'web-1', ip: '10.0.0.1', node: 'node-a', zone: 'zone-a' },
  { name: 'web-2', ip: '10.0.0.2', node: 'node-b', zone: 'zone-b' },
  { name: 'web-3', ip: '10.0.0.3', node: 'node-b', zone: 'zone-b', terminating: true },
];

function summaryOf(slices: ReturnType<typeof rawSlice>[]) {
  return serviceSummary({
    service: rawService('shop', 'web', '10.96.0.10'),
    slices,
    endpoints: undefined,
    churn: 0,
    maxEndpointsPerSlice: 100,
  });
}

describe('the summary of a Service', () => {
  it('counts each Pod behind its endpoints once, leaving the terminating ones out', () => {
    const ipv4 = rawSlice('shop', 'web', 'web-v4', placements);
    // The same Pods' IPv6 endpoints, as a dual-stack Service has them.
    const ipv6 = {
      ...rawSlice('shop', 'web', 'web-v6', placements),
      addressType: 'IPv6' as const,
    };
    const summary = summaryOf([ipv4, ipv6]);
    expect(summary).toMatchObject({ endpoints: 6, terminating: 2, pods: 2 });
  });

  it('counts an endpoint that names no Pod as one of its own', () => {
    const slice = rawSlice('shop', 'web', 'web-v4', placements.slice(0, 2));
    const bare = (slice.endpoints ?? []).map(({ targetRef: _, ...endpoint }) => endpoint);
    expect(summaryOf([{ ...slice, endpoints: bare }]).pods).toBe(2);
    expect(summaryOf([]).pods).toBe(0);
  });

  it('flags unready endpoints that fail readiness, not the terminating ones', () => {
    const terminatingOnly = summaryOf([rawSlice('shop', 'web', 'web-v4', placements)]);
    expect(terminatingOnly.flags).toContain('terminating');
    expect(terminatingOnly.flags).not.toContain('unready');
    const failing = rawSlice('shop', 'web', 'web-v4', placements.slice(0, 2));
    const endpoints = (failing.endpoints ?? []).map((endpoint, i) =>
      i === 0
        ? { ...endpoint, conditions: { ready: false, serving: false, terminating: false } }
        : endpoint,
    );
    expect(summaryOf([{ ...failing, endpoints }]).flags).toContain('unready');
  });
});
