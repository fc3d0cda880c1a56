import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpNotes, newestTimeIn, readDumpFiles } from '../../src/sources/dumpFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'slicescope-dump-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('reading kubectl dumps', () => {
  it('reads a JSON List, keeps the five kinds, counts the others and defaults the namespace', () => {
    const path = file(
      'all.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: {} },
          { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
          { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
        ],
      }),
    );
    const contents = readDumpFiles([path]);
    expect(
      contents.objects.map(
        (o) => `${o.kind} ${o.object.metadata.namespace ?? '-'}/${o.object.metadata.name}`,
      ),
    ).toEqual(['Service default/web', 'Node -/n1']);
    expect(contents.skipped).toEqual({ Deployment: 1 });
    expect(dumpNotes(contents)).toEqual([
      '--from-file: left out Deployment × 1 (slicescope reads Services, EndpointSlices, Endpoints, Pods and Nodes)',
    ]);
  });

  it('reads multi-document YAML with v1beta1 slices and nested Lists; the last duplicate wins', () => {
    const path = file(
      'slices.yaml',
      [
        'apiVersion: discovery.k8s.io/v1beta1',
        'kind: EndpointSlice',
        'metadata: {name: web-1, namespace: shop}',
        'addressType: IPv4',
        'endpoints: [{addresses: [10.0.0.1], topology: {topology.kubernetes.io/zone: a}}]',
        '---',
        'apiVersion: v1',
        'kind: PodList',
        'items:',
        '- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop, labels: {v: "1"}}}',
        '- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop, labels: {v: "2"}}}',
        '---',
      ].join('\n'),
    );
    const contents = readDumpFiles([path]);
    const { objects } = contents;
    expect(objects.map((o) => o.kind)).toEqual(['EndpointSlice', 'Pod']);
    expect(objects[1]?.object.metadata.labels).toEqual({ v: '2' });
    expect(dumpNotes(contents)).toEqual([
      '--from-file: 1 object appeared more than once; the last copy of each is served',
    ]);
  });

  it("gives a typed list's items without kind the list's kind and apiVersion", () => {
    const path = file(
      'raw.json',
      JSON.stringify({
        kind: 'EndpointSliceList',
        apiVersion: 'discovery.k8s.io/v1',
        items: [{ metadata: { name: 'web-1', namespace: 'shop' }, addressType: 'IPv4' }],
      }),
    );
    const [slice] = readDumpFiles([path]).objects;
    expect(slice?.kind).toBe('EndpointSlice');
    expect(slice?.object).toMatchObject({ apiVersion: 'discovery.k8s.io/v1' });
  });

  it('finds the newest time a dump records: a lower bound of when it was taken', () => {
    const at = (time: string) => ({ metadata: { name: time, creationTimestamp: time } });
    const path = file(
      'times.json',
      JSON.stringify({
        kind: 'List',
        items: [
          { kind: 'Service', ...at('2025-01-01T00:00:00Z') },
          {
            kind: 'Pod',
            metadata: {
              name: 'deleted',
              creationTimestamp: '2025-01-01T00:00:01Z',
              // The deletion was asked for at 00:00:05 (the timestamp is its deadline).
              deletionTimestamp: '2025-01-01T00:00:35Z',
              deletionGracePeriodSeconds: 30,
            },
            status: { conditions: [{ type: 'Ready', lastTransitionTime: '2025-01-01T00:00:03Z' }] },
          },
        ],
      }),
    );
    expect(newestTimeIn(readDumpFiles([path]))).toBe(Date.parse('2025-01-01T00:00:05Z'));
    const undated = file('undated.json', JSON.stringify({ kind: 'Node', metadata: { name: 'n' } }));
    expect(newestTimeIn(readDumpFiles([undated]))).toBeUndefined();
  });

  it('names the file, the place and the problem', () => {
    expect(() => readDumpFiles([join(dir, 'missing.json')])).toThrow(
      /missing\.json: cannot read it \(ENOENT\)/,
    );
    expect(() => readDumpFiles([file('bad.json', '{"kind": ')])).toThrow(
      /bad\.json: not valid JSON/,
    );
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from('kind: Service\nmetadata:\n  name: caf\xe9\n', 'latin1'));
    expect(() => readDumpFiles([latin1])).toThrow(
      /^--from-file .*latin1\.yaml: line 3: not UTF-8 text \(byte 0xe9 at offset 35\)/,
    );
    expect(() => readDumpFiles([file('bad.yaml', 'kind: Service\n  metadata: [')])).toThrow(
      /bad\.yaml( line \d+)?: not valid YAML/,
    );
    expect(() => readDumpFiles([file('noname.json', '{"kind":"Service","metadata":{}}')])).toThrow(
      /noname\.json: document 1 \(Service\) has no metadata\.name/,
    );
    expect(() => readDumpFiles([file('nokind.json', '{"items":[{"metadata":{}}]}')])).toThrow(
      /document 1\.items\[0\] has no "kind"/,
    );
    expect(() =>
      readDumpFiles([file('other.json', '{"kind":"ConfigMap","metadata":{"name":"x"}}')]),
    ).toThrow(/no Services, EndpointSlices, Pods, Nodes or Endpoints/);
    // Kept objects are encoded again for every client: none nested past the limit.
    const deep = `{"kind":"Service","metadata":{"name":"web","annotations":{"a":${'{"x":'.repeat(5_000)}1${'}'.repeat(5_000)}}}}`;
    expect(() => readDumpFiles([file('deep.json', deep)])).toThrow(
      /deep\.json: document 1 \(Service web\) is nested more than 64 levels deep, at metadata\.annotations\.a\.x\.x/,
    );
  });
});
