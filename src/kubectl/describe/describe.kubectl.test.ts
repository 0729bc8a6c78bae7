/**
 * The describers against the fidelity oracle: real kubectl v1.32 describes objects in the
 * simulated cluster over HTTP, the describers describe the same objects read over HTTP,
 * and the two texts must be identical.
 *
 * The cluster keeps running between the two reads, so each comparison is retried until
 * both saw the same state. Ages are the only time-dependent text: kubectl measures them
 * against its own clock, so the describers are given the same wall clock (the moment
 * kubectl ran, give or take the length of the run). Should they still differ after every
 * retry, ages and durations are normalized and the texts compared again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, startApiserver, type RunningApiserver } from '../../server/harness';
import type { KubeObject } from '../../sim/apiserver/types';
import { describe, type DescribeContext } from './index';

const kubectl = kubectlOrSkip();
const OBJECTS = readFileSync(path.join(import.meta.dirname, 'testdata/objects.yaml'), 'utf8');

/** A DescribeContext over HTTP with the kubeconfig's bearer token, as kubectl would read. */
function httpContext(api: RunningApiserver, now: number): DescribeContext {
  const config = load(readFileSync(path.join(api.dir, 'kubeconfig'), 'utf8')) as {
    users: { user: { token: string } }[];
  };
  const token = config.users[0]?.user.token ?? '';
  const request = async (apiPath: string, query: Record<string, string>) => {
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${api.url}${apiPath}${qs ? `?${qs}` : ''}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status >= 400) throw Object.assign(new Error(String(body.message)), { code: res.status });
    return body;
  };
  return {
    now,
    async list(apiPath, query = {}) {
      const items: KubeObject[] = [];
      let next: string | undefined = '';
      while (next !== undefined) {
        const params: Record<string, string> = {
          ...query,
          limit: '500',
          ...(next ? { continue: next } : {}),
        };
        const page = await request(apiPath, params);
        items.push(...(page.items as KubeObject[]));
        next = (page.metadata as { continue?: string }).continue || undefined;
      }
      return items;
    },
    async get(apiPath) {
      return (await request(apiPath, {}).catch((e: { code?: number }) => {
        if (e.code === 404) return null;
        throw e;
      })) as KubeObject | null;
    },
  };
}

/** Ages and durations (`12s`, `3m20s`, `<invalid>`) replaced, whitespace runs collapsed. */
const normalizeAges = (text: string): string =>
  text.replace(/<invalid>|\b(?:\d+[ydhms])+\b/g, '<age>').replace(/ {2,}/g, '  ');

/** Lists `noisy` events: 40 events sharing three timestamps, to pin kubectl's unstable sort. */
function noisyEvents(uid: string): string {
  return Array.from({ length: 40 }, (_, i) => {
    const at = `2026-01-01T00:00:0${(i * 7) % 3}Z`;
    return `apiVersion: v1
kind: Event
metadata: { name: noisy.${String(i).padStart(3, '0')}, namespace: default }
involvedObject: { apiVersion: v1, kind: ConfigMap, name: noisy, namespace: default, uid: ${uid} }
reason: Reason${i}
message: message number ${i}
type: ${i % 5 === 0 ? 'Warning' : 'Normal'}
source: { component: test-${i % 3} }
firstTimestamp: "${at}"
lastTimestamp: "${at}"
count: ${(i % 4) + 1}
`;
  }).join('---\n');
}

suite.skipIf(kubectl === null)('describe matches real kubectl describe', { timeout: 180_000 }, () => {
  let api: RunningApiserver;
  const strict: string[] = [];

  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '10']);
    const applied = await api.kubectl(['apply', '-f', api.file('objects.yaml', OBJECTS)]);
    expect(applied.stderr).toBe('');
    await api.kubectl(['create', 'configmap', 'noisy']);
    const uid = (await api.kubectl(['get', 'cm', 'noisy', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    expect((await api.kubectl(['apply', '-f', api.file('events.yaml', noisyEvents(uid))])).code).toBe(0);
    const waits: [string[], (out: string) => boolean][] = [
      [['get', 'pod', 'probe-pod'], (o) => /1\/1\s+Running/.test(o)],
      [['get', 'pvc', 'data'], (o) => o.includes('Bound')],
      [['get', 'job', 'pi'], (o) => o.includes('Complete')],
      [['get', 'sts', 'db'], (o) => o.includes('2/2')],
      [['get', 'deploy', 'web'], (o) => o.includes('2/2')],
      [['get', 'rc', 'legacy'], (o) => /legacy\s+1\s+1\s+1/.test(o)],
    ];
    for (const [args, done] of waits) await eventually(api, args, done);
    await api.kubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.28']);
    expect((await api.kubectl(['rollout', 'status', 'deploy/web', '--timeout=90s'])).code).toBe(0);
    await eventually(api, ['get', 'ingress', 'web'], (o) => o.includes('localhost'));
  }, 180_000);

  afterAll(async () => {
    console.info(`describe matched kubectl byte for byte ${strict.length} times: ${strict.join(', ')}`);
    await api?.stop();
  });

  /** Describes with kubectl and with the describer until both saw the same cluster. */
  async function compare(args: string[], apiPath: string): Promise<void> {
    let real = '';
    let mine = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      const before = Date.now();
      const result = await api.kubectl(['describe', ...args], { env: { TZ: 'UTC' } });
      const after = Date.now();
      expect(result.stderr).toBe('');
      real = result.stdout;
      const obj = await httpContext(api, after).get(apiPath);
      if (!obj) throw new Error(`${apiPath} not found`);
      for (const now of [before, after]) {
        mine = await describe(obj, httpContext(api, now));
        if (mine === real) {
          strict.push(args.join(' '));
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(normalizeAges(mine)).toBe(normalizeAges(real));
  }

  const CASES: [string, string[], string][] = [
    [
      'a pod with probes, env, envFrom and volumes',
      ['pod', 'probe-pod'],
      '/api/v1/namespaces/default/pods/probe-pod',
    ],
    ['a rolled-out deployment', ['deploy', 'web'], '/apis/apps/v1/namespaces/default/deployments/web'],
    ['a service', ['svc', 'web'], '/api/v1/namespaces/default/services/web'],
    ['a NodePort service', ['svc', 'web-np'], '/api/v1/namespaces/default/services/web-np'],
    ['a worker node', ['node', 'node-1'], '/api/v1/nodes/node-1'],
    ['the control-plane node', ['node', 'control-plane'], '/api/v1/nodes/control-plane'],
    ['a namespace with quotas and limits', ['ns', 'team-a'], '/api/v1/namespaces/team-a'],
    ['a configmap', ['cm', 'app-config'], '/api/v1/namespaces/default/configmaps/app-config'],
    ['events sharing timestamps', ['cm', 'noisy'], '/api/v1/namespaces/default/configmaps/noisy'],
    ['a secret', ['secret', 'app-secret'], '/api/v1/namespaces/default/secrets/app-secret'],
    ['a statefulset', ['sts', 'db'], '/apis/apps/v1/namespaces/default/statefulsets/db'],
    [
      'a daemonset',
      ['-n', 'kube-system', 'ds', 'kube-proxy'],
      '/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy',
    ],
    ['a completed job', ['job', 'pi'], '/apis/batch/v1/namespaces/default/jobs/pi'],
    ['a cronjob', ['cronjob', 'hello'], '/apis/batch/v1/namespaces/default/cronjobs/hello'],
    ['a bound claim', ['pvc', 'data'], '/api/v1/namespaces/default/persistentvolumeclaims/data'],
    ['the default storage class', ['sc', 'standard'], '/apis/storage.k8s.io/v1/storageclasses/standard'],
    ['an ingress', ['ingress', 'web'], '/apis/networking.k8s.io/v1/namespaces/default/ingresses/web'],
    ['an ingress class', ['ingressclass', 'nginx'], '/apis/networking.k8s.io/v1/ingressclasses/nginx'],
    ['endpoints', ['endpoints', 'web'], '/api/v1/namespaces/default/endpoints/web'],
    ['a service account', ['sa', 'builder'], '/api/v1/namespaces/default/serviceaccounts/builder'],
    ['an autoscaler', ['hpa', 'web'], '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web'],
    ['a disruption budget', ['pdb', 'web'], '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web'],
    ['a priority class', ['priorityclass', 'high'], '/apis/scheduling.k8s.io/v1/priorityclasses/high'],
    [
      'a resource quota',
      ['-n', 'team-a', 'quota', 'compute'],
      '/api/v1/namespaces/team-a/resourcequotas/compute',
    ],
    [
      'a scoped quota',
      ['-n', 'team-a', 'quota', 'besteffort'],
      '/api/v1/namespaces/team-a/resourcequotas/besteffort',
    ],
    [
      'a limit range',
      ['-n', 'team-a', 'limits', 'defaults'],
      '/api/v1/namespaces/team-a/limitranges/defaults',
    ],
    [
      'a network policy',
      ['netpol', 'web-allow'],
      '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/web-allow',
    ],
    ['a role', ['role', 'reader'], '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/reader'],
    [
      'a role binding',
      ['rolebinding', 'reader'],
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/reader',
    ],
    ['a cluster role', ['clusterrole', 'mixed'], '/apis/rbac.authorization.k8s.io/v1/clusterroles/mixed'],
    [
      'a cluster role binding',
      ['clusterrolebinding', 'mixed'],
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/mixed',
    ],
    [
      'a replication controller',
      ['rc', 'legacy'],
      '/api/v1/namespaces/default/replicationcontrollers/legacy',
    ],
    ['a CSI node', ['csinode', 'node-1'], '/apis/storage.k8s.io/v1/csinodes/node-1'],
    [
      'a lease (generic describer)',
      ['lease', 'demo-lock'],
      '/apis/coordination.k8s.io/v1/namespaces/default/leases/demo-lock',
    ],
  ];

  it.each(CASES)('%s', async (_title, args, apiPath) => {
    await compare(args, apiPath);
  });

  it('a replica set, an endpoint slice and a persistent volume the cluster named', async () => {
    const name = async (args: string[]) =>
      (await api.kubectl([...args, '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
    const rs = await name(['get', 'rs', '-l', 'app=web', '--sort-by=.metadata.creationTimestamp']);
    await compare(['rs', rs], `/apis/apps/v1/namespaces/default/replicasets/${rs}`);
    const slice = await name(['get', 'endpointslice', '-l', 'kubernetes.io/service-name=web']);
    await compare(
      ['endpointslice', slice],
      `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/${slice}`,
    );
    const pv = (await api.kubectl(['get', 'pvc', 'data', '-o', 'jsonpath={.spec.volumeName}'])).stdout;
    await compare(['pv', pv], `/api/v1/persistentvolumes/${pv}`);
  });
});
