import { describe, expect, it } from 'vitest';
import { SchedulerCache } from './cache';
import { makeNode, makePod } from './testing';

const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });

describe('SchedulerCache', () => {
  it('lists nodes zone by zone, round robin', () => {
    const cache = new SchedulerCache();
    for (const [name, z] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['a3', 'a'],
      ['b1', 'b'],
      ['c1', 'c'],
      ['b2', 'b'],
    ] as const) {
      cache.addNode(makeNode(name, zone(z)));
    }
    expect(cache.nodeNames()).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    cache.removeNode(makeNode('b1', zone('b')));
    cache.updateNode(makeNode('a2', zone('c')));
    expect(cache.nodeNames()).toEqual(['a1', 'b2', 'c1', 'a3', 'a2']);
  });

  it('counts assumed pods until they are confirmed or forgotten', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n', { cpu: '2' }));
    const pod = makePod('p', { requests: { cpu: '1' } });
    cache.assumePod(pod, 'n');
    const info = () => cache.snapshot().get('n');
    expect([cache.isAssumed(pod), info()?.requested.milliCPU, info()?.pods.length]).toEqual([true, 1000, 1]);
    cache.forgetPod(pod);
    expect([cache.isAssumed(pod), info()?.requested.milliCPU]).toEqual([false, 0]);
    cache.assumePod(pod, 'n');
    cache.addPod({ ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], nodeName: 'n' } });
    expect([cache.isAssumed(pod), info()?.requested.milliCPU, info()?.pods.length]).toEqual([false, 1000, 1]);
    cache.removePod(pod);
    expect(info()?.pods.length).toBe(0);
  });

  it('fills in how many nodes have each image', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a', { images: [{ names: ['nginx:1.27'], sizeBytes: 10 }] }));
    cache.addNode(makeNode('b', { images: [{ names: ['nginx:1.27', 'redis:7'], sizeBytes: 10 }] }));
    expect(Object.fromEntries(cache.snapshot().get('b')?.imageStates ?? [])).toEqual({
      'nginx:1.27': { size: 10, numNodes: 2 },
      'redis:7': { size: 10, numNodes: 1 },
    });
  });
});
