import { describe, expect, it } from 'vitest';
import { PODS, setManifest, STATEFULSETS, testbed } from './testing';

const TEMPLATE_V2 = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] },
};

describe('statefulset controller: OrderedReady', () => {
  it('creates pods one at a time, each waiting for the one before to be Running and Ready', () => {
    const { client, run, names, ready, pods, events, set } = testbed();
    client.create(STATEFULSETS, 'default', setManifest());
    run();
    expect(names()).toEqual(['web-0']);
    run(10_000);
    expect(names()).toEqual(['web-0']);
    ready('web-0');
    run();
    expect(names()).toEqual(['web-0', 'web-1']);
    ready('web-1');
    run();
    ready('web-2');
    run();
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);

    const [pod] = pods();
    const rev = set().status?.updateRevision ?? '';
    expect(rev).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod?.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': rev,
    });
    expect(pod?.spec?.hostname).toBe('web-0');
    expect(pod?.spec?.subdomain).toBe('nginx');
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'web',
      controller: true,
    });
    const created = events()
      .filter((e) => e.reason === 'SuccessfulCreate')
      .map((e) => e.message);
    expect(created).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
    expect(events()[0]?.source.component).toBe('statefulset-controller');
    expect(set().status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: 3,
    });
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const { client, run, names, readyAll, forceDelete, pods, events } = testbed();
    client.create(STATEFULSETS, 'default', setManifest());
    for (let i = 0; i < 4; i++) readyAll();
    client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    run();
    const terminating = () => pods().filter((p) => p.metadata.deletionTimestamp !== undefined);
    expect(terminating().map((p) => p.metadata.name)).toEqual(['web-2']);
    run(10_000);
    expect(terminating().map((p) => p.metadata.name)).toEqual(['web-2']);
    forceDelete('web-2');
    run();
    expect(terminating().map((p) => p.metadata.name)).toEqual(['web-1']);
    forceDelete('web-1');
    run();
    expect(names()).toEqual(['web-0']);
    expect(
      events()
        .filter((e) => e.reason === 'SuccessfulDelete')
        .map((e) => e.message),
    ).toEqual([
      'delete Pod web-2 in StatefulSet web successful',
      'delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('creates one claim per volumeClaimTemplate before the pod, and mounts it', () => {
    const { client, run, claims, pods, events } = testbed();
    const template = {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    client.create(
      STATEFULSETS,
      'default',
      setManifest({
        replicas: 1,
        volumeClaimTemplates: [template],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
      }),
    );
    run();
    const [claim] = claims();
    expect(claim?.metadata.name).toBe('data-web-0');
    expect(claim?.metadata.labels).toEqual({ app: 'web' });
    expect(claim?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web' });
    expect(claim?.spec?.resources?.requests?.storage).toBe('1Gi');
    expect(pods()[0]?.spec?.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
    ]);
    expect(events().map((e) => e.message)).toContain(
      'create Claim data-web-0 Pod web-0 in StatefulSet web success',
    );
  });
});

describe('statefulset controller: Parallel and updates', () => {
  it('creates and deletes every pod at once with the Parallel policy', () => {
    const { client, run, names } = testbed();
    client.create(STATEFULSETS, 'default', setManifest({ podManagementPolicy: 'Parallel' }));
    run();
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
    client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 0 } });
    run();
    expect(names()).toEqual([]);
  });

  it('rolls pods from the highest ordinal down to the partition, with a new revision', () => {
    const { client, run, readyAll, pods, set, revisions, forceDelete } = testbed();
    client.create(
      STATEFULSETS,
      'default',
      setManifest({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }),
    );
    for (let i = 0; i < 4; i++) readyAll();
    const v1 = set().status?.currentRevision ?? '';
    client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { template: TEMPLATE_V2 } });
    run();
    const v2 = set().status?.updateRevision ?? '';
    expect(v2).not.toBe(v1);
    expect(revisions().map((r) => [r.metadata.name, r.revision])).toEqual([
      [v1, 1],
      [v2, 2],
    ]);
    // web-2 goes first: it terminates, and comes back at the new revision once gone.
    expect(pods().find((p) => p.metadata.name === 'web-2')?.metadata.deletionTimestamp).toBeDefined();
    expect(pods().filter((p) => p.metadata.deletionTimestamp !== undefined)).toHaveLength(1);
    forceDelete('web-2');
    run();
    readyAll();
    // The partition keeps web-0 at the old revision; web-1 is next.
    expect(pods().find((p) => p.metadata.name === 'web-1')?.metadata.deletionTimestamp).toBeDefined();
    forceDelete('web-1');
    run();
    readyAll();
    readyAll();
    const image = (name: string) => pods().find((p) => p.metadata.name === name)?.spec?.containers[0]?.image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual([
      'nginx:1.27',
      'nginx:1.28',
      'nginx:1.28',
    ]);
    expect(set().status).toMatchObject({
      currentRevision: v1,
      updateRevision: v2,
      updatedReplicas: 2,
      currentReplicas: 1,
    });

    client.patch(STATEFULSETS, 'default', 'web', 'merge', {
      spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    });
    run();
    forceDelete('web-0');
    for (let i = 0; i < 3; i++) readyAll();
    expect(image('web-0')).toBe('nginx:1.28');
    expect(set().status).toMatchObject({
      currentRevision: v2,
      updateRevision: v2,
      updatedReplicas: 3,
      currentReplicas: 3,
    });
  });

  it('leaves pods alone with OnDelete until they are deleted', () => {
    const { client, run, readyAll, pods, forceDelete } = testbed();
    client.create(
      STATEFULSETS,
      'default',
      setManifest({ replicas: 2, updateStrategy: { type: 'OnDelete' } }),
    );
    for (let i = 0; i < 3; i++) readyAll();
    client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { template: TEMPLATE_V2 } });
    run(5_000);
    expect(pods().map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.27', 'nginx:1.27']);
    client.delete(PODS, 'default', 'web-1');
    forceDelete('web-1');
    run();
    expect(pods().map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.27', 'nginx:1.28']);
  });
});
