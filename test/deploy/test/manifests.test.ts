import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDockerfile } from '../src/dockerfile.ts';
import { render } from '../src/kustomize.ts';
import { isObject, type JsonObject } from '../src/patch.ts';
import {
  at,
  container,
  expandedArgs,
  flag,
  only,
  readRepoFile,
  renderOverlay,
  userOverlay,
} from '../src/paths.ts';
import { schemaProblems } from '../src/schema.ts';

const atTools = userOverlay(['base-path']);
const everything = userOverlay(['base-path', 'token-auth', 'auth-proxy'], 'namespace-scoped');
afterAll(() => {
  for (const dir of [atTools, everything]) rmSync(dir, { recursive: true, force: true });
});

const RENDERINGS: [string, JsonObject[], string][] = [
  ['cluster-wide', renderOverlay('cluster-wide'), '/slicescope'],
  ['namespace-scoped', renderOverlay('namespace-scoped'), '/slicescope'],
  ['cluster-wide + base-path', render(atTools), '/tools/slicescope'],
  ['namespace-scoped + base-path, token-auth, auth-proxy', render(everything), '/tools/slicescope'],
];

const POD_LABELS = { 'app.kubernetes.io/name': 'slicescope' };

describe.each(RENDERINGS)('%s', (_name, resources, basePath) => {
  const deployment = only(resources, 'Deployment', 'slicescope');
  const pod = at(deployment, 'spec.template.spec') as JsonObject;
  const main = container(resources);
  const args = expandedArgs(resources);

  it('is valid against the Kubernetes schemas, with no unknown field', () => {
    expect(resources.flatMap(schemaProblems)).toEqual([]);
  });

  it('puts everything namespaced in the slicescope namespace', () => {
    expect(at(only(resources, 'Namespace'), 'metadata.name')).toBe('slicescope');
    for (const kind of ['ServiceAccount', 'Deployment', 'Service', 'Ingress', 'NetworkPolicy']) {
      expect(at(only(resources, kind), 'metadata.namespace'), kind).toBe('slicescope');
    }
    expect(at(only(resources, 'Namespace'), 'metadata.labels')).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  it('mounts the service-account token only into the server', () => {
    expect(at(only(resources, 'ServiceAccount'), 'automountServiceAccountToken')).toBe(false);
    expect(pod.serviceAccountName).toBe('slicescope');
    expect(pod.automountServiceAccountToken).toBe(true);
    const workloads = ['Pod', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'ReplicaSet'];
    expect(resources.filter((resource) => workloads.includes(String(resource.kind)))).toEqual([]);
  });

  it('runs the image as the non-root user it was built for, locked down', () => {
    const runtime = parseDockerfile(readRepoFile('deploy/Dockerfile')).stages.at(-1);
    const user = runtime?.instructions.find((each) => each.keyword === 'USER')?.text ?? '';
    const [uid, gid] = user.split(':').map(Number);
    for (const context of [pod.securityContext, main.securityContext]) {
      expect(context).toMatchObject({
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: gid,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    }
    expect(main.securityContext).toEqual(
      expect.objectContaining({
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      }),
    );
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace']) {
      expect(pod[field], field).toBeUndefined();
    }
    // The only writable place: an emptyDir at /tmp; anything else is mounted read-only.
    const mounts = main.volumeMounts as JsonObject[];
    expect(mounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: expect.any(Object) });
    for (const mount of mounts.filter((each) => each.mountPath !== '/tmp')) {
      expect(mount.readOnly, String(mount.mountPath)).toBe(true);
    }
  });

  it('asks for resources and limits them, the request covering the heap, the limit both heaps', () => {
    expect(main.resources).toMatchObject({
      requests: { cpu: expect.any(String), memory: expect.any(String) },
      limits: { cpu: expect.any(String), memory: expect.any(String) },
    });
    const mib = (quantity: unknown): number => {
      const match = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
      if (!match) throw new Error(`memory ${String(quantity)} is not in Mi or Gi`);
      return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
    };
    const env = main.env as { name: string; value?: string }[];
    const nodeOptions = env.find((each) => each.name === 'NODE_OPTIONS')?.value ?? '';
    const heap = Number(/--max-old-space-size=(\d+)/.exec(nodeOptions)?.[1]);
    const simulations = Number(flag(args, 'simulate-heap-mib'));
    // Requested below the heap, the pod would be scheduled on memory it then uses anyway.
    expect(mib(at(main, 'resources.requests.memory'))).toBeGreaterThanOrEqual(heap);
    expect(mib(at(main, 'resources.limits.memory'))).toBeGreaterThan(heap + simulations);
  });

  it(`serves at ${basePath}: the argument, the probes and the Ingress agree`, () => {
    expect(args.slice(0, 2)).toEqual(['serve', '--in-cluster']);
    expect(flag(args, 'base-path')).toBe(basePath);
    expect(at(main, 'readinessProbe.httpGet')).toEqual({
      path: `${basePath}/readyz`,
      port: 'http',
    });
    expect(at(main, 'livenessProbe.httpGet')).toEqual({
      path: `${basePath}/healthz`,
      port: 'http',
    });
    expect(main.ports).toEqual([
      { name: 'http', containerPort: Number(flag(args, 'port')), protocol: 'TCP' },
    ]);

    const ingress = only(resources, 'Ingress');
    const rules = at(ingress, 'spec.rules') as JsonObject[];
    expect(rules).toHaveLength(1);
    expect(at(rules[0], 'http.paths')).toEqual([
      {
        path: basePath,
        pathType: 'Prefix',
        backend: { service: { name: 'slicescope', port: { name: 'http' } } },
      },
    ]);
    const service = only(resources, 'Service');
    expect(at(service, 'spec')).toMatchObject({
      type: 'ClusterIP',
      selector: POD_LABELS,
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(at(deployment, 'spec.template.metadata.labels')).toMatchObject(POD_LABELS);
  });

  it('keeps server-sent events flowing through ingress-nginx, with no rewrite', () => {
    const annotations = at(only(resources, 'Ingress'), 'metadata.annotations') as JsonObject;
    const nginx = (name: string) => annotations[`nginx.ingress.kubernetes.io/${name}`];
    expect(nginx('proxy-buffering')).toBe('off');
    // Far above the app's 15 s heartbeat and nginx's 60 s default.
    expect(Number(nginx('proxy-read-timeout'))).toBeGreaterThanOrEqual(300);
    expect(Number(nginx('proxy-send-timeout'))).toBeGreaterThanOrEqual(300);
    for (const absent of [
      'rewrite-target',
      'use-regex',
      'configuration-snippet',
      'server-snippet',
      'app-root',
    ]) {
      expect(nginx(absent), absent).toBeUndefined();
    }
  });

  it('lets in only the ingress controller and lets out only the apiserver and DNS', () => {
    const policy = at(only(resources, 'NetworkPolicy'), 'spec') as JsonObject;
    expect(policy.podSelector).toEqual({ matchLabels: POD_LABELS });
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          },
        ],
        ports: [{ port: Number(flag(args, 'port')), protocol: 'TCP' }],
      },
    ]);
    const egress = policy.egress as JsonObject[];
    expect(egress).toHaveLength(2);
    expect(egress[0]?.ports).toEqual([
      { port: 443, protocol: 'TCP' },
      { port: 6443, protocol: 'TCP' },
    ]);
    expect(egress[1]).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    });
  });

  it('labels every resource as part of slicescope', () => {
    for (const resource of resources) {
      const labels = at(resource, 'metadata.labels');
      expect(isObject(labels) && labels['app.kubernetes.io/part-of']).toBe('slicescope');
    }
  });
});

describe('the auth components', () => {
  const resources = render(everything);
  const args = expandedArgs(resources);

  it('read the token from the Secret mounted read-only, readable by the server only', () => {
    const file = flag(args, 'token-file') ?? '';
    const mount = (container(resources).volumeMounts as JsonObject[]).find(
      (each) => each.name === 'token',
    );
    expect(file).toBe(`${String(mount?.mountPath)}/token`);
    const pod = at(only(resources, 'Deployment'), 'spec.template.spec') as JsonObject;
    expect(pod.volumes).toContainEqual({
      name: 'token',
      secret: { secretName: 'slicescope-token', defaultMode: 0o440 },
    });
    expect(at(pod, 'securityContext.fsGroup')).toBe(at(pod, 'securityContext.runAsGroup'));
  });

  it('trust the user header only from the proxy network', () => {
    expect(flag(args, 'auth-proxy-header')).toMatch(/^X-[A-Za-z-]+$/);
    expect(flag(args, 'auth-proxy-cidr')).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});
