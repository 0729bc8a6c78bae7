import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import type { TraceStep } from '../../kernel/trace';
import { ApiClient } from '../../client/rest';
import { createCluster } from '../../cluster';
import { createControllerManager } from '../manager';
import { rootCaCertPublisher } from '../root-ca-cert-publisher';
import { serviceAccount } from '../serviceaccount';
import { namespace } from '.';

const core = (plural: string) => findResource('', 'v1', plural) as ResourceInfo;
const NAMESPACES = core('namespaces');
const CONFIGMAPS = core('configmaps');
const SECRETS = core('secrets');
const DEPLOYMENTS = findResource('apps', 'v1', 'deployments') as ResourceInfo;

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}
type Namespace = KubeObject & {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: Condition[] };
};

function setup() {
  const cluster = createCluster({
    seed: 1,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  const manager = createControllerManager(cluster.kernel, cluster.apiserver, [
    namespace,
    serviceAccount,
    rootCaCertPublisher,
  ]);
  manager.start();
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  return { cluster, client, steps, run };
}

function statusOf(fn: () => unknown): number {
  try {
    fn();
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

function fill(client: ApiClient, ns: string) {
  client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  client.create(CONFIGMAPS, ns, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg' },
    data: { a: '1' },
  });
  client.create(SECRETS, ns, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'pw' },
    stringData: { p: 'x' },
  });
  client.create(DEPLOYMENTS, ns, deployment('web'));
}

describe('namespace controller', () => {
  it('empties a deleted namespace, sets its conditions, finalizes it and lets it go', () => {
    const { client, steps, run } = setup();
    fill(client, 'shop');
    run(1000);
    const events: WatchEvent[] = [];
    client.watch(NAMESPACES, null, { fieldSelector: 'metadata.name=shop' }).start(
      (e) => events.push(e),
      () => {},
    );
    client.delete(NAMESPACES, null, 'shop');
    expect(client.get<Namespace>(NAMESPACES, null, 'shop').status?.phase).toBe('Terminating');
    run(4000);
    // Upstream waits 5 s before acting on a namespace event.
    expect(client.list(CONFIGMAPS, 'shop').items).toHaveLength(2);
    run(10_000);

    expect(statusOf(() => client.get(NAMESPACES, null, 'shop'))).toBe(404);
    for (const r of [CONFIGMAPS, SECRETS, DEPLOYMENTS, core('serviceaccounts')])
      expect(client.list(r, 'shop').items).toEqual([]);

    const conditions = events
      .map((e) => (e.object as Namespace).status?.conditions)
      .filter((c) => c !== undefined)
      .at(-1);
    expect(
      conditions?.map(({ type, status, reason, message }) => ({ type, status, reason, message })),
    ).toEqual([
      {
        type: 'NamespaceDeletionDiscoveryFailure',
        status: 'False',
        reason: 'ResourcesDiscovered',
        message: 'All resources successfully discovered',
      },
      {
        type: 'NamespaceDeletionGroupVersionParsingFailure',
        status: 'False',
        reason: 'ParsedGroupVersions',
        message: 'All legacy kube types successfully parsed',
      },
      {
        type: 'NamespaceDeletionContentFailure',
        status: 'False',
        reason: 'ContentDeleted',
        message: 'All content successfully deleted, may be waiting on finalization',
      },
      {
        type: 'NamespaceContentRemaining',
        status: 'False',
        reason: 'ContentRemoved',
        message: 'All content successfully removed',
      },
      {
        type: 'NamespaceFinalizersRemaining',
        status: 'False',
        reason: 'ContentRemoved',
        message: 'All content successfully removed',
      },
    ]);
    expect(events.at(-1)?.type).toBe('DELETED');

    const kcm = 'control-plane/kube-controller-manager';
    const requests = steps.filter((s) => s.kind === 'request' && s.from === kcm).map((s) => s.summary);
    expect(requests).toContain('DELETE /api/v1/namespaces/shop/configmaps');
    expect(requests).toContain('DELETE /apis/apps/v1/namespaces/shop/deployments');
    const finalize = steps.find((s) => s.summary.startsWith('PUT /api/v1/namespaces/shop/finalize'));
    expect(finalize?.from).toBe(kcm);
    expect(finalize?.causedBy).not.toBeNull();
  });

  it('waits for finalizers, reporting what remains, and refuses new content meanwhile', () => {
    const { client, run } = setup();
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'held' } });
    client.create(CONFIGMAPS, 'held', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stuck', finalizers: ['example.com/hold'] },
    });
    run(1000);
    client.delete(NAMESPACES, null, 'held');
    run(30_000);

    const ns = client.get<Namespace>(NAMESPACES, null, 'held');
    expect(ns.spec?.finalizers).toEqual(['kubernetes']);
    const byType = new Map(ns.status?.conditions?.map((c) => [c.type, c]));
    expect(byType.get('NamespaceContentRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: configmaps. has 1 resource instances',
    });
    expect(byType.get('NamespaceFinalizersRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeFinalizerRemain',
      message: 'Some finalizers are remaining: example.com/hold in 1 resource instances',
    });
    expect(client.list(CONFIGMAPS, 'held').items.map((c) => c.metadata.name)).toEqual(['stuck']);

    let forbidden: unknown;
    try {
      client.create(CONFIGMAPS, 'held', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    } catch (error) {
      forbidden = error;
    }
    expect(forbidden).toBeInstanceOf(ApiError);
    expect((forbidden as ApiError).status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect((forbidden as ApiError).message).toContain('because it is being terminated');

    client.patch(CONFIGMAPS, 'held', 'stuck', 'merge', { metadata: { finalizers: null } });
    run(20_000);
    expect(statusOf(() => client.get(NAMESPACES, null, 'held'))).toBe(404);
    expect(client.list(CONFIGMAPS, 'held').items).toEqual([]);
  });

  it('leaves namespaces that are not being deleted alone', () => {
    const { client, steps, run } = setup();
    fill(client, 'live');
    run(60_000);
    expect(client.get<Namespace>(NAMESPACES, null, 'live').status?.phase).toBe('Active');
    expect(
      client
        .list(CONFIGMAPS, 'live')
        .items.map((c) => c.metadata.name)
        .sort(),
    ).toEqual(['cfg', 'kube-root-ca.crt']);
    expect(steps.some((s) => s.summary.includes('/finalize'))).toBe(false);
  });

  it("waits out pods' grace period, then reports them as content it failed to delete", () => {
    const { client, steps, run } = setup();
    client.create(NAMESPACES, null, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pods' } });
    // A pod bound to a node is deleted gracefully (30 s); no kubelet here finishes the job.
    client.create(core('pods'), 'pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    run(1000);
    client.delete(NAMESPACES, null, 'pods');
    run(120_000);
    const decisions = steps.filter((s) => s.kind === 'decision' && s.summary.startsWith('namespace: '));
    expect(decisions[0]?.summary).toBe(
      'namespace: content remaining in namespace pods, checking again in 16s',
    );
    expect(decisions.at(-1)?.summary).toBe(
      'namespace: deletion of namespace pods failed: unexpected items still remain in namespace: pods for gvr: /v1, Resource=pods',
    );
    const conditions = client.get<Namespace>(NAMESPACES, null, 'pods').status?.conditions ?? [];
    expect(conditions.find((c) => c.type === 'NamespaceDeletionContentFailure')).toMatchObject({
      status: 'True',
      reason: 'ContentDeletionFailed',
      message:
        'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: pods for gvr: /v1, Resource=pods',
    });
  });
});
