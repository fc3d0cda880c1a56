import {
  MAX_SIMULATION_NODES,
  MAX_SIMULATION_PODS,
  MAX_SIMULATION_ZONES,
  serviceScenario,
  type ServiceShortcut,
} from '@slicescope/core';
import { z } from 'zod';
import {
  boolean,
  eventTypeError,
  expects,
  integer,
  list,
  oneOf,
  positiveSeconds,
  seconds,
  strict,
  text,
} from '../scenario/fields.ts';
import { MAX_EVENTS, MAX_NAME_LENGTH, MAX_SCENARIO_SECONDS } from '../scenario/limits.ts';
import { validateScenario } from '../scenario/parse.ts';

const at = seconds(0, MAX_SCENARIO_SECONDS);

const countOrPercent = z.union(
  [z.int().min(0).max(MAX_SIMULATION_PODS), z.string().regex(/^\d{1,3}%$/)],
  { error: expects('must be a count such as 1 or a percentage such as "25%"') },
);

const SHORTCUT_EVENT_TYPES = [
  'createService',
  'rollingUpdate',
  'scaleTo',
  'updateOne',
  'drainNode',
  'zoneOutage',
] as const;

const shortcutEventSchema = z.discriminatedUnion(
  'type',
  [
    strict({ at, type: z.literal('createService') }),
    strict({ at, type: z.literal('rollingUpdate') }),
    strict({ at, type: z.literal('scaleTo'), replicas: integer(0, MAX_SIMULATION_PODS) }),
    strict({
      at,
      type: z.literal('updateOne'),
      forSeconds: positiveSeconds(MAX_SCENARIO_SECONDS).optional(),
    }),
    strict({ at, type: z.literal('drainNode'), node: text(253).optional() }),
    strict({
      at,
      type: z.literal('zoneOutage'),
      zone: text(63).optional(),
      forSeconds: positiveSeconds(MAX_SCENARIO_SECONDS).optional(),
    }),
  ],
  { error: eventTypeError(SHORTCUT_EVENT_TYPES) },
);

/** Zones at most the Nodes, each zone needing one (the quick form's and the shortcut's rule). */
export function checkZonesWithinNodes(
  sizes: { nodes: number; zones?: number | undefined },
  context: z.RefinementCtx,
): void {
  if (sizes.zones !== undefined && sizes.nodes >= 1 && sizes.zones > sizes.nodes) {
    context.addIssue({
      code: 'custom',
      path: ['zones'],
      message: `must be at most the number of nodes, ${sizes.nodes} (got ${sizes.zones})`,
    });
  }
}

/**
 * "A Service with P Pods on N Nodes across Z zones" and what happens to it (core's
 * ServiceShortcut). Beyond each field's range, the scenario it stands for must be valid: a Node
 * or zone an event names must exist, scaling must stay within the Pod limit.
 */
export const serviceShortcutSchema = strict({
  name: text(MAX_NAME_LENGTH).optional(),
  pods: integer(0, MAX_SIMULATION_PODS),
  nodes: integer(1, MAX_SIMULATION_NODES),
  zones: integer(1, MAX_SIMULATION_ZONES).optional(),
  maxSurge: countOrPercent.optional(),
  maxUnavailable: countOrPercent.optional(),
  startJitterSeconds: at.optional(),
  topologyAwareHints: boolean().optional(),
  trafficDistribution: oneOf(['PreferClose', 'PreferSameZone', 'PreferSameNode']).optional(),
  events: list(shortcutEventSchema, MAX_EVENTS, 'events').optional(),
}).superRefine(
  (shortcut, context) => {
    checkZonesWithinNodes(shortcut, context);
    const result = validateScenario(serviceScenario(shortcut));
    if (result.ok) return;
    // The scenario's events are the shortcut's, one for one; other fields come from its sizes.
    const match = /^events\[(\d+)\]/.exec(result.field ?? '');
    context.addIssue({
      code: 'custom',
      path: match ? ['events', Number(match[1])] : [],
      message: `makes an invalid scenario: ${result.error}`,
    });
  },
  { when: (payload) => payload.issues.length === 0 },
) satisfies z.ZodType<ServiceShortcut>;
