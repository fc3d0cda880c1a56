import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/patch.ts';
import { at, expandedArgs, renderOverlay } from '../src/paths.ts';

/** What the api reads (architecture.md, watch-protocol.md §4.1): nothing else, ever. */
const ALLOWED = [
  ...['services', 'endpoints', 'pods', 'nodes'].map((resource) => ['', resource] as const),
  ['discovery.k8s.io', 'endpointslices'] as const,
];
const VERBS = ['get', 'list', 'watch'];
const SUBJECT = { kind: 'ServiceAccount', name: 'slicescope', namespace: 'slicescope' };

interface Grant {
  scope: string;
  group: string;
  resource: string;
  verb: string;
}

/** Every (group, resource, verb) a role grants, with where: 'cluster' or its namespace. */
function grants(role: JsonObject): Grant[] {
  const scope = role.kind === 'ClusterRole' ? 'cluster' : String(at(role, 'metadata.namespace'));
  expect(role.aggregationRule, 'an aggregated role grants what others add').toBeUndefined();
  return ((role.rules as JsonObject[] | undefined) ?? []).flatMap((rule) => {
    expect(Object.keys(rule).sort(), 'no resourceNames or nonResourceURLs').toEqual([
      'apiGroups',
      'resources',
      'verbs',
    ]);
    const groups = rule.apiGroups as string[];
    const resources = rule.resources as string[];
    const verbs = rule.verbs as string[];
    return groups.flatMap((group) =>
      resources.flatMap((resource) => verbs.map((verb) => ({ scope, group, resource, verb }))),
    );
  });
}

/** Whether `granted` allows a request, with Kubernetes' wildcard rules. */
function allows(granted: Grant[], group: string, resource: string, verb: string): boolean {
  return granted.some(
    (grant) =>
      (grant.group === group || grant.group === '*') &&
      (grant.resource === resource || grant.resource === '*') &&
      (grant.verb === verb || grant.verb === '*'),
  );
}

function rbacOf(resources: JsonObject[]) {
  const roles = resources.filter((each) => each.kind === 'Role' || each.kind === 'ClusterRole');
  const bindings = resources.filter((each) => String(each.kind).endsWith('RoleBinding'));
  for (const binding of bindings) {
    expect(binding.subjects, 'bound to the server only').toEqual([SUBJECT]);
    const ref = binding.roleRef as JsonObject;
    const role = roles.find(
      (each) =>
        each.kind === ref.kind &&
        at(each, 'metadata.name') === ref.name &&
        (each.kind === 'ClusterRole' ||
          at(each, 'metadata.namespace') === at(binding, 'metadata.namespace')),
    );
    expect(role, `${String(binding.kind)} refers to a role of this installation`).toBeDefined();
    if (binding.kind === 'ClusterRoleBinding') expect(ref.kind).toBe('ClusterRole');
  }
  expect(roles).toHaveLength(bindings.length);
  return { roles, bindings, granted: roles.flatMap(grants) };
}

const ALWAYS_DENIED = [
  ['', 'secrets', 'get'],
  ['', 'secrets', 'list'],
  ['', 'configmaps', 'get'],
  ['', 'pods/exec', 'get'],
  ['', 'pods/exec', 'create'],
  ['', 'pods/log', 'get'],
  ['', 'pods/portforward', 'get'],
  ['', 'nodes/proxy', 'get'],
  ['', 'services/proxy', 'get'],
  ['', 'services', 'create'],
  ['', 'services', 'patch'],
  ['', 'pods', 'delete'],
  ['discovery.k8s.io', 'endpointslices', 'update'],
  ['rbac.authorization.k8s.io', 'clusterroles', 'escalate'],
  ['', 'users', 'impersonate'],
  ['', 'serviceaccounts', 'impersonate'],
] as const;

describe('cluster-wide', () => {
  const { roles, granted } = rbacOf(renderOverlay('cluster-wide'));

  it('grants exactly get, list and watch of the five resources, cluster-wide', () => {
    expect(roles.map((role) => role.kind)).toEqual(['ClusterRole']);
    const expected = ALLOWED.flatMap(([group, resource]) =>
      VERBS.map((verb) => ({ scope: 'cluster', group, resource, verb })),
    );
    expect(granted).toHaveLength(expected.length);
    expect(granted).toEqual(expect.arrayContaining(expected));
  });

  it.each(ALWAYS_DENIED)('does not allow %s %s %s', (group, resource, verb) => {
    expect(allows(granted, group, resource, verb)).toBe(false);
  });
});

describe('namespace-scoped', () => {
  const resources = renderOverlay('namespace-scoped');
  const { granted } = rbacOf(resources);
  const watched = expandedArgs(resources)
    .filter((arg) => arg.startsWith('--namespace='))
    .map((arg) => arg.slice('--namespace='.length));

  it('grants the namespaced kinds only in the namespaces it watches', () => {
    expect(watched).toEqual(['default']);
    const namespaced = granted.filter((grant) => grant.scope !== 'cluster');
    const expected = watched.flatMap((scope) =>
      ALLOWED.filter(([, resource]) => resource !== 'nodes').flatMap(([group, resource]) =>
        VERBS.map((verb) => ({ scope, group, resource, verb })),
      ),
    );
    expect(namespaced).toHaveLength(expected.length);
    expect(namespaced).toEqual(expect.arrayContaining(expected));
  });

  it('grants nothing cluster-wide but reading Nodes (which have no namespace)', () => {
    expect(granted.filter((grant) => grant.scope === 'cluster')).toEqual(
      VERBS.map((verb) => ({ scope: 'cluster', group: '', resource: 'nodes', verb })),
    );
  });

  it.each(ALWAYS_DENIED)('does not allow %s %s %s', (group, resource, verb) => {
    expect(allows(granted, group, resource, verb)).toBe(false);
  });
});
