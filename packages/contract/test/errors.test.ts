import { describe, expect, test } from 'vitest';
import { parseScenario, validateScenario, type ScenarioFormat } from '../src/index.ts';
import { type Loose, mutable } from './helpers.ts';

/**
 * Every class of bad scenario, with the exact line the user sees. Data cases break the base
 * scenario (helpers.ts) and validate it; text cases parse scenario text.
 */

interface DataCase {
  name: string;
  change: (scenario: Loose) => void;
  error: string;
}

const yamlOf = (lines: string[]): string => `${lines.join('\n')}\n`;
const HEAD = ['name: test', 'cluster:', '  zones:', '    - name: zone-a', '      nodes: 2'];

const textCases: { name: string; text: string; format?: ScenarioFormat; error: string }[] = [
  {
    name: 'YAML: bad indentation, with its line',
    text: yamlOf([...HEAD, '     cpu: "4"']),
    error: 'line 6, column 1: YAML: Sequence item without - indicator',
  },
  {
    name: 'YAML: a key twice',
    text: yamlOf([...HEAD, '      nodes: 3']),
    error: 'line 6, column 7: YAML: Map keys must be unique',
  },
  {
    name: 'YAML: an unclosed flow sequence',
    text: yamlOf([...HEAD, '  workloads: [', 'events: []']),
    error:
      'line 7, column 1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  },
  {
    name: 'YAML: two documents',
    text: yamlOf([...HEAD, '---', 'name: other']),
    error:
      'line 6, column 1: YAML: a scenario is one document, but the text holds more than one ("---")',
  },
  {
    name: 'YAML: an unknown tag',
    text: yamlOf([...HEAD, '      cpu: !cores 4']),
    error: 'line 6, column 12: YAML: Unresolved tag: !cores',
  },
  {
    name: 'JSON: a trailing comma',
    text: '{"name": "test",\n "cluster": {"zones": [{"name": "zone-a", "nodes": 2}]},\n}',
    format: 'json',
    error: 'line 3, column 1: JSON: expected a key in double quotes, found "}"',
  },
  {
    name: 'JSON: an unterminated string',
    text: '{"name": "test}',
    format: 'json',
    error: 'line 1, column 16: JSON: unterminated string',
  },
  {
    name: 'JSON: a missing comma',
    text: '{"name": "test" "cluster": {}}',
    format: 'json',
    error: 'line 1, column 17: JSON: expected "," or "}", found "\\""',
  },
  { name: 'empty text', text: '  \n', error: 'the scenario is empty' },
  {
    name: 'one word: a misspelt name',
    text: 'rolout\n',
    error:
      '"rolout" is not a scenario: a scenario is a YAML or JSON object (docs/scenarios.md), and the shipped ones are named demo, rollout, small, zone-outage',
  },
  {
    name: 'one word: a scenario only the command line generates',
    text: 'reference-workload',
    error:
      '"reference-workload" is a scenario for the command line, `slicescope simulate reference-workload`: too large for an api server\'s limits',
  },
  {
    name: 'a list instead of a mapping',
    text: '- name: test\n',
    error: 'the scenario must be an object (got a list)',
  },
];

const dataCases: DataCase[] = [
  // wrong types
  {
    name: 'a number for a name',
    change: (s) => (s.name = 5),
    error: 'name: must be text of 1 to 100 characters (got 5; quote it to make it a string)',
  },
  {
    name: 'a string for a count',
    change: (s) => (s.cluster.zones[0].nodes = '3'),
    error: 'cluster.zones[0].nodes: must be an integer from 1 to 5000 (got "3")',
  },
  {
    name: 'a fraction of a replica',
    change: (s) => (s.cluster.workloads[0].replicas = 2.5),
    error: 'cluster.workloads[0].replicas: must be an integer from 0 to 150000 (got 2.5)',
  },
  {
    name: 'a negative start-up jitter',
    change: (s) => (s.cluster.workloads[0].startJitterSeconds = -1),
    error:
      'cluster.workloads[0].startJitterSeconds: must be a number of seconds from 0 to 604800 (got -1)',
  },
  {
    name: 'text for a boolean',
    change: (s) => (s.cluster.services[0].publishNotReadyAddresses = 'yes'),
    error: 'cluster.services[0].publishNotReadyAddresses: must be true or false (got "yes")',
  },
  {
    name: 'a number for a label value',
    change: (s) => (s.cluster.workloads[0].labels.version = 2),
    error:
      'cluster.workloads[0].labels.version: must be a label value: empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (got 2; quote it to make it a string)',
  },
  {
    name: 'an object for a list',
    change: (s) => (s.cluster.services = { web: {} }),
    error: 'cluster.services: must be a list (got an object)',
  },
  // missing fields
  {
    name: 'no cluster',
    change: (s) => delete s.cluster,
    error: 'cluster: is required',
  },
  {
    name: 'a workload without labels',
    change: (s) => delete s.cluster.workloads[0].labels,
    error: 'cluster.workloads[0].labels: is required',
  },
  {
    name: 'an event without a type',
    change: (s) => delete s.events[0].type,
    error: 'events[0].type: is required',
  },
  // out of range
  {
    name: 'a zone without nodes',
    change: (s) => (s.cluster.zones[0].nodes = 0),
    error: 'cluster.zones[0].nodes: must be an integer from 1 to 5000 (got 0)',
  },
  {
    name: 'maxEndpointsPerSlice over 1000',
    change: (s) => (s.controllers = { maxEndpointsPerSlice: 1001 }),
    error: 'controllers.maxEndpointsPerSlice: must be an integer from 1 to 1000 (got 1001)',
  },
  {
    name: 'a port over 65535',
    change: (s) => (s.cluster.services[0].ports[0].port = 70000),
    error: 'cluster.services[0].ports[0].port: must be an integer from 1 to 65535 (got 70000)',
  },
  {
    name: 'repeating too often',
    change: (s) => (s.repeatEverySeconds = 5),
    error: 'repeatEverySeconds: must be a number of seconds from 10 to 604800 (got 5)',
  },
  {
    name: 'an event before the start',
    change: (s) => (s.events[0].at = -1),
    error: 'events[0].at: must be a number of seconds from 0 to 604800 (got -1)',
  },
  {
    name: 'an event after seven days',
    change: (s) => (s.events[0].at = 604801),
    error: 'events[0].at: must be a number of seconds from 0 to 604800 (got 604801)',
  },
  {
    name: 'a readiness flap of no time',
    change: (s) =>
      (s.events[0] = { at: 1, type: 'readinessFlap', workload: 'web', pods: 1, forSeconds: 0 }),
    error: 'events[0].forSeconds: must be a number of seconds above 0 and at most 604800 (got 0)',
  },
  {
    name: 'a nodePort outside the range',
    change: (s) => {
      s.cluster.services[0].type = 'NodePort';
      s.cluster.services[0].ports[0].nodePort = 8080;
    },
    error:
      'cluster.services[0].ports[0].nodePort: must be an integer from 30000 to 32767 (got 8080)',
  },
  {
    name: 'maxUnavailable over 100%',
    change: (s) => (s.cluster.workloads[0].maxUnavailable = '120%'),
    error:
      'cluster.workloads[0].maxUnavailable: must be a count such as 1 or a percentage from "0%" to "100%" (got "120%")',
  },
  {
    name: 'a CPU of zero',
    change: (s) => (s.cluster.zones[0].cpu = '0'),
    error:
      'cluster.zones[0].cpu: must be a CPU quantity above 0, such as "4", "3500m" or "0.5" (got "0")',
  },
  // enumerations
  {
    name: 'a lowercase protocol',
    change: (s) => (s.cluster.services[0].ports[0].protocol = 'tcp'),
    error: 'cluster.services[0].ports[0].protocol: must be one of TCP, UDP, SCTP (got "tcp")',
  },
  {
    name: 'an unknown event type',
    change: (s) => (s.events[0].type = 'restart'),
    error:
      'events[0].type: must be one of scale, rollout, readinessFlap, drainNode, uncordonNode, nodeNotReady, nodeReady, removeNode, addNodes, zoneOutage, createService, deleteService, editService (got "restart")',
  },
  {
    name: 'an unknown traffic distribution',
    change: (s) => (s.cluster.services[0].trafficDistribution = 'Nearby'),
    error:
      'cluster.services[0].trafficDistribution: must be one of PreferClose, PreferSameZone, PreferSameNode (got "Nearby")',
  },
  {
    name: 'one IP family twice',
    change: (s) => (s.cluster.services[0].ipFamilies = ['IPv4', 'IPv4']),
    error:
      'cluster.services[0].ipFamilies[1]: duplicate family "IPv4"; dual-stack is [IPv4, IPv6] or [IPv6, IPv4]',
  },
  // unknown fields
  {
    name: 'an unknown zone field',
    change: (s) => (s.cluster.zones[0].nodeCount = 3),
    error:
      'cluster.zones[0].nodeCount: unknown field; expected one of name, region, nodes, nodeNames, cpu, maxPods, labels',
  },
  {
    name: 'a misspelt top-level field',
    change: (s) => (s.evnts = []),
    error:
      'evnts: unknown field; expected one of name, description, cluster, events, repeatEverySeconds, controllers',
  },
  {
    name: 'a misspelt field wins over the missing one',
    change: (s) => (s.events[0] = { at: 1, type: 'scale', workload: 'web', replica: 3 }),
    error:
      'events[0].replica: unknown field; expected one of at, type, workload, namespace, replicas',
  },
  // names
  {
    name: 'an uppercase Service name',
    change: (s) => (s.cluster.services[0].name = 'Web'),
    error:
      'cluster.services[0].name: must be a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (got "Web")',
  },
  {
    name: 'a Service name starting with a digit',
    change: (s) => (s.cluster.services[0].name = '1web'),
    error:
      'cluster.services[0].name: must be a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (got "1web")',
  },
  {
    name: 'a namespace with an underscore',
    change: (s) => (s.cluster.workloads[0].namespace = 'my_ns'),
    error:
      'cluster.workloads[0].namespace: must be a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (got "my_ns")',
  },
  {
    name: 'a label key with a space',
    change: (s) => (s.cluster.workloads[0].labels = { 'my app': 'web' }),
    error:
      'cluster.workloads[0].labels["my app"]: key must be a qualified name: an optional DNS-1123 subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  },
  {
    name: 'an uppercase target port name',
    change: (s) => (s.cluster.services[0].ports[0].targetPort = 'HTTP'),
    error:
      'cluster.services[0].ports[0].targetPort: must be a port name: at most 15 lowercase letters, digits and "-", with at least one letter, no "--", and not starting or ending with "-" (got "HTTP")',
  },
  {
    name: 'a zone name that makes bad Node names',
    change: (s) => (s.cluster.zones[0].name = 'Zone_A'),
    error:
      'cluster.zones[0].name: gives Node names such as "Zone_A-node-1", which are not DNS-1123 subdomains; use a lowercase name or give nodeNames',
  },
  {
    name: 'an empty selector',
    change: (s) => (s.cluster.services[0].selector = {}),
    error:
      'cluster.services[0].selector: must not be empty; leave selector out for a selector-less Service',
  },
  // rules within one object
  {
    name: 'two unnamed Service ports',
    change: (s) => s.cluster.services[0].ports.push({ port: 443 }),
    error: 'cluster.services[0].ports[1].name: is required when a Service has more than one port',
  },
  {
    name: 'a headless NodePort Service',
    change: (s) => {
      s.cluster.services[0].clusterIP = 'None';
      s.cluster.services[0].type = 'NodePort';
    },
    error:
      'cluster.services[0].clusterIP: "None" (headless) needs type ClusterIP, but the type is NodePort',
  },
  {
    name: 'a rollout that cannot progress',
    change: (s) => {
      s.cluster.workloads[0].maxSurge = 0;
      s.cluster.workloads[0].maxUnavailable = '0%';
    },
    error:
      'cluster.workloads[0].maxUnavailable: cannot be 0 when maxSurge is 0 too: the rollout could never make progress',
  },
  {
    name: 'fewer node names than nodes',
    change: (s) => (s.cluster.zones[0].nodeNames = ['a']),
    error: 'cluster.zones[0].nodeNames: has 1 names for 2 nodes; give one name per node',
  },
  {
    name: 'a Node label the engine sets',
    change: (s) => (s.cluster.zones[0].labels = { 'topology.kubernetes.io/zone': 'x' }),
    error:
      'cluster.zones[0].labels["topology.kubernetes.io/zone"]: is set by the engine from the zone and the Node; remove it',
  },
  // dangling references and duplicates
  {
    name: 'scaling a workload that does not exist',
    change: (s) => (s.events[0] = { at: 5, type: 'scale', workload: 'api', replicas: 2 }),
    error: 'events[0].workload: no workload "api" in namespace "default"',
  },
  {
    name: 'a workload in another namespace',
    change: (s) => (s.events[0].namespace = 'shop'),
    error: 'events[0].workload: no workload "web" in namespace "shop"',
  },
  {
    name: 'a Node past the zone’s count',
    change: (s) => (s.events[0] = { at: 5, type: 'nodeNotReady', node: 'zone-a-node-3' }),
    error:
      'events[0].node: no node "zone-a-node-3"; Nodes are named <zone>-node-1 to <zone>-node-<nodes> unless the zone gives nodeNames',
  },
  {
    name: 'draining a removed Node',
    change: (s) =>
      (s.events = [
        { at: 20, type: 'drainNode', node: 'zone-a-node-1' },
        { at: 10, type: 'removeNode', node: 'zone-a-node-1' },
      ]),
    error: 'events[0].node: node "zone-a-node-1" is gone: events[1] removed it at 10 s',
  },
  {
    name: 'a zone that does not exist',
    change: (s) => (s.events[0] = { at: 5, type: 'zoneOutage', zone: 'zone-c' }),
    error: 'events[0].zone: no zone "zone-c"',
  },
  {
    name: 'editing a Service before it is created',
    change: (s) =>
      (s.events = [
        { at: 5, type: 'editService', name: 'api', changes: { publishNotReadyAddresses: true } },
        { at: 9, type: 'createService', service: { name: 'api', ports: [{ port: 80 }] } },
      ]),
    error:
      'events[0].name: no Service "api" in namespace "default" yet: events[1] creates it at 9 s',
  },
  {
    name: 'creating a Service that exists',
    change: (s) =>
      (s.events = [
        { at: 5, type: 'createService', service: { name: 'web', ports: [{ port: 80 }] } },
      ]),
    error: 'events[0].service.name: Service "web" in namespace "default" already exists',
  },
  {
    name: 'an edit that breaks a Service',
    change: (s) => {
      s.cluster.services[0].clusterIP = 'None';
      s.events = [{ at: 5, type: 'editService', name: 'web', changes: { type: 'LoadBalancer' } }];
    },
    error:
      'events[0].changes.type: "None" (headless) needs type ClusterIP, but the type is LoadBalancer',
  },
  {
    name: 'a null deep inside an edit',
    change: (s) =>
      (s.events = [{ at: 5, type: 'editService', name: 'web', changes: { labels: { a: null } } }]),
    error:
      'events[0].changes.labels.a: cannot be null here: only a field of changes itself can be null (removed)',
  },
  {
    name: 'two workloads of one name',
    change: (s) => s.cluster.workloads.push({ name: 'web', replicas: 1, labels: { app: 'x' } }),
    error:
      'cluster.workloads[1].name: duplicate workload "web" in namespace "default" (also cluster.workloads[0])',
  },
  {
    name: 'two zones of one name',
    change: (s) => s.cluster.zones.push({ name: 'zone-a', nodes: 1, nodeNames: ['extra'] }),
    error: 'cluster.zones[2].name: duplicate zone "zone-a" (also cluster.zones[0])',
  },
  {
    name: 'a given node name that a zone also generates',
    change: (s) =>
      (s.cluster.zones[1] = { name: 'zone-b', nodes: 1, nodeNames: ['zone-a-node-2'] }),
    error:
      'cluster.zones[1].nodeNames[0]: duplicate node name "zone-a-node-2" (also in zone "zone-a")',
  },
  {
    name: 'user Endpoints for a Service with a selector',
    change: (s) => (s.cluster.endpoints = [{ metadata: { name: 'web' }, subsets: [] }]),
    error:
      'cluster.endpoints[0].metadata.name: Service "web" in namespace "default" has a selector, so the Endpoints controller writes its Endpoints; user Endpoints are only for selector-less Services',
  },
  {
    name: 'user Endpoints without a Service',
    change: (s) => (s.cluster.endpoints = [{ metadata: { name: 'db', namespace: 'data' } }]),
    error:
      'cluster.endpoints[0].metadata.name: no Service "db" in namespace "data"; user Endpoints belong to a selector-less Service of the same name',
  },
  // limits
  {
    name: 'too many nodes',
    change: (s) => (s.cluster.zones[1].nodes = 4999),
    error: 'cluster.zones: 5001 nodes in total, over the limit of 5000',
  },
  {
    name: 'too many pods',
    change: (s) =>
      s.cluster.workloads.push(
        { name: 'a', replicas: 100000, labels: { app: 'a' } },
        { name: 'b', replicas: 50000, labels: { app: 'b' } },
      ),
    error:
      'cluster.workloads: 150003 pods in total (the sum of replicas), over the limit of 150000',
  },
  {
    name: 'too many pods after a scale event',
    change: (s) => (s.events = [{ at: 5, type: 'scale', workload: 'web', replicas: 150001 }]),
    error: 'events[0].replicas: must be an integer from 0 to 150000 (got 150001)',
  },
  {
    name: 'too many pods after two scale events',
    change: (s) => {
      s.cluster.workloads.push({ name: 'batch', replicas: 0, labels: { app: 'batch' } });
      s.events = [
        { at: 5, type: 'scale', workload: 'web', replicas: 100000 },
        { at: 6, type: 'scale', workload: 'batch', replicas: 60000 },
      ];
    },
    error:
      'events[1].replicas: brings the pods to 160000 (the sum of replicas), over the limit of 150000',
  },
  {
    name: 'too many pods only when the events repeat',
    change: (s) => {
      s.cluster.workloads.push({ name: 'batch', replicas: 0, labels: { app: 'batch' } });
      s.repeatEverySeconds = 60;
      s.events = [
        { at: 10, type: 'scale', workload: 'batch', replicas: 100000 },
        { at: 20, type: 'scale', workload: 'batch', replicas: 0 },
        { at: 50, type: 'scale', workload: 'web', replicas: 100000 },
      ];
    },
    error:
      'events[0].replicas: brings the pods to 200000 (the sum of replicas) when the events repeat, over the limit of 150000',
  },
  {
    name: 'too many nodes after addNodes',
    change: (s) => (s.events = [{ at: 5, type: 'addNodes', zone: 'zone-a', count: 4997 }]),
    error: 'events[0].count: brings the nodes to 5001, over the limit of 5000',
  },
  {
    name: 'addNodes in a repeating scenario',
    change: (s) => {
      s.repeatEverySeconds = 60;
      s.events = [{ at: 5, type: 'addNodes', zone: 'zone-a', count: 1 }];
    },
    error:
      'events[0].type: addNodes cannot repeat: with repeatEverySeconds every cycle would add more nodes, without end',
  },
  {
    name: 'an event after the end of its cycle',
    change: (s) => (s.repeatEverySeconds = 10),
    error:
      'events[0].at: must be less than repeatEverySeconds (10), so that each cycle ends before the next begins (got 10)',
  },
  {
    name: 'too many events',
    change: (s) =>
      (s.events = Array.from({ length: 100_001 }, (_, i) => ({
        at: i % 1000,
        type: 'rollout',
        workload: 'web',
      }))),
    error: 'events: 100001 events, over the limit of 100000',
  },
  {
    name: 'too many Services',
    change: (s) =>
      (s.cluster.services = Array.from({ length: 10_001 }, (_, i) => ({
        name: `s${i}`,
        ports: [{ port: 80 }],
      }))),
    error: 'cluster.services: 10001 Services, over the limit of 10000',
  },
];

describe('bad scenarios get one clear line naming the field', () => {
  test('the table covers at least 30 cases', () => {
    expect(textCases.length + dataCases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(textCases)('$name', ({ text, format, error }) => {
    const result = parseScenario(text, format);
    expect(result).toMatchObject({ ok: false, error });
  });

  test.each(dataCases)('$name', ({ change, error }) => {
    const scenario = mutable();
    change(scenario);
    const result = validateScenario(scenario);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(error);
    expect(result.field).toBeDefined();
    expect(error.startsWith(`${result.field}: `)).toBe(true);
    expect(error).not.toContain('\n');
  });

  test('the text limit is checked before anything is parsed', () => {
    const text = `# ${'x'.repeat(16 * 1024 * 1024)}\n`;
    expect(parseScenario(text)).toEqual({
      ok: false,
      error: `the scenario text has ${text.length} characters, over the limit of 16777216`,
    });
  });
});
