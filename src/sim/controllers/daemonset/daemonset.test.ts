import { describe, expect, it } from 'vitest';
import { DAEMONSETS, dsManifest, NODES, testbed } from './testing';

const V2 = {
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image: 'agent:2' }] },
};

describe('daemonset controller: placement', () => {
  it('creates one pod per node, pinned by node affinity, with the daemon tolerations', () => {
    const { client, run, node, live, placement, ds, events, revisions } = testbed();
    node('node-1');
    node('node-2');
    client.create(DAEMONSETS, 'default', dsManifest());
    run();
    expect(placement()).toEqual({ 'node-1': ['agent:1'], 'node-2': ['agent:1'] });
    const pod = live().find(
      (p) =>
        p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]
          ?.matchFields?.[0]?.values?.[0] === 'node-1',
    );
    expect(pod?.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pod?.spec?.nodeName).toBeUndefined();
    const [revision] = revisions();
    const hash = revision?.metadata.labels?.['controller-revision-hash'] ?? '';
    expect(revision?.metadata.name).toBe(`agent-${hash}`);
    expect(pod?.metadata.labels).toEqual({
      app: 'agent',
      'controller-revision-hash': hash,
      'pod-template-generation': '1',
    });
    expect(pod?.spec?.tolerations?.map((t) => `${t.key ?? ''}:${t.effect ?? ''}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(
      events()
        .filter((e) => e.reason === 'SuccessfulCreate')
        .map((e) => e.message)
        .sort(),
    ).toEqual(
      live()
        .map((p) => `Created pod: ${p.metadata.name ?? ''}`)
        .sort(),
    );
    expect(ds().status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 0,
      numberUnavailable: 2,
    });
  });

  it('honours nodeSelector and untolerated taints, and follows nodes coming and going', () => {
    const { client, run, node, placement, ds, reap } = testbed();
    node('node-1', { disk: 'ssd' });
    node('node-2', { disk: 'hdd' });
    node('node-3', { disk: 'ssd' }, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    node('node-4', { disk: 'ssd' }, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    client.create(DAEMONSETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'agent', image: 'agent:1' }] },
        },
      },
    });
    run();
    expect(Object.keys(placement()).sort()).toEqual(['node-1', 'node-4']);
    node('node-5', { disk: 'ssd' });
    run();
    expect(Object.keys(placement()).sort()).toEqual(['node-1', 'node-4', 'node-5']);
    // A NoExecute taint the pod does not tolerate evicts it; a NoSchedule one would not.
    client.patch(NODES, null, 'node-5', 'merge', {
      spec: { taints: [{ key: 'gone', effect: 'NoExecute' }] },
    });
    client.patch(NODES, null, 'node-1', 'merge', {
      spec: { taints: [{ key: 'quiet', effect: 'NoSchedule' }] },
    });
    run();
    reap();
    expect(Object.keys(placement()).sort()).toEqual(['node-1', 'node-4']);
    client.delete(NODES, null, 'node-4');
    run();
    reap();
    expect(Object.keys(placement()).sort()).toEqual(['node-1']);
    // node-1's NoSchedule taint keeps its pod there, but counts it as misscheduled.
    expect(ds().status).toMatchObject({
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
      numberMisscheduled: 1,
    });
  });
});

describe('daemonset controller: updates', () => {
  it('rolls out one node at a time with maxUnavailable 1', () => {
    const { client, run, node, placement, readyAll, reap, ds, revisions } = testbed();
    for (const n of ['node-1', 'node-2', 'node-3']) node(n);
    client.create(DAEMONSETS, 'default', dsManifest());
    run();
    readyAll();
    client.patch(DAEMONSETS, 'default', 'agent', 'merge', { spec: { template: V2 } });
    run();
    const images = () => Object.values(placement()).flat().sort();
    expect(images()).toEqual(['agent:1', 'agent:1']);
    reap();
    expect(images()).toEqual(['agent:1', 'agent:1', 'agent:2']);
    run(5_000);
    expect(images()).toEqual(['agent:1', 'agent:1', 'agent:2']);
    for (let i = 0; i < 4; i++) {
      readyAll();
      reap();
    }
    readyAll();
    expect(images()).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect(
      revisions()
        .map((r) => r.revision)
        .sort(),
    ).toEqual([1, 2]);
    expect(ds().status).toMatchObject({
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 2,
    });
  });

  it('surges a new pod next to the old one with maxSurge, and leaves OnDelete alone', () => {
    const { client, run, node, placement, readyAll, reap } = testbed();
    node('node-1');
    client.create(DAEMONSETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'agent:1' }] },
        },
      },
    });
    run();
    readyAll();
    client.patch(DAEMONSETS, 'default', 'agent', 'merge', { spec: { template: V2 } });
    run();
    expect(placement()['node-1']?.sort()).toEqual(['agent:1', 'agent:2']);
    readyAll();
    reap();
    expect(placement()).toEqual({ 'node-1': ['agent:2'] });

    client.patch(DAEMONSETS, 'default', 'agent', 'merge', {
      spec: {
        updateStrategy: { type: 'OnDelete', rollingUpdate: null },
        template: { ...V2, spec: { containers: [{ name: 'agent', image: 'agent:3' }] } },
      },
    });
    run(5_000);
    expect(placement()).toEqual({ 'node-1': ['agent:2'] });
  });
});
