import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import type { TraceStep } from './kernel/trace';

/** The step and its causes back to the root, root first. */
function rootChain(steps: readonly TraceStep[], step: TraceStep): TraceStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const chain: TraceStep[] = [];
  for (
    let s: TraceStep | undefined = step;
    s !== undefined;
    s = s.causedBy === null ? undefined : byId.get(s.causedBy)
  )
    chain.unshift(s);
  return chain;
}

describe('the causal chain of one kubectl apply', () => {
  it('runs kubectl -> apiserver -> etcd -> deployment controller -> replicaset controller -> scheduler -> kubelet', () => {
    const cluster = createCluster({ seed: 7 });
    const steps: TraceStep[] = [];
    cluster.kernel.trace.subscribe((s) => steps.push(s));
    cluster.kernel.runUntil(30_000);
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
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
          },
        },
      }),
      client: 'kubectl',
    });
    cluster.kernel.runUntil(cluster.kernel.clock.now() + 60_000);

    // The kubelet's first CRI call for the pod: follow its causes back to kubectl's request.
    const sandbox = steps.find((s) => s.summary.includes('RunPodSandbox') && s.summary.includes('web-'));
    expect(sandbox).toBeDefined();
    const chain = rootChain(steps, sandbox as TraceStep);
    const hops = chain.map((s) => `${s.from} -> ${s.to} ${s.kind}`);
    const at = (re: RegExp) => hops.findIndex((h) => re.test(h));
    const order = [
      /^kubectl -> control-plane\/kube-apiserver request$/,
      /^control-plane\/kube-apiserver -> control-plane\/etcd storage$/,
      /-> control-plane\/kube-controller-manager watch$/,
      /^control-plane\/kube-controller-manager -> control-plane\/kube-apiserver request$/,
      /-> control-plane\/kube-scheduler watch$/,
      /^control-plane\/kube-scheduler -> control-plane\/kube-apiserver request$/,
      /-> node-\d\/kubelet watch$/,
      /^node-\d\/kubelet -> node-\d\/container-runtime runtime$/,
    ].map(at);
    expect(
      order.every((i) => i >= 0),
      hops.join('\n'),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The controller manager acts twice on the way: the Deployment creates a ReplicaSet, whose
    // controller then creates the pod.
    const summaries = chain.map((s) => s.summary);
    const rsPost = summaries.findIndex((s) =>
      s.startsWith('POST /apis/apps/v1/namespaces/default/replicasets'),
    );
    const podPost = summaries.findIndex((s) => s.startsWith('POST /api/v1/namespaces/default/pods'));
    const binding = summaries.findIndex((s) =>
      /^POST \/api\/v1\/namespaces\/default\/pods\/web-[^/]+\/binding/.test(s),
    );
    expect([rsPost >= 0, podPost > rsPost, binding > podPost]).toEqual([true, true, true]);
  });
});
