import { describe, expect, it } from 'vitest';
import { fieldsMatch, parseFieldSelector } from '../src/http/fieldSelector.ts';
import { labelsMatch, parseLabelSelector } from '../src/http/labelSelector.ts';
import { newNode, newPod } from './support/builders.ts';

function matches(selector: string, labels: Record<string, string> | undefined): boolean {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.message);
  return labelsMatch(parsed.selector, labels);
}

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', version: '3' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web, db)', true],
    ['app in (db)', false],
    ['app notin (db)', true],
    ['missing notin (db)', true],
    ['missing in (db)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['version>2', true],
    ['version<2', false],
    ['example.com/key=', false],
  ])('%j matches the labels: %s', (selector, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  it('treats a missing label map as no labels', () => {
    expect(matches('!app', undefined)).toBe(true);
    expect(matches('app', undefined)).toBe(false);
  });

  it.each([
    ['app in b', `unable to parse labelSelector "app in b": found 'b', expected: '('`],
    [
      'app=web,',
      `unable to parse labelSelector "app=web,": found 'end of string', expected: identifier`,
    ],
    ['=web', `unable to parse labelSelector "=web": found '=', expected: identifier`],
    [
      'app in ()',
      `unable to parse labelSelector "app in ()": for 'in', 'notin' operators, values set can't be empty`,
    ],
    [
      'a b',
      `unable to parse labelSelector "a b": found 'b', expected: '=', '!=', '==', 'in', 'notin'`,
    ],
    [
      'app=we b',
      `unable to parse labelSelector "app=we b": found 'b', expected: ',' or 'end of string'`,
    ],
    ['-bad-=x', `unable to parse labelSelector "-bad-=x": key: Invalid value: "-bad-"`],
    ['app=-x-', `unable to parse labelSelector "app=-x-": values: Invalid value: "-x-"`],
  ])('rejects %j, naming the selector', (selector, message) => {
    const parsed = parseLabelSelector(selector);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });
});

describe('field selectors', () => {
  it('selects pods by name, namespace, node and phase', () => {
    const pod = newPod('web-0', { nodeName: 'node-a', phase: 'Running' });
    const check = (selector: string): boolean => {
      const parsed = parseFieldSelector(selector, 'Pod');
      if (!parsed.ok) throw new Error(parsed.message);
      return fieldsMatch(parsed.selector, 'Pod', pod);
    };
    expect(check('metadata.name=web-0')).toBe(true);
    expect(check('metadata.name==web-1')).toBe(false);
    expect(check('metadata.namespace=default,spec.nodeName=node-a')).toBe(true);
    expect(check('spec.nodeName=node-a,status.phase!=Succeeded,status.phase!=Failed')).toBe(true);
    expect(check('spec.host=node-a')).toBe(true);
    expect(check('status.podIP!=10.0.0.1')).toBe(false);
  });

  it.each([
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.host',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ])('accepts the Pod field %s', (field) => {
    expect(parseFieldSelector(`${field}=x`, 'Pod').ok).toBe(true);
  });

  it('reads Pod fields as the apiserver’s selectable field set does', () => {
    const base = newPod('web-0');
    const pod = {
      ...base,
      spec: { ...base.spec, serviceAccount: 'legacy', restartPolicy: 'Always' },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.9' }, { ip: 'fd00::9' }] },
    };
    const check = (selector: string): boolean => {
      const parsed = parseFieldSelector(selector, 'Pod');
      if (!parsed.ok) throw new Error(parsed.message);
      return fieldsMatch(parsed.selector, 'Pod', pod);
    };
    expect(check('status.podIP=10.0.0.9')).toBe(true);
    expect(check('spec.serviceAccountName=legacy')).toBe(true);
    expect(check('spec.hostNetwork=false,spec.restartPolicy=Always')).toBe(true);
    // accepted by the label conversion, but absent from the field set: it reads as empty
    expect(check('status.podIPs=10.0.0.9')).toBe(false);
    expect(check('status.podIPs!=10.0.0.9,status.podIPs=')).toBe(true);
  });

  it.each(['Service', 'Endpoints', 'EndpointSlice'] as const)(
    'selects %s only by name and namespace (and Service type and clusterIP)',
    (kind) => {
      expect(parseFieldSelector('metadata.name=a,metadata.namespace=b', kind).ok).toBe(true);
      expect(parseFieldSelector('spec.type=ClusterIP', kind).ok).toBe(kind === 'Service');
      expect(parseFieldSelector('status.podIPs=x', kind)).toEqual({
        ok: false,
        message: 'field label not supported: status.podIPs',
      });
    },
  );

  it('selects nodes only by name and unschedulable, like the apiserver', () => {
    const parsed = parseFieldSelector('spec.unschedulable=false', 'Node');
    expect(parsed.ok && fieldsMatch(parsed.selector, 'Node', newNode('a'))).toBe(true);
    expect(parseFieldSelector('metadata.namespace=x', 'Node')).toEqual({
      ok: false,
      message: 'field label not supported: metadata.namespace',
    });
  });

  it('words errors as the apiserver does', () => {
    expect(parseFieldSelector('spec.foo=1', 'Pod')).toEqual({
      ok: false,
      message: 'field label not supported: spec.foo',
    });
    expect(parseFieldSelector('metadata.name', 'Service')).toEqual({
      ok: false,
      message: "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    });
  });

  it('honours escaped commas in values', () => {
    const parsed = parseFieldSelector('metadata.name=a\\,b', 'Pod');
    expect(parsed.ok && parsed.selector).toEqual([
      { field: 'metadata.name', op: '=', value: 'a,b' },
    ]);
  });
});
