import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/cluster';
import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from './index';

/** A cluster doing a bit of everything: a Deployment behind a Service, DNS, a volume, a Job, a failing pod. */
function busyTrace(containerRuntime: 'containerd' | 'cri-o'): TraceStep[] {
  const cluster = createCluster({ seed: 4, workerNodes: 2, containerRuntime });
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const post = (path: string, body: object) =>
    cluster.apiserver.handle({
      method: 'POST',
      path,
      query: {},
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      client: 'kubectl',
    });
  cluster.kernel.runUntil(20_000);
  const labels = { app: 'web' };
  const container = (name: string, image: string, command?: string) => ({
    name,
    image,
    ...(command === undefined ? {} : { command: ['sh', '-c', command] }),
  });
  post('/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            { ...container('nginx', 'nginx'), readinessProbe: { httpGet: { path: '/', port: 80 } } },
          ],
        },
      },
    },
  });
  post('/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: labels, ports: [{ port: 80 }] },
  });
  post('/api/v1/namespaces/default/persistentvolumeclaims', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  post('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'client' },
    spec: {
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      containers: [
        {
          ...container(
            'c',
            'busybox',
            'while true; do wget -qO- http://web; nslookup example.com; sleep 5; done',
          ),
          volumeMounts: [{ name: 'd', mountPath: '/d' }],
        },
      ],
    },
  });
  post('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'huge' },
    spec: { containers: [{ ...container('c', 'nginx'), resources: { requests: { cpu: '64' } } }] },
  });
  post('/apis/batch/v1/namespaces/default/jobs', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [container('pi', 'busybox', 'echo hi')] } },
    },
  });
  cluster.kernel.runUntil(cluster.kernel.clock.now() + 60_000);
  return steps;
}

describe('explanations cover what a cluster does', () => {
  it.each(['containerd', 'cri-o'] as const)(
    'every step of a busy %s cluster has a specific explanation',
    (runtime) => {
      const steps = busyTrace(runtime);
      const generic = steps
        .filter((s) => explainStep(s).generic === true)
        .map((s) => `${s.kind} ${s.from} -> ${s.to}: ${s.summary}`);
      expect([...new Set(generic)].slice(0, 20)).toEqual([]);
      const kinds = new Set(steps.map((s) => s.kind));
      expect([...kinds].sort()).toEqual(['decision', 'request', 'response', 'runtime', 'storage', 'watch']);
      expect(steps.some((s) => s.summary.startsWith('DNS query'))).toBe(true);
      expect(steps.some((s) => s.to.endsWith('/csi'))).toBe(true);
    },
  );
});
