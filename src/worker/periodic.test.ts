import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/cluster';
import type { TraceStep } from '../sim/kernel/trace';
import { isPeriodicStep, PeriodicTracker } from './periodic';

const step = (over: Partial<TraceStep>): TraceStep => ({
  id: 1,
  time: 0,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'GET /api/v1/pods',
  detail: null,
  causedBy: null,
  ...over,
});

describe('isPeriodicStep', () => {
  it.each([
    [
      'an HTTP probe',
      { from: 'node-1/kubelet', to: 'node-1/pod/default/web', summary: 'GET http://10.244.1.2:80/' },
    ],
    [
      'a node lease renewal',
      {
        from: 'node-1/kubelet',
        summary:
          'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1?fieldManager=kubelet',
      },
    ],
    [
      'a node status patch',
      { from: 'node-2/kubelet', summary: 'PATCH /api/v1/nodes/node-2/status?fieldManager=kubelet' },
    ],
    [
      'the read before it',
      { from: 'node-2/kubelet', summary: 'GET /api/v1/nodes?fieldSelector=metadata.name=node-2' },
    ],
    [
      'the cloud’s node address sync',
      {
        from: 'control-plane/cloud-controller-manager',
        summary: 'PATCH /api/v1/nodes/node-1/status?fieldManager=cloud-controller-manager',
      },
    ],
    [
      'a configmap refresh',
      { from: 'node-2/kubelet', summary: 'GET /api/v1/namespaces/kube-system/configmaps/kube-proxy' },
    ],
    [
      'a metrics scrape',
      { from: 'metrics-server', to: 'metrics-server', kind: 'decision', summary: 'scrape 4 node(s)' },
    ],
    ['a metrics request', { from: 'metrics-server', to: 'node-1/kubelet', summary: 'GET /metrics/resource' }],
    [
      'a watch bookmark',
      {
        from: 'control-plane/kube-apiserver',
        to: 'node-1/kubelet',
        kind: 'watch',
        summary: 'watch BOOKMARK pods',
      },
    ],
    [
      'etcd compaction',
      {
        from: 'control-plane/kube-apiserver',
        to: 'control-plane/kube-apiserver',
        kind: 'decision',
        summary: 'compaction: remember revision 9 for the next tick',
      },
    ],
  ] as const)('%s is periodic', (_, over) => {
    expect(isPeriodicStep(step(over))).toBe(true);
  });

  it.each([
    ['kubectl creating a deployment', { summary: 'POST /apis/apps/v1/namespaces/default/deployments' }],
    [
      'a postStart hook (caused by a container start)',
      { from: 'node-1/kubelet', to: 'node-1/pod/default/web', causedBy: 7 },
    ],
    [
      'a configmap read for a starting pod',
      { from: 'node-2/kubelet', summary: 'GET /api/v1/namespaces/default/configmaps/app', causedBy: 3 },
    ],
    [
      'a binding',
      { from: 'control-plane/kube-scheduler', summary: 'POST /api/v1/namespaces/default/pods/web-1/binding' },
    ],
    [
      'a watch event',
      {
        from: 'control-plane/kube-apiserver',
        to: 'node-1/kubelet',
        kind: 'watch',
        summary: 'watch ADDED pods/web-1',
      },
    ],
  ] as const)('%s is not', (_, over) => {
    expect(isPeriodicStep(step(over))).toBe(false);
  });
});

describe('PeriodicTracker', () => {
  it('marks what a periodic step causes as periodic, and forgets nothing recent', () => {
    const tracker = new PeriodicTracker();
    const lease = step({
      id: 10,
      from: 'node-1/kubelet',
      summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
    });
    const write = step({
      id: 11,
      kind: 'storage',
      summary: 'PUT /registry/leases/kube-node-lease/node-1',
      causedBy: 10,
    });
    const create = step({ id: 12, summary: 'POST /api/v1/namespaces/default/pods' });
    expect([lease, write, create].map((s) => tracker.classify(s))).toEqual([true, true, false]);
    expect(tracker.known(11)).toBe(true);
    expect(tracker.known(12)).toBe(false);
    expect(tracker.known(99)).toBeUndefined();
  });

  it('leaves little of an idle cluster’s trace visible once it has settled', () => {
    const cluster = createCluster({ seed: 5, workerNodes: 2 });
    const tracker = new PeriodicTracker();
    let shown = 0;
    let total = 0;
    cluster.kernel.trace.subscribe((s) => {
      const periodic = tracker.classify(s);
      if (s.time < 90_000) return;
      total++;
      if (!periodic) shown++;
    });
    cluster.kernel.runUntil(150_000);
    expect(total).toBeGreaterThan(300);
    expect(shown / total).toBeLessThan(0.1);
  });
});
