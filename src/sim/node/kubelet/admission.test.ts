import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../scheduler/testing';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { replicaSet } from '../../controllers/replicaset';
import { admitPod } from './admission';
import { NODES, PODS, type PodObject } from './context';
import { setupNode } from './testing';

const node = makeNode('node-1', { cpu: '2', memory: '4Gi', pods: '3', labels: { disk: 'ssd' } });
const running = [makePod('a', { nodeName: 'node-1', requests: { cpu: '1500m', memory: '1Gi' } })];

describe('kubelet pod admission', () => {
  it.each([
    {
      name: 'a pod that fits',
      pod: makePod('p', { nodeName: 'node-1', requests: { cpu: '500m' } }),
      want: null,
    },
    {
      name: 'more cpu than is left',
      pod: makePod('p', { nodeName: 'node-1', requests: { cpu: '1' } }),
      want: [
        'OutOfcpu',
        "Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
      ],
    },
    {
      name: 'more memory than is left (the first shortage wins)',
      pod: makePod('p', { nodeName: 'node-1', requests: { memory: '4Gi' } }),
      want: [
        'OutOfmemory',
        "Node didn't have enough resource: memory, requested: 4294967296, used: 1073741824, capacity: 4294967296",
      ],
    },
    {
      name: 'a node selector the node does not match',
      pod: makePod('p', { nodeName: 'node-1', nodeSelector: { disk: 'hdd' } }),
      want: [
        'NodeAffinity',
        "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
      ],
    },
    {
      name: 'a host port already taken',
      pod: makePod('p', { nodeName: 'node-1', hostPorts: [8080] }),
      others: [makePod('b', { nodeName: 'node-1', hostPorts: [8080] })],
      want: [
        'NodePorts',
        "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports",
      ],
    },
    {
      name: 'one pod too many',
      pod: makePod('p', { nodeName: 'node-1' }),
      others: [makePod('b', { nodeName: 'node-1' }), makePod('c', { nodeName: 'node-1' })],
      want: ['OutOfpods', "Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3"],
    },
  ])('$name', ({ pod, others, want }) => {
    const verdict = admitPod(pod, node, [...running, ...(others ?? [])]);
    expect(verdict.admit ? null : [verdict.reason, verdict.message]).toEqual(want);
  });

  it('rejects a NoExecute taint the pod does not tolerate, but not for a static pod', () => {
    const tainted = makeNode('node-1', { taints: [{ key: 'gone', effect: 'NoExecute' }] });
    const pod = makePod('p', { nodeName: 'node-1' });
    expect(admitPod(pod, tainted, [])).toEqual({
      admit: false,
      reason: 'TaintToleration',
      message: "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate",
    });
    const staticPod = {
      ...pod,
      metadata: { ...pod.metadata, annotations: { 'kubernetes.io/config.source': 'file' } },
    };
    expect(admitPod(staticPod, tainted, [])).toEqual({ admit: true });
    const noSchedule = makeNode('node-1', { taints: [{ key: 'x', effect: 'NoSchedule' }] });
    expect(admitPod(pod, noSchedule, [])).toEqual({ admit: true });
  });
});

describe('a kubelet rejecting a pod bound to it by hand', () => {
  it('fails a pod that asks for more cpu than the node has left: OutOfcpu, never started', () => {
    const t = setupNode();
    t.run(5_000);
    t.createPod('fits', {
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1500m' } } }],
    });
    t.run(10_000);
    t.createPod('greedy', {
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }],
    });
    t.run(10_000);
    const greedy = t.getPod('greedy');
    expect(greedy.status).toMatchObject({
      phase: 'Failed',
      reason: 'OutOfcpu',
      message:
        "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
    });
    expect(greedy.status?.containerStatuses).toBeUndefined();
    expect(t.statuses('greedy').at(-1)).toBe('OutOfcpu');
    expect(t.eventsOf('greedy')).toEqual([
      "Warning OutOfcpu: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000",
    ]);
    expect(t.getPod('fits').status?.phase).toBe('Running');
  });
});

describe('a kubelet rejecting pods a controller keeps replacing', () => {
  it('paces the loop: rejected pods fail one virtual second after arriving, so time moves on', () => {
    const t = setupNode(1, { controllers: [replicaSet] });
    t.run(5_000);
    t.client.create(findResource('apps', 'v1', 'replicasets') as ResourceInfo, 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'pinned' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'pinned' } },
        template: {
          metadata: { labels: { app: 'pinned' } },
          spec: {
            nodeName: 'node-1',
            containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }],
          },
        },
      },
    });
    t.run(20_000);
    const pods = t.client.list(PODS, 'default').items as PodObject[];
    const failed = pods.filter((p) => p.status?.reason === 'OutOfcpu');
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.length).toBeLessThanOrEqual(21);
  });

  it('reads the Node again when only node affinity fails, so a label just added counts', () => {
    const t = setupNode();
    t.run(5_000);
    t.client.patch(NODES, null, 'node-1', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    t.createPod('picky', { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] });
    t.run(10_000);
    expect(t.getPod('picky').status?.phase).toBe('Running');
  });
});
