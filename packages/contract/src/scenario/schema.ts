import {
  MAX_MAX_ENDPOINTS_PER_SLICE,
  MIN_MAX_ENDPOINTS_PER_SLICE,
  parseQuantityMilli,
  type Scenario,
} from '@slicescope/core';
import { z } from 'zod';
import { checkScenario } from './consistency.ts';
import {
  annotationMap,
  boolean,
  eventTypeError,
  expects,
  integer,
  labelMap,
  list,
  name,
  oneOf,
  positiveSeconds,
  refusingProtoKey,
  seconds,
  strict,
  text,
} from './fields.ts';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_EVENTS,
  MAX_NAME_LENGTH,
  MAX_NODES,
  MAX_PODS,
  MAX_PODS_PER_NODE,
  MAX_PORTS,
  MAX_SCENARIO_SECONDS,
  MAX_SERVICES,
  MAX_USER_ENDPOINTS_ADDRESSES,
  MAX_WORKLOADS,
  MAX_ZONES,
  MIN_REPEAT_EVERY_SECONDS,
} from './limits.ts';
import {
  DNS1035_LABEL_RULE,
  DNS1123_LABEL_RULE,
  DNS1123_SUBDOMAIN_RULE,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isPortName,
  PORT_NAME_RULE,
} from './names.ts';
import { prepareScenarioDocument } from './prepare.ts';
import { type RuleProblem, serviceProblems, workloadProblems, zoneProblems } from './rules.ts';

/**
 * The zod schema of a scenario file (the body of POST /api/v1/simulate, and what `slicescope
 * cluster --scenario FILE` reads): core's `Scenario` type, with Kubernetes' naming rules, ranges,
 * limits and cross-references checked. It validates and does not fill in defaults — the engine
 * applies those — so a valid scenario parses to itself. docs/scenarios.md documents every field.
 */

function addProblems<T>(rules: (value: T) => RuleProblem[]) {
  return (value: T, context: z.RefinementCtx): void => {
    for (const { path, message } of rules(value))
      context.addIssue({ code: 'custom', path, message });
  };
}

/**
 * Rules across fields run only on a well-formed object: zod would run them after a range error
 * too (say `nodes: 1e15`), and they may trust every field.
 */
const WHEN_WELL_FORMED = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

const namespace = name(DNS1123_LABEL_RULE, isDns1123Label);
const serviceName = name(DNS1035_LABEL_RULE, isDns1035Label);
const workloadName = name(DNS1123_LABEL_RULE, isDns1123Label);
const nodeName = name(DNS1123_SUBDOMAIN_RULE, isDns1123Subdomain);
const ZONE_RULE =
  'must be a zone name: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
const zoneName = name(ZONE_RULE, (value) => value !== '' && isLabelValue(value));
const portNumber = integer(1, 65535);
const protocol = oneOf(['TCP', 'UDP', 'SCTP']);

const FAMILIES_RULE = 'must be [IPv4], [IPv6], [IPv4, IPv6] or [IPv6, IPv4]';
const ipFamilies = z
  .array(oneOf(['IPv4', 'IPv6']), { error: expects(FAMILIES_RULE) })
  .min(1, { error: expects(FAMILIES_RULE) })
  .max(2, { error: expects(FAMILIES_RULE) });

const CPU_RULE = 'must be a CPU quantity above 0, such as "4", "3500m" or "0.5"';
/** A number is taken as the quantity it spells (`cpu: 4` in YAML is "4"). */
const cpu = z
  .union([z.string(), z.number()], { error: expects(CPU_RULE) })
  .transform((value) => String(value))
  .refine((value) => (parseQuantityMilli(value) ?? 0) > 0, { error: expects(CPU_RULE) });

const TARGET_PORT_RULE = 'must be a port number from 1 to 65535 or the name of a container port';
// zod reports the issues of the one option whose type matched, so each option has its message.
const targetPort = z.union([integer(1, 65535), name(PORT_NAME_RULE, isPortName)], {
  error: expects(TARGET_PORT_RULE),
});

/** A count of replicas, or a percentage of them (`maxSurge`, `maxUnavailable`). */
function countOrPercent(maxPercent?: number) {
  const rule =
    maxPercent === undefined
      ? 'must be a count such as 1 or a percentage such as "25%"'
      : `must be a count such as 1 or a percentage from "0%" to "${maxPercent}%"`;
  const error = expects(rule);
  return z.union(
    [
      z.int({ error }).min(0, { error }).max(MAX_PODS, { error }),
      z
        .string({ error })
        .regex(/^\d{1,9}%$/, { error })
        .refine((value) => maxPercent === undefined || Number.parseInt(value, 10) <= maxPercent, {
          error,
        }),
    ],
    { error },
  );
}

const servicePort = strict({
  name: name(DNS1123_LABEL_RULE, isDns1123Label).optional(),
  protocol: protocol.optional(),
  appProtocol: text(253).optional(),
  port: portNumber,
  targetPort: targetPort.optional(),
  nodePort: integer(30000, 32767).optional(),
});

/** The fields of a Service an `editService` event may change. */
const serviceFields = {
  selector: labelMap({
    nonEmpty: 'must not be empty; leave selector out for a selector-less Service',
  }).optional(),
  ports: list(servicePort, MAX_PORTS, 'ports').optional(),
  clusterIP: z
    .literal('None', { error: expects('must be "None" for a headless Service, or left out') })
    .optional(),
  type: oneOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
  ipFamilies: ipFamilies.optional(),
  publishNotReadyAddresses: boolean().optional(),
  trafficDistribution: oneOf(['PreferClose', 'PreferSameZone', 'PreferSameNode']).optional(),
  labels: labelMap().optional(),
  annotations: annotationMap().optional(),
};

export const serviceSpecSchema = strict({
  name: serviceName,
  namespace: namespace.optional(),
  ...serviceFields,
}).superRefine(addProblems(serviceProblems), WHEN_WELL_FORMED);

/** Every field of an edit may also be null: the field is removed. */
const serviceChangesSchema = strict(
  Object.fromEntries(
    Object.entries(serviceFields).map(([field, schema]) => [
      field,
      schema.unwrap().nullable().optional(),
    ]),
  ) as {
    [K in keyof typeof serviceFields]: z.ZodOptional<
      z.ZodNullable<ReturnType<(typeof serviceFields)[K]['unwrap']>>
    >;
  },
).refine((changes) => Object.keys(changes).length > 0, { error: 'must change at least one field' });

const workloadPort = strict({
  name: name(PORT_NAME_RULE, isPortName).optional(),
  containerPort: portNumber,
  protocol: protocol.optional(),
});

export const workloadSpecSchema = strict({
  name: workloadName,
  namespace: namespace.optional(),
  replicas: integer(0, MAX_PODS),
  labels: labelMap({ nonEmpty: 'must have at least one label, for Services to select the Pods' }),
  ports: list(workloadPort, MAX_PORTS, 'ports').optional(),
  ipFamilies: ipFamilies.optional(),
  startSeconds: seconds(0, MAX_SCENARIO_SECONDS).optional(),
  startJitterSeconds: seconds(0, MAX_SCENARIO_SECONDS).optional(),
  terminationGracePeriodSeconds: seconds(0, MAX_SCENARIO_SECONDS).optional(),
  maxSurge: countOrPercent().optional(),
  maxUnavailable: countOrPercent(100).optional(),
  subdomain: name(DNS1123_LABEL_RULE, isDns1123Label).optional(),
}).superRefine(addProblems(workloadProblems), WHEN_WELL_FORMED);

export const zoneSpecSchema = strict({
  name: zoneName,
  region: zoneName.optional(),
  nodes: integer(1, MAX_NODES),
  nodeNames: list(nodeName, MAX_NODES, 'node names').optional(),
  cpu: cpu.optional(),
  maxPods: integer(1, MAX_PODS_PER_NODE).optional(),
  labels: labelMap().optional(),
}).superRefine(addProblems(zoneProblems), WHEN_WELL_FORMED);

const optionalString = z.string({ error: expects('must be a string', true) }).optional();

const objectReference = strict({
  kind: optionalString,
  namespace: optionalString,
  name: optionalString,
  uid: optionalString,
  apiVersion: optionalString,
  resourceVersion: optionalString,
  fieldPath: optionalString,
});

const endpointAddress = strict({
  // Not checked further: the mirroring controller skips an invalid IP with an event, and so does
  // the engine.
  ip: text(64),
  hostname: name(DNS1123_LABEL_RULE, isDns1123Label).optional(),
  nodeName: optionalString,
  targetRef: objectReference.optional(),
});

const endpointsPort = strict({
  name: name(DNS1123_LABEL_RULE, isDns1123Label).optional(),
  port: portNumber,
  protocol: protocol.optional(),
  appProtocol: text(253).optional(),
});

const endpointSubset = strict({
  addresses: list(endpointAddress, MAX_USER_ENDPOINTS_ADDRESSES, 'addresses').optional(),
  notReadyAddresses: list(endpointAddress, MAX_USER_ENDPOINTS_ADDRESSES, 'addresses').optional(),
  ports: list(endpointsPort, MAX_PORTS, 'ports').optional(),
});

/**
 * Loose, like a Kubernetes object: fields it does not list are kept as they are (so that
 * `kubectl get endpoints NAME -o yaml` output is accepted), but for `"__proto__"`, which cannot be.
 */
function kubernetesObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return refusingProtoKey(
    z.looseObject(shape, { error: expects('must be an object') }),
    'not allowed as a field name',
  );
}

const endpointsMetadata = kubernetesObject({
  name: serviceName,
  generateName: optionalString,
  namespace: namespace.optional(),
  uid: optionalString,
  resourceVersion: optionalString,
  generation: z.number({ error: expects('must be a number') }).optional(),
  creationTimestamp: optionalString,
  deletionTimestamp: optionalString,
  labels: labelMap().optional(),
  annotations: annotationMap().optional(),
  ownerReferences: z
    .array(
      kubernetesObject({
        apiVersion: z.string({ error: expects('must be a string', true) }),
        kind: z.string({ error: expects('must be a string', true) }),
        name: z.string({ error: expects('must be a string', true) }),
        uid: z.string({ error: expects('must be a string', true) }),
        controller: boolean().optional(),
        blockOwnerDeletion: boolean().optional(),
      }),
      { error: expects('must be a list') },
    )
    .optional(),
  finalizers: z.array(z.string(), { error: expects('must be a list of strings') }).optional(),
});

export const endpointsSchema = kubernetesObject({
  kind: z.literal('Endpoints', { error: expects('must be "Endpoints"') }).optional(),
  apiVersion: z.literal('v1', { error: expects('must be "v1"') }).optional(),
  metadata: endpointsMetadata,
  subsets: list(endpointSubset, MAX_PORTS, 'subsets').optional(),
});

const at = seconds(0, MAX_SCENARIO_SECONDS);
const workloadRef = { workload: workloadName, namespace: namespace.optional() };
const serviceRef = { name: serviceName, namespace: namespace.optional() };

/** The event types, in the order docs/scenarios.md describes them. */
export const SCENARIO_EVENT_TYPES = [
  'scale',
  'rollout',
  'readinessFlap',
  'drainNode',
  'uncordonNode',
  'nodeNotReady',
  'nodeReady',
  'removeNode',
  'addNodes',
  'zoneOutage',
  'createService',
  'deleteService',
  'editService',
] as const;

export const scenarioEventSchema = z.discriminatedUnion(
  'type',
  [
    strict({
      at,
      type: z.literal('scale'),
      ...workloadRef,
      replicas: integer(0, MAX_PODS),
    }),
    strict({ at, type: z.literal('rollout'), ...workloadRef }),
    strict({
      at,
      type: z.literal('readinessFlap'),
      ...workloadRef,
      pods: integer(1, MAX_PODS),
      forSeconds: positiveSeconds(MAX_SCENARIO_SECONDS),
    }),
    strict({ at, type: z.literal('drainNode'), node: nodeName }),
    strict({ at, type: z.literal('uncordonNode'), node: nodeName }),
    strict({
      at,
      type: z.literal('nodeNotReady'),
      node: nodeName,
      forSeconds: positiveSeconds(MAX_SCENARIO_SECONDS).optional(),
    }),
    strict({ at, type: z.literal('nodeReady'), node: nodeName }),
    strict({ at, type: z.literal('removeNode'), node: nodeName }),
    strict({ at, type: z.literal('addNodes'), zone: zoneName, count: integer(1, MAX_NODES) }),
    strict({
      at,
      type: z.literal('zoneOutage'),
      zone: zoneName,
      forSeconds: positiveSeconds(MAX_SCENARIO_SECONDS).optional(),
    }),
    strict({ at, type: z.literal('createService'), service: serviceSpecSchema }),
    strict({ at, type: z.literal('deleteService'), ...serviceRef }),
    strict({
      at,
      type: z.literal('editService'),
      ...serviceRef,
      changes: serviceChangesSchema,
    }),
  ],
  { error: eventTypeError(SCENARIO_EVENT_TYPES) },
);

export const controllerSettingsSchema = strict({
  maxEndpointsPerSlice: integer(
    MIN_MAX_ENDPOINTS_PER_SLICE,
    MAX_MAX_ENDPOINTS_PER_SLICE,
  ).optional(),
  batchPeriodSeconds: seconds(0, MAX_SCENARIO_SECONDS).optional(),
  preferSameTrafficDistribution: boolean().optional(),
});

const clusterSchema = strict({
  zones: list(zoneSpecSchema, MAX_ZONES, 'zones').min(1, { error: 'must list at least one zone' }),
  services: list(serviceSpecSchema, MAX_SERVICES, 'Services').optional(),
  workloads: list(workloadSpecSchema, MAX_WORKLOADS, 'workloads').optional(),
  endpoints: list(endpointsSchema, MAX_SERVICES, 'Endpoints objects').optional(),
});

const scenarioObjectSchema = strict({
  name: text(MAX_NAME_LENGTH),
  description: z
    .string({ error: expects('must be text', true) })
    .max(MAX_DESCRIPTION_LENGTH, {
      error: expects(`must be text of at most ${MAX_DESCRIPTION_LENGTH} characters`),
    })
    .optional(),
  cluster: clusterSchema,
  events: list(scenarioEventSchema, MAX_EVENTS, 'events').optional(),
  repeatEverySeconds: seconds(MIN_REPEAT_EVERY_SECONDS, MAX_SCENARIO_SECONDS).optional(),
  controllers: controllerSettingsSchema.optional(),
});

/**
 * A whole scenario: nulls dropped and huge lists refused (see prepare.ts), every field checked, then the checks across
 * fields (consistency.ts) once the parts are well formed. Issues carry whole messages; use
 * `firstScenarioIssue` (issues.ts) for the one line to show.
 */
export const scenarioSchema = z.preprocess(
  prepareScenarioDocument,
  scenarioObjectSchema.superRefine((scenario, context) => {
    checkScenario(scenario, (path, message) => context.addIssue({ code: 'custom', path, message }));
  }, WHEN_WELL_FORMED),
) satisfies z.ZodType<Scenario>;
