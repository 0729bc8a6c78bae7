import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/cluster';
import type { TraceStep } from '../../sim/kernel/trace';
import { PeriodicTracker } from '../../worker/periodic';
import { JourneyIndex, outcome } from './journeys';

let nextId = 1;
const step = (over: Partial<TraceStep> = {}): TraceStep => ({
  id: nextId++,
  time: 0,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'GET /api',
  detail: null,
  causedBy: null,
  ...over,
});

describe('JourneyIndex', () => {
  it('puts every step in the journey of its cause, transitively', () => {
    nextId = 1;
    const index = new JourneyIndex();
    const post = step({ summary: 'POST /apis/apps/v1/namespaces/default/deployments' });
    const put = step({
      kind: 'storage',
      causedBy: post.id,
      summary: 'PUT /registry/pods/default/web-1 (rev 9)',
      detail: { txn: 'create' },
    });
    const watch = step({ kind: 'watch', causedBy: put.id });
    const bind = step({ kind: 'decision', causedBy: watch.id, summary: 'binding: web-1 -> node-1' });
    const start = step({ kind: 'runtime', causedBy: bind.id, summary: 'StartContainer abc (nginx)' });
    const lease = step({
      from: 'node-1/kubelet',
      summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
    });
    const conflict = step({
      kind: 'response',
      from: 'control-plane/kube-apiserver',
      to: 'node-1/kubelet',
      causedBy: lease.id,
      summary: '409 Conflict',
    });
    for (const s of [post, put, watch, bind, start]) index.add(s, false);
    index.add(lease, true);
    index.add(conflict, true);
    const [leases, deploy] = index.newestFirst();
    expect(deploy).toMatchObject({
      key: `step:${post.id}`,
      root: post,
      periodic: false,
      steps: [1, 2, 3, 4, 5],
    });
    expect(outcome(deploy!.stats)).toBe('1 pod created · 1 scheduled · 1 container started');
    expect(leases).toMatchObject({ periodic: true, steps: [6, 7] });
    expect(outcome(leases!.stats)).toBe('1 error');
    expect(index.of(start.id)).toBe(deploy);
  });

  it('groups the requests of one terminal command', () => {
    nextId = 1;
    const index = new JourneyIndex();
    const command = { key: 'cmd:3', line: 'kubectl create deployment web --image=nginx' };
    index.add(step({ summary: 'GET /api' }), false, command);
    index.add(step({ summary: 'GET /apis' }), false, command);
    index.add(step({ summary: 'POST /apis/apps/v1/namespaces/default/deployments' }), false, command);
    index.add(step({ kind: 'response', causedBy: 3, summary: '201 Created' }), false);
    expect(index.size).toBe(1);
    expect(index.get('cmd:3')).toMatchObject({ command: command.line, steps: [1, 2, 3, 4] });
  });

  it('forgets old steps, and journeys left with none', () => {
    nextId = 1;
    const index = new JourneyIndex();
    const a = step();
    const b = step();
    index.add(a, false);
    index.add(b, false);
    index.add(step({ causedBy: a.id }), false);
    index.add(step({ causedBy: b.id }), false);
    index.evictBefore(3);
    expect(index.newestFirst().map((j) => j.steps)).toEqual([[4], [3]]);
    expect(index.of(1)).toBeUndefined();
    index.evictBefore(4);
    expect(index.newestFirst().map((j) => j.steps)).toEqual([[4]]);
  });

  it('follows one kubectl request of a real cluster to the kubelets, CRI and CNI', () => {
    const cluster = createCluster({ seed: 7, workerNodes: 2 });
    const index = new JourneyIndex();
    const periodic = new PeriodicTracker();
    cluster.kernel.trace.subscribe((s) => index.add(s, periodic.classify(s)));
    cluster.kernel.runUntil(20_000);
    cluster.apiserver.handle({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
          },
        },
      }),
      client: 'kubectl',
    });
    cluster.kernel.runUntil(cluster.kernel.clock.now() + 30_000);
    const journey = index
      .newestFirst()
      .find(
        (j) =>
          j.root.from === 'kubectl' &&
          j.root.summary.startsWith('POST /apis/apps/v1/namespaces/default/deployments'),
      );
    expect(journey?.periodic).toBe(false);
    expect(outcome(journey!.stats)).toBe('2 pods created · 2 scheduled · 2 containers started');
  });
});
