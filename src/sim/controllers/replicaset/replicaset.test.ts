import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventRecorder } from '../../client/events';
import { CONTROLLER_MANAGER_ID } from '../manager';
import {
  chainOf,
  PODS,
  podManifest,
  REPLICASETS,
  replicaSetManifest,
  running,
  setPodStatus,
  setup,
} from './testing';

const KCM = CONTROLLER_MANAGER_ID;
const POD_POST = 'POST /api/v1/namespaces/default/pods';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('replicaset controller: scaling up', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet, in slow-start batches', () => {
    const { client, steps, run, pods, rs, events } = setup();
    const recorder = vi.spyOn(EventRecorder.prototype, 'event');
    const created = client.create(REPLICASETS, 'default', replicaSetManifest('web', 10));
    run(1000);

    const all = pods();
    expect(all).toHaveLength(10);
    for (const pod of all) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.generateName).toBe('web-');
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.annotations).toEqual({ note: 'from-template' });
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: created.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(pod.spec?.containers[0]?.image).toBe('nginx:1.27');
    }

    const batches = steps
      .filter((s) => s.kind === 'decision' && s.summary.startsWith('replicaset: slow-start batch'))
      .map((s) => s.summary);
    expect(batches).toEqual([
      'replicaset: slow-start batch: creating 1 of 10 pods for ReplicaSet default/web',
      'replicaset: slow-start batch: creating 2 of 9 pods for ReplicaSet default/web',
      'replicaset: slow-start batch: creating 4 of 7 pods for ReplicaSet default/web',
      'replicaset: slow-start batch: creating 3 of 3 pods for ReplicaSet default/web',
    ]);
    // Expectations: exactly one create per missing replica, however often the controller woke.
    const posts = steps.filter(
      (s) => s.kind === 'request' && s.from === KCM && s.summary.startsWith(POD_POST),
    );
    expect(posts).toHaveLength(10);

    expect(rs('web').status).toEqual({ replicas: 10, fullyLabeledReplicas: 10, observedGeneration: 1 });
    const recorded = recorder.mock.calls.map(([obj, type, reason, message]) => [
      obj.metadata.name,
      type,
      reason,
      message,
    ]);
    expect(recorded.sort()).toEqual(
      all.map((p) => ['web', 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name ?? ''}`]),
    );
    const stored = events().find((e) => e.reason === 'SuccessfulCreate');
    expect(stored?.source?.component).toBe('replicaset-controller');
    expect(stored?.involvedObject).toMatchObject({ kind: 'ReplicaSet', name: 'web', namespace: 'default' });
  });

  it('links every pod create back to the request that created the ReplicaSet', () => {
    const { client, steps, run } = setup();
    const before = steps.length;
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 3));
    const request = steps
      .slice(before)
      .find(
        (s) => s.kind === 'request' && s.from === 'kubectl' && s.summary.startsWith('POST /apis/apps/v1'),
      );
    run(1000);
    const posts = steps.filter(
      (s) => s.kind === 'request' && s.from === KCM && s.summary.startsWith(POD_POST),
    );
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      const chain = chainOf(steps, post);
      expect(chain.at(-1)).toBe(request);
      expect(chain.some((s) => s.kind === 'watch' && s.to === KCM)).toBe(true);
      expect(
        chain.some((s) => s.summary.startsWith('replicaset: too few replicas for ReplicaSet default/web')),
      ).toBe(true);
    }
  });

  it('replaces a deleted pod, caused by the deletion', () => {
    const { client, steps, run, pods, rs } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 2));
    run(1000);
    const [victim, survivor] = pods();
    const before = steps.length;
    client.delete(PODS, 'default', victim?.metadata.name ?? '');
    const deletion = steps
      .slice(before)
      .find((s) => s.kind === 'request' && s.from === 'kubectl' && s.summary.startsWith('DELETE'));
    run(1000);
    const now = pods();
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata.name)).toContain(survivor?.metadata.name);
    expect(now.map((p) => p.metadata.name)).not.toContain(victim?.metadata.name);
    const post = steps
      .slice(before)
      .find((s) => s.kind === 'request' && s.from === KCM && s.summary.startsWith(POD_POST));
    expect(chainOf(steps, post).at(-1)).toBe(deletion);
    expect(rs('web').status?.replicas).toBe(2);
  });

  it('adopts matching orphans instead of creating pods, and leaves pods of other controllers alone', () => {
    const { client, run, pods, rs } = setup();
    client.create(PODS, 'default', podManifest('orphan', { app: 'web', extra: 'x' }));
    const foreign = {
      ...podManifest('foreign', { app: 'web' }),
      metadata: {
        name: 'foreign',
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'u-1', controller: true },
        ],
      },
    };
    client.create(PODS, 'default', foreign);
    const created = client.create(REPLICASETS, 'default', replicaSetManifest('web', 2));
    run(1000);
    const all = pods();
    expect(all).toHaveLength(3);
    const orphan = all.find((p) => p.metadata.name === 'orphan');
    expect(orphan?.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'ReplicaSet',
        name: 'web',
        uid: created.metadata.uid,
        controller: true,
      }),
    ]);
    expect(all.find((p) => p.metadata.name === 'foreign')?.metadata.ownerReferences?.[0]?.name).toBe('other');
    expect(rs('web').status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 2 });
  });

  it('releases owned pods that stop matching the selector, and replaces them', () => {
    const { client, run, pods } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 2));
    run(1000);
    const [first] = pods();
    const name = first?.metadata.name ?? '';
    client.patch(PODS, 'default', name, 'merge', { metadata: { labels: { app: 'debug' } } });
    run(1000);
    const all = pods();
    expect(all).toHaveLength(3);
    expect(all.find((p) => p.metadata.name === name)?.metadata.ownerReferences).toBeUndefined();
    expect(all.filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
  });
});

describe('replicaset controller: status', () => {
  it('counts ready pods, and available ones once ready for minReadySeconds', () => {
    const { cluster, client, run, pods, rs } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 3, { minReadySeconds: 10 }));
    run(1000);
    const [a, b] = pods();
    const stamp = cluster.kernel.clock.timestamp();
    setPodStatus(client, a?.metadata.name ?? '', running(true, stamp));
    setPodStatus(client, b?.metadata.name ?? '', running(true, stamp));
    run(1000);
    expect(rs('web').status).toMatchObject({ replicas: 3, readyReplicas: 2 });
    expect(rs('web').status?.availableReplicas).toBeUndefined();
    run(5000);
    expect(rs('web').status?.availableReplicas).toBeUndefined();
    run(6000);
    expect(rs('web').status).toMatchObject({ replicas: 3, readyReplicas: 2, availableReplicas: 2 });
  });

  it('does not count pods that finished or are being deleted, and replaces them at once', () => {
    const { client, run, pods, rs } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 2));
    run(1000);
    const [done, leaving] = pods().map((p) => p.metadata.name ?? '');
    setPodStatus(client, done ?? '', { phase: 'Succeeded' });
    // A pod bound to a node is deleted gracefully: it lingers (no kubelet here) with a deletionTimestamp.
    client.request('POST', `/api/v1/namespaces/default/pods/${leaving ?? ''}/binding`, {
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: leaving },
        target: { kind: 'Node', name: 'node-1' },
      },
    });
    client.delete(PODS, 'default', leaving ?? '');
    run(1000);
    const all = pods();
    expect(all).toHaveLength(4);
    expect(all.find((p) => p.metadata.name === leaving)?.metadata.deletionTimestamp).toBeDefined();
    expect(rs('web').status?.replicas).toBe(2);
  });

  it('observes a new generation when the spec changes', () => {
    const { client, run, rs } = setup();
    client.create(REPLICASETS, 'default', replicaSetManifest('web', 1));
    run(1000);
    client.patch(REPLICASETS, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    run(1000);
    expect(rs('web').metadata.generation).toBe(2);
    expect(rs('web').status).toMatchObject({ replicas: 2, observedGeneration: 2 });
  });
});
